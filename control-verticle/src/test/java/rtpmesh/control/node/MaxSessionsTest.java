package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A node with max-sessions 1 refuses a second call, and says so in the proxy's preferred way. */
class MaxSessionsTest {
  private TestNode node;
  private Phone a;
  private Phone b;

  @BeforeEach
  void start() {
    node = TestNode.start(30, 1);
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
  void secondCallIsRefusedFirstKeepsWorking() {
    NgClient ng = node.ng();
    TwoPartyCall first = TwoPartyCall.establish(ng, a, b);

    assertEquals("Parallel session limit reached",
        ng.error("command", "offer", "call-id", "second", "from-tag", "f", "sdp", a.sdp().toString()));
    Map<String, Object> limited = ng.request("command", "offer", "call-id", "third", "from-tag", "f",
        "sdp", a.sdp().toString(), "supports", List.of("load limit"));
    assertEquals("load limit", limited.get("result"), limited.toString());
    assertEquals("Unknown call-id", ng.error("command", "query", "call-id", "second"));

    assertEquals(first.portB, SdpView.of(first.offer(a.sdp())).port(), "a re-offer is not a new session");
    assertEquals(first.portA, SdpView.of(first.answer(b.sdp().withoutPtime())).port());
    first.assertRtpBothWays(2);
  }
}
