package rtpmesh.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Rfc3711VectorsTest {

  // RFC 3711, Appendix B.2 (AES-CM Test Vectors)
  static final String B2_SESSION_KEY = "2B7E151628AED2A6ABF7158809CF4F3C";
  static final String B2_IV = "F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000"; // salt already shifted, ROC/SEQ/SSRC 0
  static final int B2_BLOCKS = 65282; // 1044512 octets

  @Test
  void appendixB2_aesCmKeystream() {
    byte[] ks = new byte[B2_BLOCKS * 16];
    new AesCmKeystream(Hex.bytes(B2_SESSION_KEY)).apply(Hex.bytes(B2_IV), ks, 0, ks.length);

    assertEquals("e03ead0935c95e80e166b16dd92b4eb4", block(ks, 0x0000)); // counter ...FD0000
    assertEquals("d23513162b02d0f72a43a2fe4a5f97ab", block(ks, 0x0001)); // counter ...FD0001
    assertEquals("41e95b3bb0a2e8dd477901e4fca894c0", block(ks, 0x0002)); // counter ...FD0002
    assertEquals("ec8cdf7398607cb0f2d21675ea9ea1e4", block(ks, 0xfeff)); // counter ...FDFEFF
    assertEquals("362b7c3c6773516318a077d7fc5073ae", block(ks, 0xff00)); // counter ...FDFF00
    assertEquals("6a2cc3787889374fbeb4c81b17ba6c44", block(ks, 0xff01)); // counter ...FDFF01
  }

  // RFC 3711, Appendix B.3 (Key Derivation Test Vectors)
  static final String B3_MASTER_KEY = "E1F97A0D3E018BE0D64FA32C06DE4139";
  static final String B3_MASTER_SALT = "0EC675AD498AFEEBB6960B3AABE6";

  @Test
  void appendixB3_keyDerivation() {
    SessionKeys keys =
        KeyDerivation.srtp(
            SrtpSuite.AES_CM_128_HMAC_SHA1_80, Hex.bytes(B3_MASTER_KEY), Hex.bytes(B3_MASTER_SALT));

    assertEquals("c61e7a93744f39ee10734afe3ff7a087", Hex.of(keys.encryptionKey())); // cipher key
    assertEquals("30cbbc08863d8c85d49db34a9ae1", Hex.of(keys.salt())); // cipher salt
    assertEquals("cebe321f6ff7716b6fd4ab49af256a156d38baa4", Hex.of(keys.authKey())); // n_a = 160
  }

  @Test
  void appendixB3_94ByteAuthKeyRunsTheCounter() {
    byte[] authKey =
        KeyDerivation.prf(
            Hex.bytes(B3_MASTER_KEY), Hex.bytes(B3_MASTER_SALT), KeyDerivation.LABEL_RTP_AUTH, 94);

    assertEquals(
        Hex.of(
            Hex.bytes(
                "CEBE321F6FF7716B6FD4AB49AF256A15" // AES input ...AABE60000
                    + "6D38BAA48F0A0ACF3C34E2359E6CDBCE" // ...AABE60001
                    + "E049646C43D9327AD175578EF7227098" // ...AABE60002
                    + "6371C10C9A369AC2F94A8C5FBCDDDC25" // ...AABE60003
                    + "6D6E919A48B610EF17C2041E47403576" // ...AABE60004
                    + "6B68642C59BBFC2F34DB60DBDFB2")), // ...AABE60005
        Hex.of(authKey));
  }

  private static String block(byte[] ks, int j) {
    return Hex.of(ks, 16 * j, 16);
  }
}
