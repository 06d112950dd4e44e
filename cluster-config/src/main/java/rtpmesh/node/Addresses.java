package rtpmesh.node;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IP literal parsing and canonical formatting. Never does a DNS lookup. */
final class Addresses {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

  private Addresses() {}

  /** Parses an IPv4 or IPv6 literal (IPv6 optionally in brackets); null if {@code s} is not one. */
  static InetAddress parseLiteral(String s) {
    String t = s;
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
      if (t.indexOf(':') < 0) {
        return null;
      }
    }
    if (IPV4.matcher(t).matches()) {
      for (String part : t.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return null;
        }
      }
    } else if (t.indexOf(':') < 0 || !IPV6.matcher(t).matches()) {
      return null;
    }
    try {
      return InetAddress.getByName(t); // a literal: no lookup
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  /** Dotted quad, or RFC 5952 IPv6 text (lower case, longest zero run compressed, no brackets). */
  static String format(InetAddress a) {
    if (!(a instanceof Inet6Address)) {
      return a.getHostAddress();
    }
    byte[] b = a.getAddress();
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    Inet6Address a6 = (Inet6Address) a;
    String scope = !a6.isLinkLocalAddress() ? ""
        : a6.getScopedInterface() != null ? "%" + a6.getScopedInterface().getName()
        : a6.getScopeId() != 0 ? "%" + a6.getScopeId() : "";
    return sb + scope;
  }
}
