package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rtpmesh.control.ng.Bencode;

/**
 * Malformed ng input (README §1-3): each is answered with {@code result: error} and an
 * {@code error-reason} (rtpengine's wording where the goldens show it), and leaves the node
 * serving: an established call keeps forwarding and {@code ping} answers {@code pong}.
 */
class BadInputTest {
  private static final String PHONE_SDP = new PhoneSdp("127.0.0.1", 20000).toString();

  private static TestNode node;
  private static NgClient ng;
  private static Phone a;
  private static Phone b;
  private static TwoPartyCall established;

  @BeforeAll
  static void establish() {
    // Media per call unlimited: the huge-SDP tests below are about running out of ports (the
    // default --max-media-per-call answers them before any port is taken; see NgFuzzTest).
    node = TestNode.startWith(new io.vertx.core.json.JsonObject().put("maxMediaPerCall", 0));
    ng = node.ng();
    a = Phone.open();
    b = Phone.open();
    established = TwoPartyCall.establish(ng, a, b);
    established.assertRtpBothWays(1);
  }

  @AfterAll
  static void stop() {
    a.close();
    b.close();
    node.close();
  }

  @AfterEach
  void nodeStillServes() {
    established.assertRtpBothWays(1);
    assertEquals("pong", ng.request("command", "ping").get("result"));
  }

  /** name, payload after the cookie, expected error-reason (null: any non-empty reason). */
  static Stream<Arguments> badInputs() {
    return Stream.of(
        bad("garbage bytes", () -> new byte[] {(byte) 0xff, 0x00, (byte) 0x80, 'x', 'y', 0x7f}, "Invalid NG data format"),
        bad("truncated bencode", () -> ascii("d7:command4:pi"), "Could not decode bencode dictionary"),
        bad("list instead of dict", () -> ascii("l4:pinge"), "Invalid NG data format"),
        bad("empty payload", () -> new byte[0], "Invalid data (no payload)"),
        bad("missing command", () -> ben("call-id", "x"), "Dictionary contains no key \"command\""),
        bad("command not a string", () -> ben("command", List.of("ping")), "Dictionary contains no key \"command\""),
        bad("unknown command", () -> ben("command", "dance"), "Unrecognized command"),
        bad("offer without call-id", () -> ben("command", "offer", "from-tag", "f", "sdp", PHONE_SDP), "No call-id in message"),
        bad("offer without from-tag", () -> ben("command", "offer", "call-id", "bad-1", "sdp", PHONE_SDP), "No from-tag in message"),
        bad("offer without sdp", () -> ben("command", "offer", "call-id", "bad-2", "from-tag", "f"), "No SDP body in message"),
        bad("sdp as a list", () -> ben("command", "offer", "call-id", "bad-3", "from-tag", "f", "sdp", List.of(PHONE_SDP)),
            "No SDP body in message"),
        bad("answer for unknown call", () -> ben("command", "answer", "call-id", "bad-nope", "from-tag", "f", "to-tag", "t",
            "sdp", PHONE_SDP), "Unknown call-id"),
        bad("query unknown call", () -> ben("command", "query", "call-id", "bad-nope"), "Unknown call-id"),
        bad("sdp garbage", () -> offer("bad-4", "this is not SDP\r\nat all\r\n"), "Failed to parse SDP"),
        bad("sdp non-numeric port", () -> offer("bad-5", PHONE_SDP.replace("m=audio 20000", "m=audio abc")), "Failed to parse SDP"),
        bad("sdp address 999.1.2.3", () -> offer("bad-6", PHONE_SDP.replace("IN IP4 127.0.0.1", "IN IP4 999.1.2.3")),
            "Failed to parse SDP"),
        bad("sdp without m=", () -> offer("bad-7", PHONE_SDP.substring(0, PHONE_SDP.indexOf("m="))), "Error rewriting SDP"),
        bad("10000 nested lists", BadInputTest::deeplyNested, null));
  }

  private static Arguments bad(String name, Supplier<byte[]> payload, String reason) {
    return Arguments.of(name, payload, reason);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void answeredWithAnError(String name, Supplier<byte[]> payload, String reason) {
    String got = NgClient.errorReason(NgClient.decode(ng.raw(payload.get())));
    if (reason != null) assertEquals(reason, got, name);
  }

  /** 200 audio streams in ~60 kB: more ports than a block has. Any answer will do, but an answer. */
  @Test
  void hugeSdpIsAnswered() {
    Map<String, Object> r = NgClient.decode(ng.raw(offer("bad-huge", hugeSdp(200))));
    if (!"ok".equals(r.get("result"))) NgClient.errorReason(r);
    ng.request("command", "delete", "call-id", "bad-huge", "delete-delay", 0);
    // Same call-id, same media block: had the failed offer kept its ports, the block would stay
    // full. Retried for a moment because of the race in offerRightAfterAFailedHugeOfferGetsPorts.
    Phone c = Phone.open();
    try {
      long deadline = System.currentTimeMillis() + 2000;
      Map<String, Object> small;
      do {
        small = ng.request("command", "offer", "call-id", "bad-huge", "from-tag", "f", "sdp", c.sdp().toString());
      } while (!"ok".equals(small.get("result")) && System.currentTimeMillis() < deadline);
      assertEquals("ok", small.get("result"), "ports of the failed offer were never given back: " + small);
    } finally {
      ng.request("command", "delete", "call-id", "bad-huge", "delete-delay", 0);
      c.close();
    }
  }

  /**
   * Found: the media block answers a failed allocation before the pairs it had bound are closed
   * (Relay.bindNext calls binder.unbind without waiting; PairBinder.unbind closes RTCP only after
   * RTP). An offer arriving in those few milliseconds finds every pair "busy" and gets
   * {@code Ran out of ports} although the block is empty; it happens in about 1 round in 3.
   */
  @Test
  void offerRightAfterAFailedHugeOfferGetsPorts() {
    Phone c = Phone.open();
    try {
      for (int round = 0; round < 10; round++) {
        String callId = "bad-race-" + round;
        NgClient.errorReason(NgClient.decode(ng.raw(offer(callId, hugeSdp(200)))));
        Map<String, Object> small = ng.request("command", "offer", "call-id", callId, "from-tag", "f", "sdp", c.sdp().toString());
        ng.request("command", "delete", "call-id", callId, "delete-delay", 0);
        assertEquals("ok", small.get("result"), "round " + round + ": " + small);
      }
    } finally {
      c.close();
    }
  }

  private static String hugeSdp(int streams) {
    StringBuilder sdp = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n");
    for (int i = 0; i < streams; i++) {
      sdp.append("m=audio ").append(20000 + 2 * i).append(" RTP/AVP 0 8 101\r\n")
          .append("a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n")
          .append("a=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n")
          .append("a=x-padding:").append("p".repeat(110)).append("\r\n");
    }
    assertTrue(streams < 200 || (sdp.length() > 55_000 && sdp.length() < 62_000), "size " + sdp.length());
    return sdp.toString();
  }

  /**
   * A re-offer that fails (here: more streams than the block has ports) must leave the call as it
   * was. Found: the 199 extra media sections stay in the call's state on both sides, so the
   * statistics outgrow a datagram and {@code query} (and {@code delete}) of a working call get no
   * reply at all ("cannot send ng reply ...: Message too long" in the log).
   */
  @Test
  void failedHugeReofferLeavesTheCallAsItWas() {
    Phone c = Phone.open();
    Phone d = Phone.open();
    TwoPartyCall call = TwoPartyCall.establish(ng, c, d);
    try {
      assertEquals("Ran out of ports", ng.error("command", "offer", "call-id", call.callId, "from-tag", call.tagA,
          "sdp", hugeSdp(200)));
      call.assertRtpBothWays(1);
      Map<String, Object> q = call.query();
      assertEquals("ok", q.get("result"), q.toString());
      assertEquals(1, ((List<?>) NgClient.path(q, "tags", call.tagA, "medias")).size(), "A's media sections");
      assertEquals(1, ((List<?>) NgClient.path(q, "tags", call.tagB, "medias")).size(), "B's media sections");
    } finally {
      try {
        ng.request("command", "delete", "call-id", call.callId, "delete-delay", 0);
      } catch (AssertionError noReply) {
        // the delete still ran; only its (oversized) reply was lost
      }
      c.close();
      d.close();
    }
  }

  @Test
  void jsonRequestGetsJsonReply() {
    byte[] reply = ng.raw(ascii("{\"command\":\"ping\"}"));
    String json = new String(reply, StandardCharsets.UTF_8).replace(" ", "");
    assertEquals("{\"result\":\"pong\"}", json);
  }

  @Test
  void datagramWithoutCookieGetsNoReply() {
    assertNull(ng.sendRawAndListen(ascii("d7:command4:pinge"), 1000), "a datagram without a space is not answered");
  }

  private static byte[] deeplyNested() {
    // A dictionary whose value nests 10000 lists: a recursive parser must not overflow the stack.
    String head = "d7:command4:ping4:deep";
    return ascii(head + "l".repeat(10_000) + "e".repeat(10_000) + "e");
  }

  private static byte[] offer(String callId, String sdp) {
    return ben("command", "offer", "call-id", callId, "from-tag", "f", "sdp", sdp);
  }

  private static byte[] ben(Object... keyValues) {
    return Bencode.encode(NgClient.dict(keyValues));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
