package rtpmesh.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

/**
 * AES in counter mode as SRTP defines it (RFC 3711 §4.1.1): block j of the keystream is
 * AES(key, IV + j), the counter carried in the low 16 bits, so at most 2^16 blocks per IV.
 *
 * <p>Built on one AES/ECB cipher initialised once: re-initialising a JCA CTR cipher per packet
 * costs a key schedule and allocations, encrypting a prepared run of counter blocks costs neither.
 * Not thread-safe: owned by one {@link SrtpContext}.
 */
final class AesCmKeystream {
  private final Cipher ecb;
  private byte[] counters = new byte[16 * 100];
  private byte[] stream = new byte[16 * 100];

  AesCmKeystream(byte[] key) {
    this.ecb = KeyDerivation.aesEcb(key);
  }

  /** XORs {@code len} bytes of {@code data} at {@code off} with the keystream for {@code iv}. */
  void apply(byte[] iv, byte[] data, int off, int len) {
    if (len <= 0) {
      return;
    }
    int blocks = (len + 15) >>> 4;
    int bytes = blocks << 4;
    if (counters.length < bytes) {
      counters = new byte[bytes];
      stream = new byte[bytes];
    }
    int low = ((iv[14] & 0xff) << 8) | (iv[15] & 0xff);
    byte[] ctr = counters;
    for (int j = 0, p = 0; j < blocks; j++, p += 16) {
      System.arraycopy(iv, 0, ctr, p, 14);
      int c = low + j;
      ctr[p + 14] = (byte) (c >>> 8);
      ctr[p + 15] = (byte) c;
    }
    try {
      ecb.doFinal(ctr, 0, bytes, stream, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/ECB failed on whole blocks", e);
    }
    byte[] ks = stream;
    for (int i = 0; i < len; i++) {
      data[off + i] ^= ks[i];
    }
  }
}
