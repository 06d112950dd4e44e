package rtpmesh.control.call;

/** A transport address as the control plane keeps it: text address and port. */
public record Endpoint(String address, int port) {

  public boolean ipv6() {
    return address.indexOf(':') >= 0;
  }

  public String family() {
    return ipv6() ? "IPv6" : "IPv4";
  }

  public boolean isZero() {
    return "0.0.0.0".equals(address) || "::".equals(address) || port == 0;
  }
}
