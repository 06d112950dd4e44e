package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code delete} without {@code delete-delay} on a node configured with delete-delay 2 s (README §5). */
class DeleteDelayTest {
  private TestNode node;
  private Phone a;
  private Phone b;

  @BeforeEach
  void start() {
    node = TestNode.start(2, -1);
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
  void callLingersForTheDelayThenGoes() {
    TwoPartyCall call = TwoPartyCall.establish(node.ng(), a, b);
    call.assertRtpBothWays(1);
    long deleted = System.currentTimeMillis();
    Map<String, Object> r = call.ng.ok("command", "delete", "call-id", call.callId, "from-tag", call.tagA);
    assertTrue(r.containsKey("tags"), "delete answers with statistics: " + r);

    assertEquals("ok", call.query().get("result"), "still queryable during the delay");
    call.assertRtpBothWays(2);
    assertTrue(call.ng.ok("command", "delete", "call-id", call.callId, "from-tag", call.tagA).containsKey("tags"),
        "can be deleted again during the delay");
    call.assertRtpBothWays(1);

    call.awaitGone();
    long gone = System.currentTimeMillis() - deleted;
    assertTrue(gone >= 1500, "gone after " + gone + " ms, before the 2 s delay");
    TwoPartyCall.assertReleased(call.portA, call.portA + 1, call.portB, call.portB + 1);
  }
}
