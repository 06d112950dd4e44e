package rtpmesh.media.srtp;


/**
 * AES-CM (or NULL) encryption with HMAC-SHA1 authentication, the RFC 3711 default transforms
 * (§4.1.1, §4.2.1), for AES-128/192/256 (RFC 6188). The tag covers the packet followed by the
 * ROC for SRTP (§4.2) and the packet with its E-bit + SRTCP index for SRTCP (§3.4).
 *
 * <p>Verifies before it decrypts, so a packet that fails authentication is left untouched.
 * Nothing here allocates per packet. Not thread-safe: owned by one {@link SrtpContext}.
 */
final class AesCmHmacTransform implements PacketTransform {
  private static final int E_BIT = 0x8000_0000;

  private final AesCmKeystream keystream; // null for the NULL cipher
  private final byte[] salt;
  private final HmacSha1 mac;
  private final int tagLength;
  private final byte[] iv = new byte[16];
  private final byte[] word = new byte[4];
  private final byte[] computed = new byte[20];

  AesCmHmacTransform(SessionKeys keys, int tagLength) {
    this.keystream = keys.encryptionKey().length == 0 ? null : new AesCmKeystream(keys.encryptionKey());
    this.salt = keys.salt();
    this.tagLength = tagLength;
    this.mac = new HmacSha1(keys.authKey());
  }

  @Override
  public int protectRtp(byte[] a, int off, int hdr, int len, int ssrc, long index) {
    crypt(a, off + hdr, len - hdr, ssrc, index);
    RtpLayout.putI32(word, 0, (int) (index >>> 16));
    tag(a, off, len, word);
    System.arraycopy(computed, 0, a, off + len, tagLength);
    return len + tagLength;
  }

  @Override
  public int unprotectRtp(byte[] a, int off, int hdr, int len, int ssrc, long index) {
    int plain = len - tagLength;
    RtpLayout.putI32(word, 0, (int) (index >>> 16));
    tag(a, off, plain, word);
    if (!tagMatches(a, off + plain)) {
      return SrtpStatus.AUTH_FAIL.code();
    }
    crypt(a, off + hdr, plain - hdr, ssrc, index);
    return plain;
  }

  @Override
  public int protectRtcp(byte[] a, int off, int len, int ssrc, int srtcpIndex) {
    crypt(a, off + RtpLayout.RTCP_HEADER, len - RtpLayout.RTCP_HEADER, ssrc, srtcpIndex);
    // E is set only when the payload is encrypted (RFC 3711 §3.4): not for the NULL cipher.
    RtpLayout.putI32(a, off + len, keystream != null ? E_BIT | srtcpIndex : srtcpIndex);
    tag(a, off, len + 4, null);
    System.arraycopy(computed, 0, a, off + len + 4, tagLength);
    return len + 4 + tagLength;
  }

  @Override
  public int srtcpIndexOffset(int len) {
    return len - tagLength - 4;
  }

  @Override
  public int unprotectRtcp(byte[] a, int off, int len, int ssrc, int eAndIndex) {
    int authenticated = len - tagLength;
    tag(a, off, authenticated, null);
    if (!tagMatches(a, off + authenticated)) {
      return SrtpStatus.AUTH_FAIL.code();
    }
    int plain = authenticated - 4;
    if ((eAndIndex & E_BIT) != 0) {
      int index = eAndIndex & ~E_BIT;
      crypt(a, off + RtpLayout.RTCP_HEADER, plain - RtpLayout.RTCP_HEADER, ssrc, index);
    }
    return plain;
  }

  /** AES-CM with IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16) (RFC 3711 §4.1.1). */
  private void crypt(byte[] a, int from, int length, int ssrc, long index) {
    if (keystream == null) {
      return;
    }
    byte[] v = iv;
    System.arraycopy(salt, 0, v, 0, 14);
    v[4] ^= (byte) (ssrc >>> 24);
    v[5] ^= (byte) (ssrc >>> 16);
    v[6] ^= (byte) (ssrc >>> 8);
    v[7] ^= (byte) ssrc;
    for (int i = 0; i < 6; i++) {
      v[13 - i] ^= (byte) (index >>> (8 * i));
    }
    keystream.apply(v, a, from, length);
  }

  /** HMAC-SHA1 of {@code a[off, off+len)} then {@code suffix} (the ROC) into {@link #computed}. */
  private void tag(byte[] a, int off, int len, byte[] suffix) {
    mac.update(a, off, len);
    if (suffix != null) {
      mac.update(suffix, 0, suffix.length);
    }
    mac.doFinal(computed, 0);
  }

  /** Constant-time comparison of the received tag with the computed one. */
  private boolean tagMatches(byte[] a, int at) {
    int diff = 0;
    for (int i = 0; i < tagLength; i++) {
      diff |= a[at + i] ^ computed[i];
    }
    return diff == 0;
  }
}
