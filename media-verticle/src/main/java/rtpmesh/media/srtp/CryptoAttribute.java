package rtpmesh.media.srtp;

import java.util.ArrayList;
import java.util.List;

/**
 * The SDES {@code a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]} attribute (RFC
 * 4568 §4, §9.1). Several key parameters are separated by ';'. Session parameters (KDR,
 * UNENCRYPTED_SRTP, ...) are kept verbatim: {@link SrtpContext} implements only the defaults, so
 * negotiation should decline lines that carry any (see {@link #hasSessionParams()}).
 */
public record CryptoAttribute(int tag, SrtpSuite suite, List<SdesKey> keys, List<String> sessionParams) {
  private static final String PREFIX = "a=crypto:";

  public CryptoAttribute {
    keys = List.copyOf(keys);
    sessionParams = List.copyOf(sessionParams);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a=crypto needs at least one key");
    }
  }

  /** A line with one key and no session parameters. */
  public static CryptoAttribute of(int tag, SrtpSuite suite, SdesKey key) {
    return new CryptoAttribute(tag, suite, List.of(key), List.of());
  }

  /**
   * Parses {@code a=crypto:...}, {@code crypto:...} or just the attribute value. Throws
   * IllegalArgumentException for malformed lines and unknown suites (which an answerer skips).
   */
  public static CryptoAttribute parse(String line) {
    String v = line.strip();
    if (v.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      v = v.substring(PREFIX.length());
    } else if (v.regionMatches(true, 0, PREFIX, 2, PREFIX.length() - 2)) {
      v = v.substring(PREFIX.length() - 2);
    }
    String[] f = v.split("[ \t]+");
    if (f.length < 3) {
      throw new IllegalArgumentException("a=crypto needs tag, suite and key params, got '" + line + "'");
    }
    if (f[0].isEmpty() || f[0].length() > 9 || !f[0].chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("a=crypto tag must be 1-9 digits, got '" + f[0] + "'");
    }
    SrtpSuite suite = SrtpSuite.fromSdesName(f[1]);
    if (suite == null) {
      throw new IllegalArgumentException("unknown crypto suite " + f[1]);
    }
    List<SdesKey> keys = new ArrayList<>();
    for (String k : f[2].split(";")) {
      keys.add(SdesKey.parse(k, suite));
    }
    List<String> params = List.of(f).subList(3, f.length);
    return new CryptoAttribute(Integer.parseInt(f[0]), suite, keys, params);
  }

  /** The attribute value: {@code <tag> <suite> inline:...[;inline:...][ params]}. */
  public String value() {
    StringBuilder sb = new StringBuilder().append(tag).append(' ').append(suite.sdesName()).append(' ');
    for (int i = 0; i < keys.size(); i++) {
      sb.append(i == 0 ? "" : ";").append(keys.get(i).format());
    }
    for (String p : sessionParams) {
      sb.append(' ').append(p);
    }
    return sb.toString();
  }

  /** The whole SDP line, {@code a=crypto:...}. */
  public String format() {
    return PREFIX + value();
  }

  public boolean hasSessionParams() {
    return !sessionParams.isEmpty();
  }
}
