package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Re-INVITEs from the caller: refresh, hold (a=sendonly and c=0.0.0.0), resume, move (README §13, §22). */
class ReinviteTest {
  private static TestNode node;
  private Phone a;
  private Phone b;
  private TwoPartyCall call;

  @BeforeAll
  static void startNode() {
    node = TestNode.start();
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @BeforeEach
  void establish() {
    a = Phone.open();
    b = Phone.open();
    call = TwoPartyCall.establish(node.ng(), a, b);
    call.assertRtpBothWays(1);
  }

  @AfterEach
  void hangUp() {
    call.ng.request("command", "delete", "call-id", call.callId, "delete-delay", 0);
    a.close();
    b.close();
  }

  @Test
  void identicalReofferKeepsBothPorts() {
    assertEquals(call.portB, SdpView.of(call.offer(a.sdp())).port());
    assertEquals(call.portA, SdpView.of(call.answer(b.sdp().withoutPtime())).port());
    call.assertRtpBothWays(2);
  }

  @Test
  void sendonlyHoldPassesThroughAndKeepsPorts() {
    SdpView hold = SdpView.of(call.offer(a.sdp().direction("sendonly")));
    assertEquals(call.portB, hold.port());
    assertEquals("127.0.0.1", hold.connection());
    assertTrue(hold.has("a=sendonly"), hold.text());
    assertFalse(hold.has("a=sendrecv"), hold.text());
    SdpView reply = SdpView.of(call.answer(b.sdp().withoutPtime().direction("recvonly")));
    assertEquals(call.portA, reply.port());
    assertTrue(reply.has("a=recvonly"), reply.text());
  }

  @Test
  void zeroAddressHoldThenResume() {
    SdpView hold = SdpView.of(call.offer(a.sdp().zeroConnection()));
    assertEquals("0.0.0.0", hold.connection(), "c=0.0.0.0 passes through (no replace: zero-address)");
    assertTrue(hold.has("a=sendonly"), "0.0.0.0 hold becomes a=sendonly\n" + hold.text());
    assertEquals(call.portB, hold.port());
    assertEquals(call.portA, SdpView.of(call.answer(b.sdp().withoutPtime())).port());

    SdpView resume = SdpView.of(call.offer(a.sdp()));
    assertEquals("127.0.0.1", resume.connection());
    assertTrue(resume.has("a=sendrecv"), resume.text());
    assertEquals(call.portB, resume.port());
    assertEquals(call.portA, SdpView.of(call.answer(b.sdp().withoutPtime())).port());
    call.assertRtpBothWays(2);
  }

  @Test
  void movedCallerGetsNewPortsAndMediaFollows() {
    int oldA = call.portA;
    int oldB = call.portB;
    Phone moved = Phone.open("127.0.0.2");
    try {
      SdpView offer = SdpView.of(call.offer(moved.sdp()));
      assertNotEquals(oldB, offer.port(), "a re-offer from a new address gets a new relay port towards B");
      TwoPartyCall.assertRelayPort(offer.port());
      SdpView answer = SdpView.of(call.answer(b.sdp().withoutPtime()));
      assertNotEquals(oldA, answer.port(), "and a new relay port towards A");
      TwoPartyCall.assertRelayPort(answer.port());
      call.a = moved;
      call.portA = answer.port();
      call.portB = offer.port();
      call.assertRtpBothWays(3);
      call.assertRtcpBothWays();
      a.expectSilence();
      TwoPartyCall.assertReleased(oldA, oldA + 1, oldB, oldB + 1);
    } finally {
      moved.close();
    }
  }
}
