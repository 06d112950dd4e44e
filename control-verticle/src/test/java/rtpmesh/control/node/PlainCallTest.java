package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A plain RTP/AVP call from offer to delete, as a SIP proxy and two phones see it (README §8-13, §28). */
class PlainCallTest {
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

  @Test
  void offerAnswerMediaQueryDelete() {
    TwoPartyCall call = new TwoPartyCall(node.ng(), a, b);

    SdpView offer = SdpView.of(call.offer(a.sdp()));
    int portB = offer.port();
    TwoPartyCall.assertRelayPort(portB);
    assertEquals(0, portB % 2, "RTP port is even when RTCP is not muxed");
    assertEquals("127.0.0.1", offer.connection());
    assertEquals("RTP/AVP 0 8 101", offer.protoAndFormats(), "codecs unchanged");
    assertEquals(List.of("a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000", "a=rtpmap:101 telephone-event/8000"),
        offer.all("a=rtpmap:"));
    assertTrue(offer.has("a=fmtp:101 0-16"), offer.text());
    assertTrue(offer.has("a=rtcp:" + (portB + 1)), offer.text());
    assertTrue(offer.has("a=ptime:20"), offer.text());
    assertTrue(offer.has("a=sendrecv"), offer.text());

    SdpView answer = SdpView.of(call.answer(b.sdp().withoutPtime()));
    int portA = answer.port();
    TwoPartyCall.assertRelayPort(portA);
    assertNotEquals(portB, portA, "each party gets its own relay port");
    assertEquals("127.0.0.1", answer.connection());
    assertEquals("RTP/AVP 0 8 101", answer.protoAndFormats());
    assertTrue(answer.has("a=rtcp:" + (portA + 1)), answer.text());
    assertTrue(answer.has("a=ptime:20"), "the offer's ptime is echoed to the offerer\n" + answer.text());
    call.portA = portA;
    call.portB = portB;

    call.assertRtpBothWays(5);
    call.assertRtcpBothWays();
    call.awaitCounted();

    Map<String, Object> deleted = call.delete(0);
    assertTrue(deleted.containsKey("totals"), "delete answers with the call's statistics: " + deleted);
    for (int i = 0; i < 10; i++) {
      a.sendRtp(portA, Packets.rtp(0, 9000 + i, 1));
      b.sendRtp(portB, Packets.rtp(0, 9000 + i, 2));
    }
    a.expectSilence();
    b.expectSilence();
    assertEquals("Unknown call-id", NgClient.errorReason(call.query()));
    TwoPartyCall.assertReleased(portA, portA + 1, portB, portB + 1);
  }

  /** Early media: B may send before its answer; A hears it from the port the answer will name. */
  @Test
  void earlyMediaFromTheCalleeBeforeTheAnswer() {
    TwoPartyCall call = new TwoPartyCall(node.ng(), a, b);
    call.portB = SdpView.of(call.offer(a.sdp())).port();
    byte[] ringback = Packets.rtp(0, 1, 0x5eed);
    b.sendRtp(call.portB, ringback);
    int portA = SdpView.of(call.answer(b.sdp().withoutPtime())).port();
    a.expectRtp(ringback, portA);
    call.portA = portA;
    call.assertRtpBothWays(1);
    call.delete(0);
  }

  @Test
  void queryShowsBothTagsWithTheirRelayPorts() {
    TwoPartyCall call = TwoPartyCall.establish(node.ng(), a, b);
    call.assertRtpBothWays(1);
    call.awaitCounted();
    Map<String, Object> q = call.query();
    assertEquals("ok", q.get("result"));
    assertEquals(List.of((long) call.portA, (long) call.portA + 1), TwoPartyCall.localPorts(q, call.tagA));
    assertEquals(List.of((long) call.portB, (long) call.portB + 1), TwoPartyCall.localPorts(q, call.tagB));
    Object list = node.ng().ok("command", "list", "limit", 32).get("calls");
    assertEquals(List.of(call.callId), list);
    call.delete(0);
  }
}
