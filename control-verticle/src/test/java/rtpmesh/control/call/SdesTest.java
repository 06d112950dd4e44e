package rtpmesh.control.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import rtpmesh.control.sdp.Sdp;

/** rtpengine's SDES flags on the suites this node offers, and RFC 4568 §9.2 key parameters. */
class SdesTest {
  private static List<String> suites(List<Sdes.Crypto> offer) {
    List<String> out = new ArrayList<>();
    for (Sdes.Crypto c : offer) out.add(c.suite());
    return out;
  }

  @Test
  void allTwelveSuitesInRtpenginesOrderByDefault() {
    List<Sdes.Crypto> offer = Sdes.offer(Set.of());
    assertEquals(12, offer.size());
    assertEquals("AEAD_AES_256_GCM", offer.get(0).suite());
    assertEquals("1", offer.get(0).tag());
    assertEquals("12", offer.get(11).tag());
  }

  @Test
  void offAndNoSuiteInAnyCaseOrDashForm() {
    assertTrue(Sdes.offer(Set.of("off")).isEmpty());
    assertTrue(Sdes.offer(Set.of("disable")).isEmpty());
    // As the SDES list gives it, and as an SDES- flag arrives (lower case, dashes).
    List<String> s = suites(Sdes.offer(Set.of("no-NULL_HMAC_SHA1_32", "no-f8-128-hmac-sha1-80")));
    assertEquals(10, s.size());
    assertFalse(s.contains("NULL_HMAC_SHA1_32") || s.contains("F8_128_HMAC_SHA1_80"), s::toString);
    assertEquals("10", Sdes.offer(Set.of("no-NULL_HMAC_SHA1_32", "no-F8_128_HMAC_SHA1_80")).get(9).tag());
  }

  @Test
  void orderPutsTheListedSuitesFirst() {
    List<String> s = suites(Sdes.offer(Set.of("order:AES_CM_128_HMAC_SHA1_32;AES_CM_128_HMAC_SHA1_80")));
    assertEquals(List.of("AES_CM_128_HMAC_SHA1_32", "AES_CM_128_HMAC_SHA1_80", "AEAD_AES_256_GCM"), s.subList(0, 3));
    assertEquals(12, s.size());
  }

  @Test
  void padKeepsBase64PaddingAndLifetimeAddsTwoToThe31() {
    // AES_CM_128: 30 bytes of key and salt = 40 base64 characters, no padding either way.
    // AEAD_AES_128_GCM: 28 bytes = 38 characters unpadded, 40 with "==".
    Sdes.Crypto gcm = Sdes.offer(Set.of("pad")).get(1);
    assertTrue(gcm.key().endsWith("=") && gcm.key().length() == 40, gcm.line());
    assertEquals(38, Sdes.offer(Set.of()).get(1).key().length());
    assertTrue(Sdes.offer(Set.of("lifetime")).get(0).line().endsWith("|2^31"));
    assertTrue(Sdes.noNew(Set.of("nonew")));
  }

  @Test
  void lifetimeAndMkiOfAnOfferAreKeptAndMkiIsRecognised() throws Exception {
    Sdp sdp = Sdp.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/SAVP 0\r\n"
        // RFC 4568 §9.1 example key with lifetime and MKI.
        + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32\r\n"
        + "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20\r\n");
    List<Sdes.Crypto> c = Sdes.parse(sdp.media.get(0));
    assertEquals("PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", c.get(0).key());
    assertEquals("|2^20|1:32", c.get(0).params());
    assertTrue(c.get(0).hasMki());
    assertFalse(c.get(1).hasMki());
    assertEquals("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32", c.get(0).line());
  }
}
