package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** rtpengine's --timeout: a call whose media stopped is ended by the node and its ports freed. */
class MediaTimeoutTest {

  @Test
  void aCallWithoutMediaEndsAfterTheTimeoutAndItsPortsAreFreed() {
    try (TestNode node = TestNode.start(30, -1, 1); Phone a = Phone.open(); Phone b = Phone.open()) {
      NgClient ng = node.ng();
      TwoPartyCall call = TwoPartyCall.establish(ng, a, b);
      call.assertRtpBothWays(2);
      call.awaitGone();
      Map<String, Object> q = call.query();
      assertEquals("Unknown call-id", q.get("error-reason"));
      TwoPartyCall.assertReleased(call.portA, call.portA + 1, call.portB, call.portB + 1);
      Map<String, Object> stats = ng.ok("command", "statistics");
      Map<?, ?> total = (Map<?, ?>) ((Map<?, ?>) stats.get("statistics")).get("totalstatistics");
      assertEquals(1L, total.get("timeoutsessions"));
      assertEquals(0L, total.get("regularterminatedsessions"));
    }
  }
}
