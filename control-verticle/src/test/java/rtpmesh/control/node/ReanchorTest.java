package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * rtpmesh's {@code reanchor} command: the call moves to fresh ports and the reply carries the SDP
 * each party gets in its re-INVITE (OpenSIPS rtp_relay_update); media then flows on the new ports.
 */
class ReanchorTest {

  @Test
  void callMovesToNewPortsAndEachPartyGetsItsNewSdp() {
    try (TestNode node = TestNode.start(); Phone a = Phone.open(); Phone b = Phone.open()) {
      NgClient ng = node.ng();
      TwoPartyCall call = TwoPartyCall.establish(ng, a, b);
      call.assertRtpBothWays(2);
      int oldA = call.portA;
      int oldB = call.portB;
      Map<String, Object> r = ng.ok("command", "reanchor", "call-id", call.callId);
      Map<?, ?> sdps = (Map<?, ?>) r.get("sdp");
      String toA = (String) sdps.get(call.tagA);
      String toB = (String) sdps.get(call.tagB);
      call.portA = SdpView.of(Map.of("sdp", toA)).port();
      call.portB = SdpView.of(Map.of("sdp", toB)).port();
      assertNotEquals(oldA, call.portA);
      assertNotEquals(oldB, call.portB);
      assertTrue(toA.contains("a=rtcp:" + (call.portA + 1) + "\r\n"), toA);
      assertTrue(toA.contains("o=- 1545997027 2 IN IP4"), "o= version bumped: " + toA);
      call.assertRtpBothWays(3);
      TwoPartyCall.assertReleased(oldA, oldA + 1, oldB, oldB + 1);
      assertEquals(java.util.List.of((long) call.portA, (long) call.portA + 1), TwoPartyCall.localPorts(call.query(), call.tagA));
    }
  }
}
