package rtpmesh.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * SRTP key derivation (RFC 3711 §4.3) with the AES-CM PRF (§4.3.3) and a key derivation rate of 0,
 * so each session key is derived once. AES-192/256 use the same PRF keyed with the longer master
 * key (RFC 6188 §3); GCM's 12-byte master salt is zero-padded on the right to 14 bytes, as libsrtp
 * and pion do (RFC 7714 §11 keeps the AES-CM PRF).
 */
public final class KeyDerivation {
  public static final int LABEL_RTP_ENCRYPTION = 0x00;
  public static final int LABEL_RTP_AUTH = 0x01;
  public static final int LABEL_RTP_SALT = 0x02;
  public static final int LABEL_RTCP_ENCRYPTION = 0x03;
  public static final int LABEL_RTCP_AUTH = 0x04;
  public static final int LABEL_RTCP_SALT = 0x05;

  private KeyDerivation() {}

  /** SRTP session keys (labels 0, 1, 2). */
  public static SessionKeys srtp(SrtpSuite suite, byte[] masterKey, byte[] masterSalt) {
    return derive(suite, masterKey, masterSalt, LABEL_RTP_ENCRYPTION);
  }

  /** SRTCP session keys (labels 3, 4, 5). */
  public static SessionKeys srtcp(SrtpSuite suite, byte[] masterKey, byte[] masterSalt) {
    return derive(suite, masterKey, masterSalt, LABEL_RTCP_ENCRYPTION);
  }

  private static SessionKeys derive(SrtpSuite suite, byte[] key, byte[] salt, int firstLabel) {
    if (key.length != suite.masterKeyLength() || salt.length != suite.masterSaltLength()) {
      throw new IllegalArgumentException(
          suite + " needs a " + suite.masterKeyLength() + "-byte key and "
              + suite.masterSaltLength() + "-byte salt, got " + key.length + " and " + salt.length);
    }
    return new SessionKeys(
        prf(key, salt, firstLabel, suite.sessionKeyLength()),
        prf(key, salt, firstLabel + 1, suite.authKeyLength()),
        prf(key, salt, firstLabel + 2, suite.sessionSaltLength()));
  }

  /**
   * The first {@code length} bytes of AES-CM keystream keyed by {@code masterKey} with IV
   * x*2^16, where x = (label || index DIV kdr) XOR master salt (RFC 3711 §4.3.1, §4.3.3).
   */
  public static byte[] prf(byte[] masterKey, byte[] masterSalt, int label, int length) {
    byte[] out = new byte[length];
    if (length == 0) {
      return out;
    }
    byte[] iv = new byte[16];
    System.arraycopy(masterSalt, 0, iv, 0, Math.min(masterSalt.length, 14));
    iv[7] ^= (byte) label; // label sits left of the 48-bit (index DIV kdr), which is 0
    new AesCmKeystream(masterKey).apply(iv, out, 0, length);
    return out;
  }

  static Cipher aesEcb(byte[] key) {
    try {
      Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
      return c;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/ECB unavailable in this JRE", e);
    }
  }
}
