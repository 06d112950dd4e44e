package rtpmesh.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_128_GCM and AEAD_AES_256_GCM (RFC 7714) with a 16-byte tag.
 *
 * <p>SRTP (§8): IV = (0x0000 || SSRC || ROC || SEQ) XOR salt, AAD = the RTP header with CSRCs
 * and extension. SRTCP (§9): IV = (0x0000 || SSRC || 0x0000 || 0 || SRTCP index) XOR salt,
 * AAD = the first 8 bytes || E-bit + SRTCP index, the index word following the tag on the wire.
 *
 * <p>JCA GCM must be re-initialised per packet (new IV), which allocates a parameter spec and some
 * provider state; decryption goes through {@link #plain} so a forged packet is left untouched
 * (SunJCE zeroes its output on a tag mismatch). Not thread-safe: owned by one {@link SrtpContext}.
 */
final class AesGcmTransform implements PacketTransform {
  static final int TAG = 16;
  private static final int E_BIT = 0x8000_0000;

  private final Cipher gcm;
  private final SecretKeySpec key;
  private final byte[] salt;
  private final byte[] iv = new byte[12];
  private final byte[] aad = new byte[12];
  private byte[] plain = new byte[1500];

  AesGcmTransform(SessionKeys keys) {
    this.key = new SecretKeySpec(keys.encryptionKey(), "AES");
    this.salt = keys.salt();
    try {
      this.gcm = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM unavailable in this JRE", e);
    }
  }

  @Override
  public int protectRtp(byte[] a, int off, int hdr, int len, int ssrc, long index) {
    rtpIv(ssrc, index);
    try {
      gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
      gcm.updateAAD(a, off, hdr);
      return hdr + gcm.doFinal(a, off + hdr, len - hdr, a, off + hdr);
    } catch (GeneralSecurityException e) {
      return SrtpStatus.CIPHER_ERROR.code();
    }
  }

  @Override
  public int unprotectRtp(byte[] a, int off, int hdr, int len, int ssrc, long index) {
    rtpIv(ssrc, index);
    return open(a, off, hdr, a, hdr, off + hdr, len - hdr);
  }

  @Override
  public int protectRtcp(byte[] a, int off, int len, int ssrc, int srtcpIndex) {
    int word = E_BIT | srtcpIndex;
    rtcpIv(ssrc, srtcpIndex);
    rtcpAad(a, off, word);
    try {
      gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
      gcm.updateAAD(aad, 0, aad.length);
      int body = RtpLayout.RTCP_HEADER;
      int end = body + gcm.doFinal(a, off + body, len - body, a, off + body);
      RtpLayout.putI32(a, off + end, word);
      return end + 4;
    } catch (GeneralSecurityException e) {
      return SrtpStatus.CIPHER_ERROR.code();
    }
  }

  @Override
  public int srtcpIndexOffset(int len) {
    return len - 4;
  }

  @Override
  public int unprotectRtcp(byte[] a, int off, int len, int ssrc, int eAndIndex) {
    rtcpIv(ssrc, eAndIndex & ~E_BIT);
    int sealed = len - 4; // header, ciphertext, tag
    if ((eAndIndex & E_BIT) != 0) {
      rtcpAad(a, off, eAndIndex);
      return open(aad, 0, aad.length, a, RtpLayout.RTCP_HEADER, off + 8, sealed - 8);
    }
    // E = 0 (RFC 7714 §9.3): the whole packet and the index word are AAD, only the tag is sealed.
    int clear = sealed - TAG;
    byte[] all = ensurePlain(clear + 4);
    System.arraycopy(a, off, all, 0, clear);
    RtpLayout.putI32(all, clear, eAndIndex);
    try {
      gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
      gcm.updateAAD(all, 0, clear + 4);
      gcm.doFinal(a, off + clear, TAG, all, 0);
      return clear;
    } catch (AEADBadTagException e) {
      return SrtpStatus.AUTH_FAIL.code();
    } catch (GeneralSecurityException e) {
      return SrtpStatus.CIPHER_ERROR.code();
    }
  }

  /**
   * Authenticates {@code aadLen} bytes of AAD and decrypts {@code a[from, from+sealed)} into the
   * scratch array, copying the plaintext back only when the tag matches. Returns the plain
   * packet length {@code clear + plaintext}.
   */
  private int open(
      byte[] aadArray, int aadOff, int aadLen, byte[] a, int clear, int from, int sealed) {
    try {
      gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
      gcm.updateAAD(aadArray, aadOff, aadLen);
      byte[] out = ensurePlain(sealed);
      int n = gcm.doFinal(a, from, sealed, out, 0);
      System.arraycopy(out, 0, a, from, n);
      return clear + n;
    } catch (AEADBadTagException e) {
      return SrtpStatus.AUTH_FAIL.code();
    } catch (GeneralSecurityException e) {
      return SrtpStatus.CIPHER_ERROR.code();
    }
  }

  private byte[] ensurePlain(int n) {
    if (plain.length < n) {
      plain = new byte[n];
    }
    return plain;
  }

  private void rtpIv(int ssrc, long index) {
    byte[] v = iv;
    v[0] = 0;
    v[1] = 0;
    RtpLayout.putI32(v, 2, ssrc);
    for (int i = 0; i < 6; i++) {
      v[11 - i] = (byte) (index >>> (8 * i)); // ROC || SEQ
    }
    xorSalt();
  }

  private void rtcpIv(int ssrc, int srtcpIndex) {
    byte[] v = iv;
    v[0] = 0;
    v[1] = 0;
    RtpLayout.putI32(v, 2, ssrc);
    v[6] = 0;
    v[7] = 0;
    RtpLayout.putI32(v, 8, srtcpIndex & ~E_BIT);
    xorSalt();
  }

  private void xorSalt() {
    for (int i = 0; i < 12; i++) {
      iv[i] ^= salt[i];
    }
  }

  private void rtcpAad(byte[] a, int off, int word) {
    System.arraycopy(a, off, aad, 0, RtpLayout.RTCP_HEADER);
    RtpLayout.putI32(aad, RtpLayout.RTCP_HEADER, word);
  }
}
