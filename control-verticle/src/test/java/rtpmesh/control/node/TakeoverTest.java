package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A call taken over by another node from its record, as a cluster survivor does: on the same ports
 * when they can be bound, or re-anchored on fresh ports (with a warning) when they cannot.
 */
class TakeoverTest {

  @Test
  void survivorKeepsTheSamePortsAndMediaFlowsOn() {
    try (Phone a = Phone.open(); Phone b = Phone.open()) {
      TestNode first = TestNode.start();
      TwoPartyCall call = TwoPartyCall.establish(first.ng(), a, b);
      call.assertRtpBothWays(3);
      JsonObject record = first.control.record(call.callId).await();
      assertNotNull(record);
      first.close();
      try (TestNode second = TestNode.start()) {
        second.control.adopt(record).await();
        call.assertRtpBothWays(3);
        Map<String, Object> q = second.ng().request("command", "query", "call-id", call.callId);
        assertEquals("ok", q.get("result"));
        assertNull(q.get("warning"));
        assertEquals(List.of((long) call.portA, (long) call.portA + 1), TwoPartyCall.localPorts(q, call.tagA));
        assertEquals(List.of((long) call.portB, (long) call.portB + 1), TwoPartyCall.localPorts(q, call.tagB));
        second.control.adopt(record).await();
        call.assertRtpBothWays(1);
      }
    }
  }

  @Test
  void portsThatCannotMoveAreReanchoredAndTheNextAnswerClearsTheWarning() throws Exception {
    try (Phone a = Phone.open(); Phone b = Phone.open()) {
      TestNode first = TestNode.start();
      TwoPartyCall call = TwoPartyCall.establish(first.ng(), a, b);
      JsonObject record = first.control.record(call.callId).await();
      first.close();
      try (TestNode second = TestNode.start();
           DatagramSocket squatter = new DatagramSocket(new InetSocketAddress("127.0.0.1", call.portA))) {
        second.control.adopt(record).await();
        NgClient ng = second.ng();
        Map<String, Object> q = ng.request("command", "query", "call-id", call.callId);
        assertEquals("ok", q.get("result"));
        assertNotNull(q.get("warning"), "a re-anchored call says it needs new SDP");
        assertNotEquals(call.portA, TwoPartyCall.localPorts(q, call.tagA).get(0).intValue());
        Map<String, Object> offer = ng.ok("command", "offer", "call-id", call.callId, "from-tag", call.tagA, "sdp", a.sdp().toString());
        Map<String, Object> answer = ng.ok("command", "answer", "call-id", call.callId, "from-tag", call.tagA,
            "to-tag", call.tagB, "sdp", b.sdp().withoutPtime().toString());
        call.portB = SdpView.of(offer).port();
        call.portA = SdpView.of(answer).port();
        assertNull(ng.request("command", "query", "call-id", call.callId).get("warning"));
        call.assertRtpBothWays(3);
      }
    }
  }
}
