package rtpmesh.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Whole-packet vectors from libsrtp's test/srtp_driver.c (srtp_validate, srtp_validate_aes_256),
 * keyed with the RFC 3711 B.3 and RFC 6188 §7.2 master keys: they pin the packet layout (IV,
 * ROC in the MAC, SRTCP trailer) that the RFC vectors leave open.
 */
class LibsrtpVectorsTest {
  static final String RTP = "800f1234decafbad cafebabe" + "abababab".repeat(4); // SSRC 0xcafebabe
  static final String RTCP = "81c8000b cafebabe" + "abababab".repeat(4);

  @Test
  void srtpValidate_aesCm128HmacSha1_80() {
    SrtpSuite suite = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
    byte[] key = Hex.bytes(Rfc3711VectorsTest.B3_MASTER_KEY);
    byte[] salt = Hex.bytes(Rfc3711VectorsTest.B3_MASTER_SALT);

    assertRtp(suite, key, salt, "800f1234decafbadcafebabe" // header
        + "4e55dc4ce79978d88ca4d215949d2402" // ciphertext
        + "b78d6acc99ea179b8dbb"); // 80-bit tag

    // SRTCP with index 1, as libsrtp counts from 1
    byte[] plain = Hex.bytes(RTCP);
    byte[] a = Rfc7714VectorsTest.at(0, plain, 14);
    SrtpContext sender = SrtpContext.create(suite, key, salt);
    sender.setNextSrtcpIndex(0xcafebabe, 1);
    int len = sender.protectRtcp(a, 0, plain.length);
    assertEquals(
        "81c8000bcafebabe" // header
            + "7128035be487b9bdbef89041f977a5a8" // ciphertext
            + "80000001" // E || SRTCP index
            + "993e08cd54d6c1230798", // 80-bit tag
        Hex.of(a, 0, len));
    assertEquals(Hex.of(plain), Hex.of(a, 0, SrtpContext.create(suite, key, salt).unprotectRtcp(a, 0, len)));
  }

  @Test
  void srtpValidateAes256_aes256CmHmacSha1_80() {
    assertRtp(
        SrtpSuite.AES_256_CM_HMAC_SHA1_80,
        Hex.bytes("f0f04914b513f2763a1b1fa130f10e2998f6f6e43e4309d1e622a0e332b9f1b6"),
        Hex.bytes("3b04803de51ee7c96423ab5b78d2"),
        "800f1234decafbadcafebabe" // header
            + "f1d9de17ff251ff1aa007774b0b4b40d" // ciphertext
            + "a08d9d9a5b3a55d8873b"); // 80-bit tag
  }

  private static void assertRtp(SrtpSuite suite, byte[] key, byte[] salt, String expected) {
    byte[] plain = Hex.bytes(RTP);
    byte[] a = Rfc7714VectorsTest.at(0, plain, 10);
    int len = SrtpContext.create(suite, key, salt).protect(a, 0, plain.length);
    assertEquals(expected, Hex.of(a, 0, len));
    assertEquals(Hex.of(plain), Hex.of(a, 0, SrtpContext.create(suite, key, salt).unprotect(a, 0, len)));
  }
}
