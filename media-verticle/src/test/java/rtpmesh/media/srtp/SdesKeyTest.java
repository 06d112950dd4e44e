package rtpmesh.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SdesKeyTest {
  // RFC 4568, Section 4 (example offer)
  static final String RFC4568_LINE =
      "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4";

  @Test
  void rfc4568_section4_exampleRoundTrips() {
    CryptoAttribute c = CryptoAttribute.parse(RFC4568_LINE);
    assertEquals(1, c.tag());
    assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_80, c.suite());
    SdesKey k = c.keys().get(0);
    assertEquals(16, k.masterKey().length);
    assertEquals(14, k.masterSalt().length);
    assertEquals("2^20", k.lifetime());
    assertEquals(1L << 20, k.lifetimePackets());
    assertEquals(1, k.mkiValue());
    assertEquals(4, k.mkiLength());
    assertEquals(RFC4568_LINE, c.format());
  }

  // RFC 4568, Section 6.1: several keys, decimal lifetime, session parameters
  @Test
  void rfc4568_section6_1_multipleKeysAndSessionParams() {
    String line = "a=crypto:2 AES_CM_128_HMAC_SHA1_32"
        + " inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|1048576|1:32"
        + ";inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5|2^20|2:32 KDR=1 UNENCRYPTED_SRTCP";
    CryptoAttribute c = CryptoAttribute.parse(line);
    assertEquals(2, c.keys().size());
    assertEquals(1048576, c.keys().get(0).lifetimePackets());
    assertEquals(2, c.keys().get(1).mkiValue());
    assertEquals(List.of("KDR=1", "UNENCRYPTED_SRTCP"), c.sessionParams());
    assertTrue(c.hasSessionParams());
    assertEquals(line, c.format());
  }

  @ParameterizedTest
  @ValueSource(strings = {"AEAD_AES_128_GCM", "AEAD_AES_256_GCM", "AES_256_CM_HMAC_SHA1_80",
      "AES_192_CM_HMAC_SHA1_32", "NULL_HMAC_SHA1_80"})
  void formatThenParseForEverySuiteLength(String name) {
    SrtpSuite suite = SrtpSuite.fromSdesName(name);
    byte[] key = new byte[suite.masterKeyLength()];
    byte[] salt = new byte[suite.masterSaltLength()];
    key[0] = 1;
    salt[salt.length - 1] = 2;
    CryptoAttribute c = CryptoAttribute.of(3, suite, SdesKey.of(key, salt));
    CryptoAttribute back = CryptoAttribute.parse(c.format());
    assertEquals(c, back);
    assertArrayEquals(salt, back.keys().get(0).masterSalt());
    assertEquals(-1, back.keys().get(0).lifetimePackets());
  }

  @Test
  void unpaddedBase64IsAccepted() {
    // 28 bytes (GCM key||salt) is 37.3 base64 chars: some stacks drop the '=' padding.
    SdesKey k = SdesKey.parse("inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGw", SrtpSuite.AEAD_AES_128_GCM);
    assertEquals(0x1b, k.masterSalt()[11]);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '#', value = {
    "a=crypto:1 AES_CM_128_HMAC_SHA1_80# needs tag, suite and key params",
    "a=crypto:x AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR# tag must be",
    "a=crypto:1 SEED_CTR_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR# unknown crypto suite",
    "a=crypto:1 AES_CM_128_HMAC_SHA1_80 uri:http://x# key method must be inline",
    "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkp# key||salt is 30 bytes, got 15",
    "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^x# lifetime exponent",
    "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1:0# MKI length must be",
    "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1:4|2^20# expected MKI",
    "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:!!!!# not base64",
  })
  void malformedLinesNameWhatIsWrong(String line, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CryptoAttribute.parse(line));
    assertTrue(e.getMessage().contains(message.strip()), e.getMessage());
  }

  @Test
  void contextFromCryptoLineInteroperatesWithContextFromRawKeys() {
    assertThrows(IllegalArgumentException.class, () -> SrtpContext.create(CryptoAttribute.parse(RFC4568_LINE)));
    CryptoAttribute c = CryptoAttribute.parse(RFC4568_LINE.replace("|1:4", ""));
    SdesKey k = c.keys().get(0);
    byte[] plain = SrtpContextTest.rtp(9, 40, 42);
    byte[] srtp = SrtpContextTest.protect(SrtpContext.create(c), plain);
    SrtpContext rx = SrtpContext.create(c.suite(), k.masterKey(), k.masterSalt());
    assertEquals(SrtpStatus.OK, SrtpContextTest.unprotect(rx, srtp));
  }

  @Test
  void suiteTableLooksUpBothWays() {
    for (SrtpSuite s : SrtpSuite.values()) {
      assertEquals(s, SrtpSuite.fromSdesName(s.sdesName()));
      if (s.dtlsProfile() != 0) {
        assertEquals(s, SrtpSuite.fromDtlsProfile(s.dtlsProfile()));
      }
    }
    assertEquals(10, SrtpSuite.AES_CM_128_HMAC_SHA1_32.rtcpTagLength(), "RFC 4568 §6.2.2");
    assertEquals(4, SrtpSuite.AES_CM_128_HMAC_SHA1_32.rtpTagLength());
    assertEquals(null, SrtpSuite.fromSdesName("AES_CM_128_HMAC_SHA1_81"));
  }
}
