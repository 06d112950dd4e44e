package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rtpmesh.control.node.ParkConnectTest.TONE_A;
import static rtpmesh.control.node.ParkConnectTest.TONE_B;
import static rtpmesh.control.node.ParkConnectTest.hears;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code create}: rtpmesh originates an offer on its own ports; the called phone's {@code answer}
 * completes the call, which then carries media once joined to another party (here a parked caller,
 * as a click-to-dial or a media server's outbound leg would be).
 */
class CreateCallTest {

  @Test
  void createdOfferAnsweredByAPhoneCarriesTonesOnceConnected() {
    try (TestNode node = TestNode.start(); Phone caller = Phone.open(); Phone callee = Phone.open()) {
      NgClient ng = node.ng();
      String out = "out-" + UUID.randomUUID();
      SdpView offer = SdpView.of(ng.ok("command", "create", "call-id", out, "from-tag", "rtpmesh",
          "codecs", List.of("PCMU", "telephone-event")));
      int toCallee = offer.port();
      TwoPartyCall.assertRelayPort(toCallee);
      assertEquals("RTP/AVP 0 101", offer.protoAndFormats());
      assertEquals("127.0.0.1", offer.connection());
      assertTrue(offer.has("a=rtpmap:0 PCMU/8000") && offer.has("a=rtpmap:101 telephone-event/8000")
          && offer.has("a=fmtp:101 0-16") && offer.has("a=sendrecv") && offer.has("a=rtcp:" + (toCallee + 1)), offer.text());
      Map<String, Object> answered = ng.ok("command", "answer", "call-id", out, "from-tag", "rtpmesh", "to-tag", "callee",
          "sdp", callee.sdp().toString());
      assertEquals(null, answered.get("sdp"), "nobody to send a rewritten answer to");
      assertTrue(NgClient.path(ng.ok("command", "query", "call-id", out), "tags", "callee") != null);

      String in = "in-" + UUID.randomUUID();
      int toCaller = SdpView.of(ParkConnectTest.park(ng, in, "caller", caller)).port();
      ng.ok("command", "connect", "call-id", in, "from-tag", "caller", "to-call-id", out, "to-tag", "callee");
      hears(caller, toCaller, callee, toCallee, TONE_A);
      hears(callee, toCallee, caller, toCaller, TONE_B);
    }
  }

  @Test
  void anSrtpCreateOffersSdesKeysAndBadCreatesAreRefused() {
    try (TestNode node = TestNode.start(); Phone p = Phone.open()) {
      NgClient ng = node.ng();
      String id = "srtp-" + UUID.randomUUID();
      SdpView offer = SdpView.of(ng.ok("command", "create", "call-id", id, "from-tag", "us", "transport-protocol", "RTP/SAVP"));
      assertEquals("RTP/SAVP 0 8 101", offer.protoAndFormats());
      assertTrue(offer.all("a=crypto:").size() >= 2, offer.text());

      assertEquals("Call-ID exists already: create needs a new call-id", ng.error("command", "create", "call-id", id, "from-tag", "us"));
      assertEquals("Unknown codec in create: 'speex' (PCMU, PCMA, G722, opus, telephone-event)",
          ng.error("command", "create", "call-id", "c-" + UUID.randomUUID(), "from-tag", "us", "codecs", List.of("speex")));
      assertTrue(ng.error("command", "create", "call-id", "c-" + UUID.randomUUID(), "from-tag", "us", "transport-protocol", "UDP/TLS/RTP/SAVPF")
          .startsWith("Unsupported transport-protocol for create"));
      assertEquals("No from-tag in message", ng.error("command", "create", "call-id", "c-" + UUID.randomUUID()));
      assertEquals("No to-tag in message", ng.error("command", "answer", "call-id", id, "from-tag", "us", "sdp", p.sdp().toString()));
      assertEquals("from-tag is rtpmesh's own side of a created call",
          ng.error("command", "offer", "call-id", id, "from-tag", "us", "sdp", p.sdp().toString()));
      assertEquals("ok", ng.request("command", "query", "call-id", id).get("result"), "the created call survives bad input");
    }
  }
}
