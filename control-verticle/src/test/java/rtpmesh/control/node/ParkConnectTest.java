package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import rtpmesh.media.MediaApi;

/**
 * {@code park} (rtpmesh answers an offer itself; the party's media is counted and goes nowhere) and
 * {@code connect} joining a parked party to a party of another call, whose media then flows both
 * ways through the ports they already had: tones checked by Goertzel on real sockets.
 */
class ParkConnectTest {
  static final double TONE_A = 440;
  static final double TONE_B = 1000;

  @Test
  void aParkedPartyIsAnsweredByRtpmeshAndItsMediaIsCountedNotForwarded() {
    try (TestNode node = TestNode.start(); Phone a = Phone.open()) {
      NgClient ng = node.ng();
      String callId = "park-" + UUID.randomUUID();
      Map<String, Object> r = park(ng, callId, "pa", a);
      SdpView answer = SdpView.of(r);
      int port = answer.port();
      TwoPartyCall.assertRelayPort(port);
      assertEquals("127.0.0.1", answer.connection());
      assertEquals("RTP/AVP 0 8 101", answer.protoAndFormats(), "every offered codec accepted");
      assertTrue(answer.has("a=sendrecv") && answer.has("a=rtcp:" + (port + 1)), answer.text());
      assertTrue(answer.line("o=").startsWith("o=rtpmesh "), "our own origin: " + answer.text());
      for (int i = 0; i < 5; i++) a.sendRtp(port, Tone.packet(TONE_A, i, 7));
      a.expectSilence();
      long deadline = System.currentTimeMillis() + 5000;
      while (packets(ng, callId, "pa") < 5) {
        assertTrue(System.currentTimeMillis() < deadline, "query never counted the parked party's RTP");
        TwoPartyCall.sleep(50);
      }
      assertTrue(noPeerDrops(node) >= 5, "counted as no-peer drops");
      // A re-INVITE of the parked party (hold) is answered by us again, same port, newer version.
      SdpView hold = SdpView.of(ng.ok("command", "offer", "call-id", callId, "from-tag", "pa", "flags", List.of("park"),
          "sdp", a.sdp().direction("sendonly").toString()));
      assertEquals(port, hold.port());
      assertTrue(hold.has("a=recvonly"), hold.text());
      assertEquals(answer.line("o=").replace(" 1 IN ", " 2 IN "), hold.line("o="));
    }
  }

  /** Call-ids hash to port blocks (event loops): joined calls on the same loop and on two loops. */
  @ParameterizedTest(name = "same block: {0}")
  @ValueSource(booleans = {false, true})
  void aParkedPartyConnectedToAPartyOfAnotherCallHearsItBothWays(boolean sameBlock) {
    try (TestNode node = TestNode.start(); Phone a = Phone.open(); Phone b = Phone.open()) {
      NgClient ng = node.ng();
      String c1 = callIdInBlock(0);
      String c2 = callIdInBlock(sameBlock ? 0 : 1);
      int portA = SdpView.of(park(ng, c1, "pa", a)).port();
      int portB = SdpView.of(park(ng, c2, "pb", b)).port();
      ng.ok("command", "connect", "call-id", c1, "from-tag", "pa", "to-call-id", c2, "to-tag", "pb");
      hears(a, portA, b, portB, TONE_A);
      hears(b, portB, a, portA, TONE_B);

      // Bad input is refused with a reason and leaves the joined parties as they were.
      assertEquals("Unknown call-id", ng.error("command", "connect", "call-id", "nope", "from-tag", "pa", "to-tag", "pb"));
      assertEquals("Unknown to-call-id", ng.error("command", "connect", "call-id", c1, "from-tag", "pa", "to-call-id", "nope", "to-tag", "pb"));
      assertEquals("Unknown from-tag", ng.error("command", "connect", "call-id", c1, "from-tag", "x", "to-call-id", c2, "to-tag", "pb"));
      assertEquals("Unknown to-tag", ng.error("command", "connect", "call-id", c1, "from-tag", "pa", "to-call-id", c2, "to-tag", "x"));
      assertEquals("Cannot connect a party to itself", ng.error("command", "connect", "call-id", c1, "from-tag", "pa", "to-tag", "pa"));
      assertEquals("No to-tag in message", ng.error("command", "connect", "call-id", c1, "from-tag", "pa"));
      hears(a, portA, b, portB, TONE_A);
      hears(b, portB, a, portA, TONE_B);

      // One call ends: the other goes on, its party's media is dropped again (no crash, no leak).
      ng.ok("command", "delete", "call-id", c2, "from-tag", "pb", "delete-delay", 0);
      TwoPartyCall.assertReleased(portB, portB + 1);
      for (int i = 0; i < 3; i++) a.sendRtp(portA, Tone.packet(TONE_A, i, 7));
      b.expectSilence();
      assertEquals("ok", ng.request("command", "query", "call-id", c1).get("result"));
    }
  }

  /** Both calls of a bridge rebuilt from their records on another node, in either order. */
  @ParameterizedTest(name = "first call adopted first: {0}")
  @ValueSource(booleans = {false, true})
  void joinedCallsTakenOverFromTheirRecordsKeepTheirMediaJoined(boolean firstCallFirst) {
    try (Phone a = Phone.open(); Phone b = Phone.open()) {
      TestNode first = TestNode.start();
      NgClient ng = first.ng();
      String c1 = callIdInBlock(0);
      String c2 = callIdInBlock(1);
      int portA = SdpView.of(park(ng, c1, "pa", a)).port();
      int portB = SdpView.of(park(ng, c2, "pb", b)).port();
      ng.ok("command", "connect", "call-id", c1, "from-tag", "pa", "to-call-id", c2, "to-tag", "pb");
      hears(a, portA, b, portB, TONE_A);
      JsonObject r1 = first.control.record(c1).await();
      JsonObject r2 = first.control.record(c2).await();
      String key = c1.compareTo(c2) <= 0 ? c1 : c2;
      assertEquals(key, r1.getString("placement"), "joined calls are placed together: " + r1);
      assertEquals(key, r2.getString("placement"));
      first.close();
      try (TestNode second = TestNode.start()) {
        second.control.adopt(firstCallFirst ? r1 : r2).await();
        second.control.adopt(firstCallFirst ? r2 : r1).await();
        hears(a, portA, b, portB, TONE_A);
        hears(b, portB, a, portA, TONE_B);
      }
    }
  }

  @Test
  void connectWithinOneCallJoinsTwoParkedParties() {
    try (TestNode node = TestNode.start(); Phone a = Phone.open(); Phone b = Phone.open()) {
      NgClient ng = node.ng();
      String c = "one-" + UUID.randomUUID();
      int portA = SdpView.of(park(ng, c, "pa", a)).port();
      int portB = SdpView.of(park(ng, c, "pb", b)).port();
      ng.ok("command", "connect", "call-id", c, "from-tag", "pa", "to-tag", "pb");
      hears(a, portA, b, portB, TONE_A);
      hears(b, portB, a, portA, TONE_B);
      // A re-INVITE of a joined parked party is answered by us again and leaves it joined.
      assertEquals(portA, SdpView.of(park(ng, c, "pa", a)).port());
      hears(a, portA, b, portB, TONE_A);
      hears(b, portB, a, portA, TONE_B);
    }
  }

  static Map<String, Object> park(NgClient ng, String callId, String tag, Phone p) {
    return ng.ok("command", "offer", "call-id", callId, "from-tag", tag, "flags", List.of("park"), "sdp", p.sdp().toString());
  }

  /** {@code from} sends its tone to its relay port; {@code to} gets it from its own relay port. */
  static void hears(Phone from, int fromPort, Phone to, int toPort, double hz) {
    to.drain();
    int ssrc = ThreadLocalRandom.current().nextInt();
    for (int i = 0; i < 3; i++) {
      from.sendRtp(fromPort, Tone.packet(hz, i, ssrc));
      byte[] got = to.receiveRtp(toPort);
      assertEquals(hz, Tone.dominant(got, TONE_A, TONE_B), "tone heard on port " + to.rtpPort());
    }
  }

  static String callIdInBlock(int block) {
    while (true) {
      String id = "c-" + UUID.randomUUID();
      if (Math.floorMod(id.hashCode(), TestNode.BLOCKS) == block) return id;
    }
  }

  static long packets(NgClient ng, String callId, String tag) {
    Object n = NgClient.path(ng.request("command", "query", "call-id", callId), "tags", tag, "medias", 0, "streams", 0, "stats", "packets");
    return n instanceof Number x ? x.longValue() : 0;
  }

  static long noPeerDrops(TestNode node) {
    long sum = 0;
    for (int b = 0; b < TestNode.BLOCKS; b++) {
      JsonObject s = node.vertx.eventBus().<JsonObject>request(MediaApi.blockAddress(node.nodeId, b),
          new JsonObject().put("op", MediaApi.OP_BLOCK_STATS)).await().body();
      sum += s.getJsonObject("dropReasons").getLong("no-peer", 0L);
    }
    return sum;
  }

  static int portsInUse(TestNode node) {
    int sum = 0;
    for (int b = 0; b < TestNode.BLOCKS; b++) {
      JsonObject s = node.vertx.eventBus().<JsonObject>request(MediaApi.blockAddress(node.nodeId, b),
          new JsonObject().put("op", MediaApi.OP_BLOCK_STATS)).await().body();
      sum += s.getInteger("ports");
    }
    return sum;
  }
}
