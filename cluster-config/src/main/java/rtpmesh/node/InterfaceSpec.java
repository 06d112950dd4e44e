package rtpmesh.node;

/**
 * One local address of a logical media interface: rtpengine's {@code [NAME/]IP[!ADVERTISED]}.
 * {@code advertised} equals {@code address} when none was given. Addresses are canonical text
 * (IPv6 compressed, no brackets).
 */
public record InterfaceSpec(String name, String address, String advertised) {
  public static final String DEFAULT_NAME = "default";

  @Override
  public String toString() {
    return name + "/" + address + (advertised.equals(address) ? "" : "!" + advertised);
  }
}
