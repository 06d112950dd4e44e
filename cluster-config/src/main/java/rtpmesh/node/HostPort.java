package rtpmesh.node;

/**
 * A listening address: rtpengine's {@code [IP46:]PORT}. A bare port means the IPv4 wildcard
 * 0.0.0.0, as rtpengine's {@code endpoint_parse_any}. {@link #toString()} is {@code host:port}, with
 * brackets around an IPv6 host.
 */
public record HostPort(String host, int port) {
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
