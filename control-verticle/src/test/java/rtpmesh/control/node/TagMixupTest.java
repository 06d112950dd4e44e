package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SIP proxies get tags wrong, fork, and re-INVITE from either side. Whatever one call is put
 * through, the node always answers, and a bystander call set up at the start keeps its media.
 */
class TagMixupTest {
  private static TestNode node;
  private static NgClient ng;
  private static Phone x1;
  private static Phone x2;
  private static TwoPartyCall bystander;

  private Phone a;
  private Phone b;
  private TwoPartyCall call;

  @BeforeAll
  static void startNode() {
    node = TestNode.start();
    ng = node.ng();
    x1 = Phone.open();
    x2 = Phone.open();
    bystander = TwoPartyCall.establish(ng, x1, x2);
    bystander.assertRtpBothWays(1);
  }

  @AfterAll
  static void stopNode() {
    x1.close();
    x2.close();
    node.close();
  }

  @BeforeEach
  void establish() {
    a = Phone.open();
    b = Phone.open();
    call = TwoPartyCall.establish(ng, a, b);
  }

  @AfterEach
  void bystanderUnaffected() {
    ng.request("command", "delete", "call-id", call.callId, "delete-delay", 0);
    a.close();
    b.close();
    bystander.assertRtpBothWays(2);
    @SuppressWarnings("unchecked")
    List<Object> calls = (List<Object>) ng.ok("command", "list", "limit", 1000).get("calls");
    assertTrue(calls.contains(bystander.callId), "list still lists the bystander: " + calls);
  }

  @Test
  void answerWithUnknownFromTag() {
    Map<String, Object> r = ng.request("command", "answer", "call-id", call.callId, "from-tag", "nobody",
        "to-tag", call.tagB, "sdp", b.sdp().toString());
    okOrNamedError(r);
  }

  @Test
  void reofferFromTheCallee() {
    // A re-INVITE from B: from-tag is B's, to-tag A's. A is told the relay port it already uses.
    SdpView toA = SdpView.of(ng.ok("command", "offer", "call-id", call.callId, "from-tag", call.tagB,
        "to-tag", call.tagA, "sdp", b.sdp().withoutPtime().toString()));
    assertEquals(call.portA, toA.port(), "B's re-offer reaches A with A's relay port\n" + toA.text());
    SdpView toB = SdpView.of(ng.ok("command", "answer", "call-id", call.callId, "from-tag", call.tagB,
        "to-tag", call.tagA, "sdp", a.sdp().toString()));
    assertEquals(call.portB, toB.port(), "A's answer reaches B with B's relay port\n" + toB.text());
    Map<String, Object> q = call.query();
    assertEquals(List.of((long) call.portA, (long) call.portA + 1), TwoPartyCall.localPorts(q, call.tagA));
    assertEquals(List.of((long) call.portB, (long) call.portB + 1), TwoPartyCall.localPorts(q, call.tagB));
    call.assertRtpBothWays(2);
  }

  @Test
  void answerWhoseToTagIsTheFromTag() {
    okOrNamedError(ng.request("command", "answer", "call-id", call.callId, "from-tag", call.tagA,
        "to-tag", call.tagA, "sdp", b.sdp().toString()));
  }

  @Test
  void twoForksEachGetTheirOwnPorts() {
    Phone b2 = Phone.open();
    try {
      SdpView second = SdpView.of(ng.ok("command", "answer", "call-id", call.callId, "from-tag", call.tagA,
          "to-tag", "fork-2", "sdp", b2.sdp().toString()));
      TwoPartyCall.assertRelayPort(second.port());
      // forking_two_to_tags golden: the second fork's answer gives A a new port.
      assertNotEquals(call.portA, second.port(), "the second fork's answer gives A a new relay port");
      Map<String, Object> q = call.query();
      @SuppressWarnings("unchecked")
      Map<String, Object> tags = (Map<String, Object>) q.get("tags");
      assertEquals(List.of(call.tagA, call.tagB, "fork-2"), List.copyOf(tags.keySet()), "query shows 3 tags");
      long fork1 = TwoPartyCall.localPorts(q, call.tagB).get(0);
      long fork2 = TwoPartyCall.localPorts(q, "fork-2").get(0);
      assertNotEquals(fork1, fork2, "each fork has its own relay port");
      TwoPartyCall.assertRelayPort((int) fork2);
      // A repeated answer from the same fork changes nothing.
      assertEquals(second.port(), SdpView.of(ng.ok("command", "answer", "call-id", call.callId, "from-tag", call.tagA,
          "to-tag", "fork-2", "sdp", b2.sdp().toString())).port());
    } finally {
      b2.close();
    }
  }

  @Test
  void reofferAfterImmediateDeleteCreatesAFreshCall() {
    call.delete(0);
    call.awaitGone();
    SdpView fresh = SdpView.of(call.offer(a.sdp()));
    TwoPartyCall.assertRelayPort(fresh.port());
    Map<String, Object> q = call.query();
    assertEquals("ok", q.get("result"));
    @SuppressWarnings("unchecked")
    Map<String, Object> tags = (Map<String, Object>) q.get("tags");
    assertFalse(tags.containsKey(call.tagB), "B's tag belongs to the deleted call: " + tags.keySet());
    call.portB = fresh.port();
    call.portA = SdpView.of(call.answer(b.sdp().withoutPtime())).port();
    call.assertRtpBothWays(2);
  }

  @Test
  void deleteWithUnknownFromTag() {
    Map<String, Object> r = ng.request("command", "delete", "call-id", call.callId, "from-tag", "nobody");
    assertEquals("ok", r.get("result"), r.toString());
    assertEquals("Call-ID not found or tags didn't match", r.get("warning"), r.toString());
    String reason = ng.error("command", "delete", "call-id", call.callId, "from-tag", "nobody", "flags", List.of("fatal"));
    assertEquals("Call-ID not found or tags didn't match", reason);
    call.assertRtpBothWays(1);
    assertEquals("ok", call.query().get("result"), "a delete that matched nothing leaves the call");
  }

  private static void okOrNamedError(Map<String, Object> reply) {
    if (!"ok".equals(reply.get("result"))) NgClient.errorReason(reply);
  }
}
