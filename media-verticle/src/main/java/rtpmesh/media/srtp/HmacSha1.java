package rtpmesh.media.srtp;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * HMAC-SHA1 (RFC 2104) over two reusable SHA-1 digests. The JCA {@code Mac} allocates its result
 * array on every doFinal; {@code MessageDigest.digest(byte[], int, int)} does not, so this keeps
 * the SRTP authentication path allocation-free at the same cost (SHA-1 is intrinsified either
 * way). Not thread-safe: owned by one transform.
 */
final class HmacSha1 {
  static final int LENGTH = 20;
  private static final int BLOCK = 64;

  private final MessageDigest inner;
  private final MessageDigest outer;
  private final byte[] ipad = new byte[BLOCK];
  private final byte[] opad = new byte[BLOCK];
  private final byte[] innerHash = new byte[LENGTH];

  HmacSha1(byte[] key) {
    try {
      inner = MessageDigest.getInstance("SHA-1");
      outer = MessageDigest.getInstance("SHA-1");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 unavailable in this JRE", e);
    }
    byte[] k = key.length > BLOCK ? inner.digest(key) : key;
    for (int i = 0; i < BLOCK; i++) {
      byte b = i < k.length ? k[i] : 0;
      ipad[i] = (byte) (b ^ 0x36);
      opad[i] = (byte) (b ^ 0x5c);
    }
    inner.update(ipad);
  }

  /** Adds {@code a[off, off+len)} to the message. */
  void update(byte[] a, int off, int len) {
    inner.update(a, off, len);
  }

  /** Writes the 20-byte MAC to {@code out} at {@code at} and starts a new message. */
  void doFinal(byte[] out, int at) {
    try {
      inner.digest(innerHash, 0, LENGTH);
      outer.update(opad);
      outer.update(innerHash);
      outer.digest(out, at, LENGTH);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-1 output buffer too small", e);
    } finally {
      inner.update(ipad);
    }
  }
}
