package rtpmesh.media.srtp;

import java.util.Arrays;
import java.util.Base64;

/**
 * One SDES key parameter, {@code inline:<base64(key||salt)>[|lifetime][|MKI:length]} (RFC 4568
 * §6.1, §9.2). Lifetime is kept as written ({@code 2^31} or decimal) so it formats back byte for
 * byte; null when absent. {@code mkiLength} 0 means no MKI.
 */
public record SdesKey(
    byte[] masterKey, byte[] masterSalt, String lifetime, long mkiValue, int mkiLength) {
  private static final String METHOD = "inline:";

  /** A key without lifetime or MKI, as an offer from this proxy carries. */
  public static SdesKey of(byte[] masterKey, byte[] masterSalt) {
    return new SdesKey(masterKey, masterSalt, null, 0, 0);
  }

  /**
   * Parses {@code inline:...} for {@code suite}, whose key and salt lengths split the decoded
   * bytes. Throws IllegalArgumentException naming the actual and expected value.
   */
  public static SdesKey parse(String keyParam, SrtpSuite suite) {
    if (!keyParam.regionMatches(true, 0, METHOD, 0, METHOD.length())) {
      throw new IllegalArgumentException("key method must be inline:, got " + keyParam);
    }
    String[] parts = keyParam.substring(METHOD.length()).split("\\|", -1);
    if (parts.length > 3) {
      throw new IllegalArgumentException("inline key has " + parts.length + " fields, max 3");
    }
    byte[] keySalt;
    try {
      keySalt = Base64.getDecoder().decode(parts[0]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("inline key is not base64: " + parts[0], e);
    }
    if (keySalt.length != suite.keySaltLength()) {
      throw new IllegalArgumentException(
          suite + " key||salt is " + suite.keySaltLength() + " bytes, got " + keySalt.length);
    }
    String lifetime = null;
    long mkiValue = 0;
    int mkiLength = 0;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i];
      int colon = p.indexOf(':');
      if (colon >= 0) {
        mkiValue = digits(p.substring(0, colon), "MKI value");
        mkiLength = (int) digits(p.substring(colon + 1), "MKI length");
        if (mkiLength < 1 || mkiLength > 128) {
          throw new IllegalArgumentException("MKI length must be 1..128, got " + mkiLength);
        }
      } else if (i == 1) {
        lifetime = p;
        lifetimePackets(p); // validates
      } else {
        throw new IllegalArgumentException("expected MKI:length, got " + p);
      }
    }
    int k = suite.masterKeyLength();
    return new SdesKey(
        Arrays.copyOfRange(keySalt, 0, k),
        Arrays.copyOfRange(keySalt, k, keySalt.length),
        lifetime,
        mkiValue,
        mkiLength);
  }

  /** The key parameter as it goes on the wire. */
  public String format() {
    byte[] keySalt = Arrays.copyOf(masterKey, masterKey.length + masterSalt.length);
    System.arraycopy(masterSalt, 0, keySalt, masterKey.length, masterSalt.length);
    StringBuilder sb = new StringBuilder(METHOD).append(Base64.getEncoder().encodeToString(keySalt));
    if (lifetime != null) {
      sb.append('|').append(lifetime);
    }
    if (mkiLength > 0) {
      sb.append('|').append(mkiValue).append(':').append(mkiLength);
    }
    return sb.toString();
  }

  /** The master key lifetime in packets, or -1 when not given (default 2^48 for SRTP). */
  public long lifetimePackets() {
    return lifetime == null ? -1 : lifetimePackets(lifetime);
  }

  private static long lifetimePackets(String s) {
    if (s.startsWith("2^")) {
      long exp = digits(s.substring(2), "lifetime exponent");
      if (exp > 62) {
        throw new IllegalArgumentException("lifetime exponent must be <= 62, got " + exp);
      }
      return 1L << exp;
    }
    return digits(s, "lifetime");
  }

  private static long digits(String s, String what) {
    if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(what + " must be decimal digits, got '" + s + "'");
    }
    return Long.parseLong(s);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SdesKey k
        && Arrays.equals(masterKey, k.masterKey)
        && Arrays.equals(masterSalt, k.masterSalt)
        && java.util.Objects.equals(lifetime, k.lifetime)
        && mkiValue == k.mkiValue
        && mkiLength == k.mkiLength;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(masterKey) + Arrays.hashCode(masterSalt);
  }

  /** Never prints key material. */
  @Override
  public String toString() {
    return "SdesKey[lifetime=" + lifetime + ", mki=" + mkiValue + ":" + mkiLength + "]";
  }
}
