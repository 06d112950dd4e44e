package rtpmesh.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Rfc6188VectorsTest {
  static final String IV = "f0f1f2f3f4f5f6f7f8f9fafbfcfd0000";
  static final int BLOCKS = 65282;

  // RFC 6188, Section 7.1 (AES_256_CM keystream: first and last three blocks)
  @Test
  void section7_1_aes256Keystream() {
    byte[] ks = keystream("57f82fe3613fd170a85ec93c40b1f0922ec4cb0dc025b58272147cc438944a98");
    assertEquals(
        "92bdd28a93c3f52511c677d08b5515a49da71b2378a854f67050756ded165bac"
            + "63c4868b7096d88421b563b8c94c9a31",
        Hex.of(ks, 0, 48));
    assertEquals(
        "cea518c90fd91ced9cbb18c078a547113dbc4814f4da5f00a08772b63c6a046d"
            + "6eb246913062a16891433e97dd01a57f",
        Hex.of(ks, ks.length - 48, 48));
  }

  // RFC 6188, Section 7.2 (AES_256_CM_PRF key derivation)
  @Test
  void section7_2_aes256KeyDerivation() {
    SessionKeys k =
        KeyDerivation.srtp(
            SrtpSuite.AES_256_CM_HMAC_SHA1_80,
            Hex.bytes("f0f04914b513f2763a1b1fa130f10e2998f6f6e43e4309d1e622a0e332b9f1b6"),
            Hex.bytes("3b04803de51ee7c96423ab5b78d2"));
    assertEquals(
        "5ba1064e30ec51613cad926c5a28ef731ec7fb397f70a960653caf06554cd8c4",
        Hex.of(k.encryptionKey()));
    assertEquals("fa31791685ca444a9e07c6c64e93", Hex.of(k.salt()));
    assertEquals("fd9c32d39ed5fbb5a9dc96b30818454d1313dc05", Hex.of(k.authKey()));
  }

  // RFC 6188, Section 7.3 (AES_192_CM keystream: first and last three blocks)
  @Test
  void section7_3_aes192Keystream() {
    byte[] ks = keystream("eab234764e517b2d3d160d587d8c86219740f65f99b6bcf7");
    assertEquals(
        "35096cba4610028dc1b57503804ce37c5de986291dcce161d5165ec4568f5c9a"
            + "474a40c77894bc17180202272a4c264d",
        Hex.of(ks, 0, 48));
    assertEquals(
        "d108d1a31a00bad6367ec23eb044b415c8f57129fdeb970b59f917b257662d4c"
            + "a5dab625811034e8cebdfeb6dc158dd3",
        Hex.of(ks, ks.length - 48, 48));
  }

  // RFC 6188, Section 7.4 (AES_192_CM_PRF key derivation)
  @Test
  void section7_4_aes192KeyDerivation() {
    SessionKeys k =
        KeyDerivation.srtp(
            SrtpSuite.AES_192_CM_HMAC_SHA1_80,
            Hex.bytes("73edc66c4fa15776fb57f9505c17136550ffda71f3e8e5f1"),
            Hex.bytes("c8522f3acd4ce86d5add78edbb11"));
    assertEquals("31874736a8f1143870c26e4857d8a5b2c4a354407faadabb", Hex.of(k.encryptionKey()));
    assertEquals("2372b82d639b6d8503a47adc0a6c", Hex.of(k.salt()));
    assertEquals("355b10973cd95b9eacf4061c7e1a7151e7cfbfcb", Hex.of(k.authKey()));
  }

  private static byte[] keystream(String key) {
    byte[] ks = new byte[BLOCKS * 16];
    new AesCmKeystream(Hex.bytes(key)).apply(Hex.bytes(IV), ks, 0, ks.length);
    return ks;
  }
}
