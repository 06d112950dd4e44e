package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rtpmesh.control.node.ParkConnectTest.TONE_A;
import static rtpmesh.control.node.ParkConnectTest.TONE_B;
import static rtpmesh.control.node.ParkConnectTest.hears;
import static rtpmesh.control.node.ParkConnectTest.portsInUse;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Calls outside the media path: the {@code bypass} flag passes SDP untouched and binds no port;
 * {@code anchor media} and {@code bypass media} switch a live call into the path and out again,
 * answering the SDP each phone must get in a re-INVITE. The phones here follow those SDPs, and
 * their tones are checked at every step.
 */
class BypassTest {

  @Test
  void aBypassedCallPassesSdpUntouchedBindsNoPortAndIsStillListedQueriedAndDeleted() {
    try (TestNode node = TestNode.start(); Phone a = Phone.open(); Phone b = Phone.open()) {
      NgClient ng = node.ng();
      String callId = "bypass-" + UUID.randomUUID();
      int before = portsInUse(node);
      String offer = a.sdp().toString();
      String answer = b.sdp().toString();
      assertEquals(offer, ng.ok("command", "offer", "call-id", callId, "from-tag", "ta", "flags", List.of("bypass"), "sdp", offer).get("sdp"));
      assertEquals(answer, ng.ok("command", "answer", "call-id", callId, "from-tag", "ta", "to-tag", "tb", "sdp", answer).get("sdp"));
      // A re-INVITE on a bypassed call passes untouched too (no flag needed).
      String hold = a.sdp().direction("sendonly").toString();
      assertEquals(hold, ng.ok("command", "offer", "call-id", callId, "from-tag", "ta", "to-tag", "tb", "sdp", hold).get("sdp"));
      assertEquals(before, portsInUse(node), "no port bound for a bypassed call");
      assertTrue(((List<?>) ng.ok("command", "list").get("calls")).contains(callId));
      Map<String, Object> q = ng.ok("command", "query", "call-id", callId);
      assertTrue(NgClient.path(q, "tags", "ta") != null && NgClient.path(q, "tags", "tb") != null, "both parties listed: " + q);
      ng.ok("command", "delete", "call-id", callId, "from-tag", "ta", "delete-delay", 0);
      assertEquals("Unknown call-id", ng.error("command", "query", "call-id", callId));
    }
  }

  @Test
  void aCallSwitchedIntoTheMediaPathAndOutAgainKeepsItsAudio() {
    try (TestNode node = TestNode.start(); Phone a = Phone.open(); Phone b = Phone.open()) {
      NgClient ng = node.ng();
      String callId = "switch-" + UUID.randomUUID();
      int before = portsInUse(node);
      ng.ok("command", "offer", "call-id", callId, "from-tag", "ta", "flags", List.of("bypass"), "sdp", a.sdp().toString());
      ng.ok("command", "answer", "call-id", callId, "from-tag", "ta", "to-tag", "tb", "sdp", b.sdp().toString());
      // In bypass the phones talk to each other directly.
      hears(a, b.rtpPort(), b, a.rtpPort(), TONE_A);
      hears(b, a.rtpPort(), a, b.rtpPort(), TONE_B);

      Map<?, ?> in = (Map<?, ?>) ng.ok("command", "anchor media", "call-id", callId).get("sdp");
      SdpView toA = view(in.get("ta"));
      SdpView toB = view(in.get("tb"));
      TwoPartyCall.assertRelayPort(toA.port());
      TwoPartyCall.assertRelayPort(toB.port());
      assertEquals("o=- 1545997027 2 IN IP4 127.0.0.1", toA.line("o="), "A's re-INVITE carries a newer version");
      assertEquals("o=- 1545997027 2 IN IP4 127.0.0.1", toB.line("o="));
      assertEquals(before + 2, portsInUse(node), "one pair per party");
      // The phones follow their re-INVITEs: each now sends to its relay port.
      hears(a, toA.port(), b, toB.port(), TONE_A);
      hears(b, toB.port(), a, toA.port(), TONE_B);

      Map<?, ?> out = (Map<?, ?>) ng.ok("command", "bypass media", "call-id", callId).get("sdp");
      SdpView backA = view(out.get("ta"));
      SdpView backB = view(out.get("tb"));
      assertEquals(b.rtpPort(), backA.port(), "A is sent B's own SDP");
      assertEquals(a.rtpPort(), backB.port(), "B is sent A's own SDP");
      assertEquals("o=- 1545997027 3 IN IP4 127.0.0.1", backA.line("o="));
      TwoPartyCall.assertReleased(toA.port(), toA.port() + 1, toB.port(), toB.port() + 1);
      assertEquals(before, portsInUse(node));
      hears(a, b.rtpPort(), b, a.rtpPort(), TONE_A);
      hears(b, a.rtpPort(), a, b.rtpPort(), TONE_B);

      // And in again: fresh ports, audio again.
      Map<?, ?> again = (Map<?, ?>) ng.ok("command", "anchor media", "call-id", callId).get("sdp");
      SdpView againA = view(again.get("ta"));
      SdpView againB = view(again.get("tb"));
      assertEquals("o=- 1545997027 4 IN IP4 127.0.0.1", againA.line("o="));
      hears(a, againA.port(), b, againB.port(), TONE_A);
      hears(b, againB.port(), a, againA.port(), TONE_B);
    }
  }

  @Test
  void aBypassedCallTakenOverFromItsRecordCanBeAnchoredOnTheNewNode() {
    try (Phone a = Phone.open(); Phone b = Phone.open()) {
      TestNode first = TestNode.start();
      NgClient ng = first.ng();
      String callId = "moved-" + UUID.randomUUID();
      ng.ok("command", "offer", "call-id", callId, "from-tag", "ta", "flags", List.of("bypass"), "sdp", a.sdp().toString());
      ng.ok("command", "answer", "call-id", callId, "from-tag", "ta", "to-tag", "tb", "sdp", b.sdp().toString());
      io.vertx.core.json.JsonObject record = first.control.record(callId).await();
      assertTrue(record.getBoolean("bypass"), "the record says bypass: " + record);
      first.close();
      try (TestNode second = TestNode.start()) {
        second.control.adopt(record).await();
        NgClient ng2 = second.ng();
        assertEquals("Call is in bypass: its media does not pass here", ng2.error("command", "reanchor", "call-id", callId));
        Map<?, ?> in = (Map<?, ?>) ng2.ok("command", "anchor media", "call-id", callId).get("sdp");
        int toA = view(in.get("ta")).port();
        int toB = view(in.get("tb")).port();
        hears(a, toA, b, toB, TONE_A);
        hears(b, toB, a, toA, TONE_B);
      }
    }
  }

  @Test
  void anAnchoredCallGoesOutOfThePathAndBack() {
    try (TestNode node = TestNode.start(); Phone a = Phone.open(); Phone b = Phone.open()) {
      NgClient ng = node.ng();
      TwoPartyCall call = TwoPartyCall.establish(ng, a, b);
      hears(a, call.portA, b, call.portB, TONE_A);
      Map<?, ?> out = (Map<?, ?>) ng.ok("command", "bypass media", "call-id", call.callId).get("sdp");
      assertEquals(b.rtpPort(), view(out.get(call.tagA)).port());
      assertEquals(a.rtpPort(), view(out.get(call.tagB)).port());
      TwoPartyCall.assertReleased(call.portA, call.portB);
      hears(a, b.rtpPort(), b, a.rtpPort(), TONE_A);
      Map<?, ?> in = (Map<?, ?>) ng.ok("command", "anchor media", "call-id", call.callId).get("sdp");
      int toA = view(in.get(call.tagA)).port();
      int toB = view(in.get(call.tagB)).port();
      hears(a, toA, b, toB, TONE_A);
      hears(b, toB, a, toA, TONE_B);
    }
  }

  @Test
  void badSwitchesAreRefusedWithAReasonAndHarmNoOtherCall() {
    try (TestNode node = TestNode.start(); Phone a = Phone.open(); Phone b = Phone.open(); Phone c = Phone.open()) {
      NgClient ng = node.ng();
      TwoPartyCall call = TwoPartyCall.establish(ng, a, b);
      assertEquals("Unknown call-id", ng.error("command", "bypass media", "call-id", "nope"));
      assertEquals("Unknown call-id", ng.error("command", "anchor media", "call-id", "nope"));
      assertEquals("No call-id in message", ng.error("command", "bypass media"));
      assertEquals("Call is not in bypass: its media already passes here", ng.error("command", "anchor media", "call-id", call.callId));
      String offered = "half-" + UUID.randomUUID();
      ng.ok("command", "offer", "call-id", offered, "from-tag", "x", "sdp", c.sdp().toString());
      assertTrue(ng.error("command", "bypass media", "call-id", offered).startsWith("Bypass needs a call with exactly two answered parties"));
      String parked = "parked-" + UUID.randomUUID();
      ParkConnectTest.park(ng, parked, "p", c);
      assertTrue(ng.error("command", "bypass media", "call-id", parked).startsWith("Bypass needs a call with exactly two answered parties"));
      assertEquals("Call is in bypass: its media does not pass here", connectToBypassed(ng, parked));
      TwoPartyCall other = TwoPartyCall.establish(ng, c, c);
      ng.ok("command", "bypass media", "call-id", other.callId);
      assertEquals("Call is already in bypass", ng.error("command", "bypass media", "call-id", other.callId));
      hears(a, call.portA, b, call.portB, TONE_A);
      hears(b, call.portB, a, call.portA, TONE_B);
    }
  }

  private static String connectToBypassed(NgClient ng, String parked) {
    String bypassed = "bp-" + UUID.randomUUID();
    try (Phone x = Phone.open()) {
      ng.ok("command", "offer", "call-id", bypassed, "from-tag", "bx", "flags", List.of("bypass"), "sdp", x.sdp().toString());
      return ng.error("command", "connect", "call-id", parked, "from-tag", "p", "to-call-id", bypassed, "to-tag", "bx");
    }
  }

  private static SdpView view(Object sdp) {
    return SdpView.of(Map.of("sdp", sdp));
  }
}
