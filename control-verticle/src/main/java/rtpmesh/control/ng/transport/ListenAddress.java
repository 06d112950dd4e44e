package rtpmesh.control.ng.transport;

import io.vertx.core.net.SocketAddress;

/**
 * A {@code --listen-ng}-style address: {@code [IP46|HOSTNAME:]PORT}, IPv6 optionally in brackets.
 * A bare port binds all IPv4 interfaces, as rtpengine's {@code endpoint_parse_any} does (its manual
 * therefore recommends giving 127.0.0.1 explicitly). Like rtpengine the port follows the last colon,
 * so {@code ::1:2223} is {@code [::1]:2223}. Port 0 picks a free port (tests).
 */
public record ListenAddress(String host, int port) {
  static final String ALL_IPV4 = "0.0.0.0";

  public static ListenAddress parse(String spec) {
    String s = spec.strip();
    int colon = s.lastIndexOf(':');
    String host = colon < 0 ? ALL_IPV4 : s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    String portText = s.substring(colon + 1);
    if (host.isEmpty() || !portText.matches("\\d{1,5}") || Integer.parseInt(portText) > 65535) {
      throw new IllegalArgumentException(
          "invalid listen address '" + spec + "': expected [IP46|HOSTNAME:]PORT, e.g. 127.0.0.1:2223");
    }
    return new ListenAddress(host, Integer.parseInt(portText));
  }

  public SocketAddress toSocketAddress() {
    return SocketAddress.inetSocketAddress(port, host);
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
