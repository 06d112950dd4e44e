package rtpmesh.control.sdp;

import java.net.InetAddress;

/** A {@code c=} value: {@code IN IP4 192.0.2.1} (RFC 8866 §5.7); a TTL suffix is kept. */
public record Connection(String netType, String addrType, String address, String suffix) {

  public static Connection parse(String value) throws SdpException {
    String[] f = value.trim().split(" +");
    if (f.length != 3) throw new SdpException("c= needs 3 fields: '" + value + "'");
    String addr = f[2];
    String suffix = "";
    int slash = addr.indexOf('/');
    if (slash >= 0) {
      suffix = addr.substring(slash);
      addr = addr.substring(0, slash);
    }
    if (!isValidAddress(f[1], addr)) throw new SdpException("c= address is not valid: '" + value + "'");
    return new Connection(f[0], f[1], addr, suffix);
  }

  static boolean isValidAddress(String addrType, String addr) {
    if ("IP4".equalsIgnoreCase(addrType)) return isIpv4(addr) || isHostName(addr);
    if ("IP6".equalsIgnoreCase(addrType)) return addr.indexOf(':') >= 0 && isIpv6(addr) || isHostName(addr);
    return false;
  }

  static boolean isIpv4(String s) {
    String[] p = s.split("\\.", -1);
    if (p.length != 4) return false;
    for (String x : p) {
      if (x.isEmpty() || x.length() > 3 || !x.chars().allMatch(Character::isDigit)) return false;
      if (Integer.parseInt(x) > 255) return false;
    }
    return true;
  }

  static boolean isIpv6(String s) {
    if (!s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) return false;
    try {
      InetAddress.getByName(s); // literal only: no lookup happens for a string of hex digits and colons
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** rtpengine rejects names that are not addresses; a hostname here is a dotted-letters word. */
  static boolean isHostName(String s) {
    return false;
  }

  /** True for an IPv4 or IPv6 address literal. */
  public static boolean isAddress(String s) {
    return isIpv4(s) || (s.indexOf(':') >= 0 && isIpv6(s));
  }

  public boolean isZero() {
    return "0.0.0.0".equals(address) || "::".equals(address);
  }

  public String format() {
    return netType + " " + addrType + " " + address + suffix;
  }
}
