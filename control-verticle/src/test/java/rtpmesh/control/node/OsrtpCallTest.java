package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rtpmesh.media.srtp.SrtpContext;
import rtpmesh.media.srtp.SrtpSuite;

/** OSRTP (RFC 8643: RTP/AVP with a=crypto) with rtpengine's OSRTP flags, through a node. */
class OsrtpCallTest {
  private TestNode node;
  private Phone a;
  private Phone b;

  @BeforeEach
  void start() {
    node = TestNode.start();
    a = Phone.open();
    b = Phone.open();
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    node.close();
  }

  private static String key() {
    byte[] k = new byte[30];
    new SecureRandom().nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }

  private static SrtpContext context(String inline) {
    byte[] k = Base64.getDecoder().decode(inline);
    return SrtpContext.create(SrtpSuite.AES_CM_128_HMAC_SHA1_80, Arrays.copyOf(k, 16), Arrays.copyOfRange(k, 16, 30));
  }

  @Test
  void osrtpOfferTurnsAPlainOfferOpportunisticAndEncryptsTowardsTheAcceptingSide() throws Exception {
    String callId = "osrtp-" + UUID.randomUUID();
    SdpView out = SdpView.of(node.ng().ok("command", "offer", "call-id", callId, "from-tag", "a", "sdp", a.sdp().toString(),
        "OSRTP", List.of("offer")));
    assertTrue(out.protoAndFormats().startsWith("RTP/AVP "), out.text());
    assertEquals(12, out.all("a=crypto:").size(), out.text());
    String ours = out.all("a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:").get(0).split("inline:")[1];

    String keyB = key();
    SdpView back = SdpView.of(node.ng().ok("command", "answer", "call-id", callId, "from-tag", "a", "to-tag", "b",
        "sdp", b.sdp().plus("a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:" + keyB).toString()));
    assertTrue(back.all("a=crypto").isEmpty(), "the plain offerer stays plain\n" + back.text());

    // A's plain RTP reaches B as SRTP under the key we offered; B's SRTP reaches A decrypted.
    byte[] plain = Packets.rtp(0, 1, 0x1234);
    a.sendRtp(back.port(), plain);
    byte[] got = b.receiveRtp(out.port());
    SrtpContext bIn = context(ours);
    int n = bIn.unprotect(got, 0, got.length);
    assertTrue(n > 0, "B can authenticate and decrypt it: " + n);
    assertArrayEquals(plain, Arrays.copyOf(got, n));

    SrtpContext bOut = context(keyB);
    byte[] fromB = Packets.rtp(0, 1, 0x5678);
    byte[] buf = Arrays.copyOf(fromB, fromB.length + 10);
    int len = bOut.protect(buf, 0, fromB.length);
    b.sendRtp(out.port(), Arrays.copyOf(buf, len));
    a.expectRtp(fromB, back.port());
    node.ng().ok("command", "delete", "call-id", callId, "from-tag", "a", "delete delay", 0L);
  }

  @Test
  void anOsrtpOfferPassesThroughAndAPlainAnswerStaysPlainUnlessAccepted() {
    String keyA = key();
    String offerSdp = a.sdp().plus("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + keyA).toString();
    for (boolean accept : new boolean[] {false, true}) {
      String callId = "osrtp-pass-" + accept + "-" + UUID.randomUUID();
      SdpView out = SdpView.of(node.ng().ok("command", "offer", "call-id", callId, "from-tag", "a", "sdp", offerSdp));
      assertTrue(out.has("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + keyA), "the offerer's key first\n" + out.text());
      assertTrue(out.protoAndFormats().startsWith("RTP/AVP"), out.text());
      Map<String, Object> answer = accept
          ? node.ng().ok("command", "answer", "call-id", callId, "from-tag", "a", "to-tag", "b", "sdp", b.sdp().toString(),
              "OSRTP", List.of("accept"))
          : node.ng().ok("command", "answer", "call-id", callId, "from-tag", "a", "to-tag", "b", "sdp", b.sdp().toString());
      SdpView back = SdpView.of(answer);
      assertEquals(accept ? 1 : 0, back.all("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:").size(), back.text());
      assertFalse(back.text().contains(keyA), "our own key goes back, never the offerer's\n" + back.text());
      node.ng().ok("command", "delete", "call-id", callId, "from-tag", "a", "delete delay", 0L);
    }
  }
}
