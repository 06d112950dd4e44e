package rtpmesh.media.dtls;

import java.util.Optional;

/**
 * SRTP protection profiles negotiated by the {@code use_srtp} extension, with the key and salt
 * lengths the keying material is cut into (RFC 5764 §4.1.2, RFC 7714 §14.2).
 */
public enum DtlsSrtpProfile {
  // RFC 5764 §4.1.2
  SRTP_AES128_CM_HMAC_SHA1_80(0x0001, "AES_CM_128_HMAC_SHA1_80", 16, 14),
  SRTP_AES128_CM_HMAC_SHA1_32(0x0002, "AES_CM_128_HMAC_SHA1_32", 16, 14),
  // RFC 7714 §14.2
  SRTP_AEAD_AES_128_GCM(0x0007, "AEAD_AES_128_GCM", 16, 12),
  SRTP_AEAD_AES_256_GCM(0x0008, "AEAD_AES_256_GCM", 32, 12);

  private final int code;
  private final String sdesSuite;
  private final int keyLength;
  private final int saltLength;

  DtlsSrtpProfile(int code, String sdesSuite, int keyLength, int saltLength) {
    this.code = code;
    this.sdesSuite = sdesSuite;
    this.keyLength = keyLength;
    this.saltLength = saltLength;
  }

  /** The two-byte SRTPProtectionProfile value on the wire. */
  public int code() {
    return code;
  }

  /** The same suite's name in SDES {@code a=crypto} lines (RFC 4568 §6.2, RFC 7714 §14.1). */
  public String sdesSuite() {
    return sdesSuite;
  }

  /** Master key length in bytes. */
  public int keyLength() {
    return keyLength;
  }

  /** Master salt length in bytes. */
  public int saltLength() {
    return saltLength;
  }

  /** The profile with this wire code; empty for profiles we do not implement. */
  public static Optional<DtlsSrtpProfile> forCode(int code) {
    for (DtlsSrtpProfile p : values()) {
      if (p.code == code) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
