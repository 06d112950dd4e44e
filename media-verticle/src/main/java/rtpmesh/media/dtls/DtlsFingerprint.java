package rtpmesh.media.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate fingerprint as carried in SDP {@code a=fingerprint} (RFC 8122 §5): a hash function
 * name and the hash of the DER certificate, written as upper-case hex pairs joined by colons.
 */
public record DtlsFingerprint(String hashFunction, byte[] digest) {
  private static final HexFormat HEX = HexFormat.ofDelimiter(":").withUpperCase();

  /** Hash functions we check; md5 and md2 are in the registry but obsolete (RFC 8122 §5). */
  private static final String[][] HASHES = {
    {"sha-1", "SHA-1"}, {"sha-224", "SHA-224"}, {"sha-256", "SHA-256"},
    {"sha-384", "SHA-384"}, {"sha-512", "SHA-512"},
  };

  public DtlsFingerprint {
    hashFunction = hashFunction.toLowerCase(Locale.ROOT);
    if (jcaName(hashFunction) == null) {
      throw new IllegalArgumentException(
          "unsupported fingerprint hash '" + hashFunction + "', expected sha-1/224/256/384/512");
    }
    digest = digest.clone();
  }

  /** The fingerprint of a DER-encoded certificate with the given hash function, e.g. "sha-256". */
  public static DtlsFingerprint of(String hashFunction, byte[] derCertificate) {
    String jca = jcaName(hashFunction.toLowerCase(Locale.ROOT));
    if (jca == null) {
      throw new IllegalArgumentException("unsupported fingerprint hash '" + hashFunction + "'");
    }
    return new DtlsFingerprint(hashFunction, digest(jca, derCertificate));
  }

  /**
   * Parses the value of an {@code a=fingerprint} attribute, e.g. {@code sha-256 AB:CD:...}. Hex is
   * accepted in either case (RFC 8122 §5 says upper case, some stacks send lower case).
   *
   * @throws IllegalArgumentException naming what was wrong
   */
  public static DtlsFingerprint parse(String attributeValue) {
    String v = attributeValue.trim();
    int space = v.indexOf(' ');
    if (space < 0) {
      throw new IllegalArgumentException("fingerprint '" + v + "' has no space after the hash name");
    }
    String hash = v.substring(0, space);
    String hex = v.substring(space + 1).trim();
    byte[] bytes;
    try {
      bytes = HEX.parseHex(hex.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("fingerprint hex '" + hex + "' is not XX:XX:... hex", e);
    }
    DtlsFingerprint fp = new DtlsFingerprint(hash, bytes);
    int expected = digest(jcaName(fp.hashFunction), new byte[0]).length;
    if (bytes.length != expected) {
      throw new IllegalArgumentException(
          "fingerprint has " + bytes.length + " bytes, expected " + expected + " for " + hash);
    }
    return fp;
  }

  /** True when {@code derCertificate} hashes to this fingerprint (compared in constant time). */
  public boolean matches(byte[] derCertificate) {
    return MessageDigest.isEqual(digest, digest(jcaName(hashFunction), derCertificate));
  }

  /** The attribute value: {@code sha-256 AB:CD:...}. */
  public String toSdp() {
    return hashFunction + " " + HEX.formatHex(digest);
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DtlsFingerprint other
        && hashFunction.equals(other.hashFunction)
        && Arrays.equals(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return hashFunction.hashCode() * 31 + Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return toSdp();
  }

  private static String jcaName(String hashFunction) {
    for (String[] h : HASHES) {
      if (h[0].equals(hashFunction)) {
        return h[1];
      }
    }
    return null;
  }

  private static byte[] digest(String jcaName, byte[] data) {
    try {
      return MessageDigest.getInstance(jcaName).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JRE lacks " + jcaName, e); // every Java 17 has SHA-1/2
    }
  }
}
