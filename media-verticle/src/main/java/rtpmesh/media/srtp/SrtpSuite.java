package rtpmesh.media.srtp;

/**
 * The SRTP crypto suites, one row each: SDES name (RFC 4568 §6.2, RFC 6188 §4, RFC 7714 §14.1),
 * DTLS-SRTP protection profile (RFC 5764 §4.1.2, RFC 7714 §14.2; 0 when there is none) and the
 * transform parameters.
 *
 * <p>For the {@code _32} suites only SRTP uses a 32-bit tag: SRTCP keeps the 80-bit tag (RFC 4568
 * §6.2.2, RFC 5764 §4.1.2). AEAD suites carry a 16-byte GCM tag on both (RFC 7714 §7, §9). The
 * NULL suites keep AES-128 sized master keys (16 + 14), as libsrtp and rtpengine do.
 */
public enum SrtpSuite {
  AES_CM_128_HMAC_SHA1_80("AES_CM_128_HMAC_SHA1_80", 0x0001, Cipher.AES_CM, 16, 14, 10, 10),
  AES_CM_128_HMAC_SHA1_32("AES_CM_128_HMAC_SHA1_32", 0x0002, Cipher.AES_CM, 16, 14, 4, 10),
  AES_192_CM_HMAC_SHA1_80("AES_192_CM_HMAC_SHA1_80", 0, Cipher.AES_CM, 24, 14, 10, 10),
  AES_192_CM_HMAC_SHA1_32("AES_192_CM_HMAC_SHA1_32", 0, Cipher.AES_CM, 24, 14, 4, 10),
  AES_256_CM_HMAC_SHA1_80("AES_256_CM_HMAC_SHA1_80", 0, Cipher.AES_CM, 32, 14, 10, 10),
  AES_256_CM_HMAC_SHA1_32("AES_256_CM_HMAC_SHA1_32", 0, Cipher.AES_CM, 32, 14, 4, 10),
  AEAD_AES_128_GCM("AEAD_AES_128_GCM", 0x0007, Cipher.AES_GCM, 16, 12, 16, 16),
  AEAD_AES_256_GCM("AEAD_AES_256_GCM", 0x0008, Cipher.AES_GCM, 32, 12, 16, 16),
  NULL_HMAC_SHA1_80("NULL_HMAC_SHA1_80", 0x0005, Cipher.NULL, 16, 14, 10, 10),
  NULL_HMAC_SHA1_32("NULL_HMAC_SHA1_32", 0x0006, Cipher.NULL, 16, 14, 4, 10),
  /** RFC 3711 §4.1.2 f8 mode: listed so SDP can name it, but no transform implements it. */
  F8_128_HMAC_SHA1_80("F8_128_HMAC_SHA1_80", 0, Cipher.AES_F8, 16, 14, 10, 10);

  /** The confidentiality transform of a suite. */
  public enum Cipher {
    AES_CM,
    AES_GCM,
    NULL,
    AES_F8
  }

  /** HMAC-SHA1 session authentication key length (RFC 3711 §4.2.1, n_a = 160). */
  public static final int HMAC_SHA1_KEY_LENGTH = 20;

  private static final SrtpSuite[] VALUES = values();

  private final String sdesName;
  private final int dtlsProfile;
  private final Cipher cipher;
  private final int masterKeyLength;
  private final int masterSaltLength;
  private final int rtpTagLength;
  private final int rtcpTagLength;

  SrtpSuite(
      String sdesName,
      int dtlsProfile,
      Cipher cipher,
      int masterKeyLength,
      int masterSaltLength,
      int rtpTagLength,
      int rtcpTagLength) {
    this.sdesName = sdesName;
    this.dtlsProfile = dtlsProfile;
    this.cipher = cipher;
    this.masterKeyLength = masterKeyLength;
    this.masterSaltLength = masterSaltLength;
    this.rtpTagLength = rtpTagLength;
    this.rtcpTagLength = rtcpTagLength;
  }

  /** The suite named {@code name} in an {@code a=crypto} line, or null when unknown. */
  public static SrtpSuite fromSdesName(String name) {
    for (SrtpSuite s : VALUES) {
      if (s.sdesName.equals(name)) {
        return s;
      }
    }
    return null;
  }

  /** The suite of DTLS-SRTP protection profile {@code id}, or null when none maps to it. */
  public static SrtpSuite fromDtlsProfile(int id) {
    for (SrtpSuite s : VALUES) {
      if (s.dtlsProfile != 0 && s.dtlsProfile == id) {
        return s;
      }
    }
    return null;
  }

  public String sdesName() {
    return sdesName;
  }

  /** The DTLS-SRTP protection profile id, 0 when the suite has none. */
  public int dtlsProfile() {
    return dtlsProfile;
  }

  public Cipher cipher() {
    return cipher;
  }

  public boolean isAead() {
    return cipher == Cipher.AES_GCM;
  }

  /** False for suites listed for SDP only (f8). */
  public boolean isSupported() {
    return cipher != Cipher.AES_F8;
  }

  public int masterKeyLength() {
    return masterKeyLength;
  }

  public int masterSaltLength() {
    return masterSaltLength;
  }

  /** Session encryption key length: the master key length (RFC 3711 §8.2, RFC 6188, RFC 7714 §12). */
  public int sessionKeyLength() {
    return cipher == Cipher.NULL ? 0 : masterKeyLength;
  }

  /** Session salt length: 14 for AES-CM (RFC 3711 §4.1.1), 12 for GCM (RFC 7714 §12). */
  public int sessionSaltLength() {
    return cipher == Cipher.NULL ? 0 : masterSaltLength;
  }

  /** Session authentication key length: 20 for HMAC-SHA1, 0 for AEAD (RFC 7714 §12). */
  public int authKeyLength() {
    return isAead() ? 0 : HMAC_SHA1_KEY_LENGTH;
  }

  public int rtpTagLength() {
    return rtpTagLength;
  }

  public int rtcpTagLength() {
    return rtcpTagLength;
  }

  /** Bytes protect appends to an RTP packet: the tag (no MKI is sent). */
  public int rtpTrailerLength() {
    return rtpTagLength;
  }

  /** Bytes protectRtcp appends to an RTCP packet: E-bit and SRTCP index, then the tag. */
  public int rtcpTrailerLength() {
    return 4 + rtcpTagLength;
  }

  /** Length of the SDES inline key: base64(master key || master salt) (RFC 4568 §6.1). */
  public int keySaltLength() {
    return masterKeyLength + masterSaltLength;
  }
}
