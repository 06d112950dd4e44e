package rtpmesh.recording;

import java.util.Locale;

/** Where forwarded audio goes: {@code udp:HOST:PORT} or {@code tcp:HOST:PORT} (IPv6 as {@code [addr]:port}). */
public record ForwardTarget(boolean tcp, String host, int port) {

  /** Parses a forward-to value; throws {@link IllegalArgumentException} with the reason. */
  public static ForwardTarget parse(String s) {
    if (s == null) throw new IllegalArgumentException("empty");
    String v = s.trim();
    int colon = v.indexOf(':');
    String scheme = colon < 0 ? "" : v.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!scheme.equals("udp") && !scheme.equals("tcp")) {
      throw new IllegalArgumentException("'" + s + "': expected udp:HOST:PORT or tcp:HOST:PORT");
    }
    String rest = v.substring(colon + 1);
    int last = rest.lastIndexOf(':');
    if (last <= 0) throw new IllegalArgumentException("'" + s + "': expected udp:HOST:PORT or tcp:HOST:PORT");
    String host = rest.substring(0, last);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    if (host.isEmpty() || host.indexOf(' ') >= 0) throw new IllegalArgumentException("'" + s + "': bad host");
    int port;
    try {
      port = Integer.parseInt(rest.substring(last + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s + "': bad port");
    }
    if (port < 1 || port > 65535) throw new IllegalArgumentException("'" + s + "': port out of range");
    return new ForwardTarget(scheme.equals("tcp"), host, port);
  }

  @Override
  public String toString() {
    return (tcp ? "tcp:" : "udp:") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
