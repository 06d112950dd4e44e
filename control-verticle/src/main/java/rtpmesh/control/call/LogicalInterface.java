package rtpmesh.control.call;

import java.util.List;

/**
 * A named media interface (rtpengine's {@code --interface=name/addr!advertised}): the local
 * addresses the node binds media sockets on, each with the address it puts into SDP.
 */
public record LogicalInterface(String name, List<Address> addresses) {

  public record Address(String local, String advertised) {
    public boolean ipv6() {
      return local.indexOf(':') >= 0;
    }
  }

  /** The address of the wanted family (true = IPv6), or the first one. */
  public Address pick(Boolean ipv6) {
    if (ipv6 != null) for (Address a : addresses) if (a.ipv6() == ipv6) return a;
    return addresses.get(0);
  }
}
