package rtpmesh.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 7714 Sections 16 (AEAD_AES_128_GCM) and 17 (AEAD_AES_256_GCM): the vectors give session key
 * and salt directly (no KDF), ROC 0, and SRTCP index 0x5d4.
 */
class Rfc7714VectorsTest {
  static final String KEY_128 = "000102030405060708090a0b0c0d0e0f";
  static final String KEY_256 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  static final String SALT = "517569642070726f2071756f"; // "Quid pro quo"

  static final String RTP =
      "8040f17b 8041f8d3 5501a0b2" // V=2 X=0 CC=0, M=0 PT=64, seq 0xf17b, ts, SSRC 0x5501a0b2
          + "47616c6c 69612065 7374206f 6d6e6973 20646976 69736120 696e2070 61727465 73207472 6573";

  static final String RTCP =
      "81c8000d 4d617273" // SR, length 13, SSRC "Mars"
          + "4e545031 4e545032 52545020 0000042a 0000e930 4c756e61"
          + "deadbeef deadbeef deadbeef deadbeef deadbeef";
  static final int SRTCP_INDEX = 0x5d4;

  @ParameterizedTest(name = "{0} at offset {2}")
  @CsvSource({
    // RFC 7714, Section 16.1 (AEAD_AES_128_GCM SRTP): header, ciphertext, 16-byte tag
    "AEAD_AES_128_GCM, '8040f17b8041f8d35501a0b2"
        + " f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf8833"
        + " 899d7f27beb16a9152cf765ee4390cce', 0",
    "AEAD_AES_128_GCM, '8040f17b8041f8d35501a0b2"
        + " f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf8833"
        + " 899d7f27beb16a9152cf765ee4390cce', 5",
    // RFC 7714, Section 17.1 (AEAD_AES_256_GCM SRTP)
    "AEAD_AES_256_GCM, '8040f17b8041f8d35501a0b2"
        + " 32b1de78a822fe12ef9f78fa332e33aab18012389a58e2f3b50b2a0276ffae0f1ba63799b87b"
        + " 7aa3db36dfffd6b0f9bb7878d7a76c13', 0",
    "AEAD_AES_256_GCM, '8040f17b8041f8d35501a0b2"
        + " 32b1de78a822fe12ef9f78fa332e33aab18012389a58e2f3b50b2a0276ffae0f1ba63799b87b"
        + " 7aa3db36dfffd6b0f9bb7878d7a76c13', 5",
  })
  void srtp(SrtpSuite suite, String expected, int offset) {
    byte[] plain = Hex.bytes(RTP);
    byte[] a = at(offset, plain, 16);

    int len = context(suite).protect(a, offset, plain.length);
    assertEquals(Hex.of(Hex.bytes(expected)), Hex.of(a, offset, len));

    int back = context(suite).unprotect(a, offset, len);
    assertEquals(Hex.of(plain), Hex.of(a, offset, back));
  }

  @ParameterizedTest(name = "{0} at offset {2}")
  @CsvSource({
    // RFC 7714, Section 16.2 (AEAD_AES_128_GCM SRTCP): header, ciphertext, tag, E || index
    "AEAD_AES_128_GCM, '81c8000d4d617273"
        + " 63e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32dc676a5f1730d6fda4ce09b4686303ded"
        + " 0bb9275bc84aa45896cf4d2fc5abf872 45d9eade 800005d4', 0",
    "AEAD_AES_128_GCM, '81c8000d4d617273"
        + " 63e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32dc676a5f1730d6fda4ce09b4686303ded"
        + " 0bb9275bc84aa45896cf4d2fc5abf872 45d9eade 800005d4', 3",
    // RFC 7714, Section 17.2 (AEAD_AES_256_GCM SRTCP)
    "AEAD_AES_256_GCM, '81c8000d4d617273"
        + " d50ae4d1f5ce5d304ba297e47d470c282c3ece5dbffe0a50a2eaa5c1110555be8415f658c61de047"
        + " 6f1b6fad1d1eb30c4446839f57ff6f6cb26ac3be 800005d4', 0",
  })
  void srtcp(SrtpSuite suite, String expected, int offset) {
    byte[] plain = Hex.bytes(RTCP);
    byte[] a = at(offset, plain, 20);
    SrtpContext sender = context(suite);
    sender.setNextSrtcpIndex(0x4d617273, SRTCP_INDEX);

    int len = sender.protectRtcp(a, offset, plain.length);
    assertEquals(Hex.of(Hex.bytes(expected)), Hex.of(a, offset, len));

    int back = context(suite).unprotectRtcp(a, offset, len);
    assertEquals(Hex.of(plain), Hex.of(a, offset, back));
  }

  private static SrtpContext context(SrtpSuite suite) {
    byte[] key = Hex.bytes(suite == SrtpSuite.AEAD_AES_128_GCM ? KEY_128 : KEY_256);
    SessionKeys keys = new SessionKeys(key, new byte[0], Hex.bytes(SALT));
    return new SrtpContext(suite, keys, keys);
  }

  /** The packet after {@code offset} junk bytes, with {@code tail} bytes of room after it. */
  static byte[] at(int offset, byte[] packet, int tail) {
    byte[] a = new byte[offset + packet.length + tail];
    Arrays.fill(a, (byte) 0x5a);
    System.arraycopy(packet, 0, a, offset, packet.length);
    return a;
  }
}
