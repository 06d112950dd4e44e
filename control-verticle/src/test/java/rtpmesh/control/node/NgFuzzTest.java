package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing of the ng interface of a whole node over its real sockets (UDP and HTTP), seeded
 * ({@link NgFuzz#SEED}, printed with every failure; {@code -Dfuzz.seed=N} replays it) and bounded
 * ({@code -Dfuzz.iterations=N} per kind runs longer). Every reply must be {@code result: ok} or
 * {@code result: error} with an {@code error-reason}; no exception may reach the log; afterwards
 * the node answers ping, an established call still relays both ways and, once every fuzzed call
 * is deleted, the media blocks hold exactly the ports they held before.
 */
class NgFuzzTest {
  private static TestNode node;
  private static FuzzWire wire;
  private static Phone a;
  private static Phone b;
  private static TwoPartyCall established;
  private static int baselinePorts;

  @BeforeAll
  static void start() {
    System.out.println("NgFuzzTest seed " + NgFuzz.SEED + " (replay: -Dfuzz.seed=" + NgFuzz.SEED + ")");
    node = TestNode.startWith(new JsonObject());
    wire = new FuzzWire(node);
    a = Phone.open();
    b = Phone.open();
    established = TwoPartyCall.establish(node.ng(), a, b);
    established.assertRtpBothWays(1);
    baselinePorts = wire.portsInUse();
  }

  @AfterAll
  static void stop() {
    a.close();
    b.close();
    wire.close();
    node.close();
  }

  @AfterEach
  void nodeIsHealthyAndHoldsNoExtraPort() {
    assertEquals(List.of(), wire.escapedExceptions(), "exceptions in the log; seed " + NgFuzz.SEED);
    assertEquals("pong", wire.request(NgClient.dict("command", "ping")).get("result"), "ping over UDP");
    assertEquals(null, NgFuzz.problem(wire.http(NgFuzz.ascii("{\"command\":\"ping\"}"), true), true), "ping over HTTP");
    established.assertRtpBothWays(1);
    wire.deleteAllBut(established.callId);
    assertEquals(baselinePorts, wire.awaitPortsInUse(baselinePorts), "ports in use after deleting every fuzzed call; seed " + NgFuzz.SEED);
    assertEquals(List.of(established.callId), wire.request(NgClient.dict("command", "list")).get("calls"));
  }

  private static final List<String> CALL_IDS = List.of("fz-a", "fz-b", "fz-c", "fz-d");
  private static final List<String> TAGS = List.of("ta", "tb", "tc");

  /** Random and mutated bencode and JSON messages, over UDP and HTTP. */
  @Test
  void messagesAreAnsweredOkOrWithAnErrorReason() {
    NgFuzz f = new NgFuzz(NgFuzz.SEED);
    int n = NgFuzz.iterations(1500);
    int viaHttp = 0;
    for (int i = 0; i < n; i++) {
      boolean json = f.chance(40);
      Map<String, Object> m = f.message(CALL_IDS, TAGS, f.chance(5) ? 200_000 : 8_000);
      byte[] payload = json ? NgFuzz.json(m) : NgFuzz.bencode(m);
      if (f.chance(50)) payload = f.mutateBytes(payload);
      boolean http = payload.length > 60_000 || f.chance(20);
      if (http) viaHttp++;
      check(payload, http, json, "message case " + i);
      if (LEAK_CHECK) leakCheck("message case " + i, payload);
    }
    System.out.println("NgFuzzTest messages: " + n + " cases (" + viaHttp + " over HTTP), seed " + NgFuzz.SEED);
  }

  /**
   * Many commands on the same few call-ids and tags in random order (the input that crashes
   * rtpengine): offers, answers, deletes with and without delay, queries, re-anchors, forks by
   * via-branch, a tenth of them mutated.
   */
  @Test
  void statefulSequencesLeaveNoPortBehind() {
    NgFuzz f = new NgFuzz(NgFuzz.SEED + 1);
    int n = NgFuzz.iterations(1500);
    Deque<String> recent = new ArrayDeque<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> m = step(f);
      if (f.chance(10)) m.put(f.pick(NgFuzz.KEYS), f.value(0, 2000));
      boolean json = f.chance(15);
      byte[] payload = json ? NgFuzz.json(m) : NgFuzz.bencode(m);
      if (f.chance(5)) payload = f.mutateBytes(payload);
      recent.addLast(i + ": " + NgFuzz.show(payload).substring(0, Math.min(160, NgFuzz.show(payload).length())));
      if (recent.size() > 30) recent.removeFirst();
      boolean http = f.chance(20);
      byte[] reply = http ? wire.http(payload, json) : wire.udp(payload);
      String problem = NgFuzz.problem(reply, replyIsJson(reply));
      if (problem != null) {
        throw new AssertionError("stateful step " + i + ": " + problem + "; seed " + NgFuzz.SEED
            + "\nlast steps:\n" + String.join("\n", recent));
      }
    }
    System.out.println("NgFuzzTest stateful: " + n + " steps, seed " + NgFuzz.SEED);
  }

  private static Map<String, Object> step(NgFuzz f) {
    String callId = f.pick(CALL_IDS);
    String from = f.pick(TAGS);
    String to = f.pick(TAGS);
    Map<String, Object> m = new LinkedHashMap<>();
    int op = f.rnd.nextInt(100);
    if (op < 30) {
      m.put("command", "offer");
      m.put("call-id", callId);
      m.put("from-tag", from);
      if (f.chance(20)) m.put("to-tag", to);
      if (f.chance(15)) m.put("via-branch", "z9hG4bK" + f.rnd.nextInt(3));
      m.put("sdp", f.chance(85) ? f.pick(NgFuzz.SDPS) : f.mutateSdp(f.pick(NgFuzz.SDPS)));
      flags(f, m);
    } else if (op < 55) {
      m.put("command", "answer");
      m.put("call-id", callId);
      m.put("from-tag", from);
      m.put("to-tag", to);
      if (f.chance(15)) m.put("via-branch", "z9hG4bK" + f.rnd.nextInt(3));
      m.put("sdp", f.chance(85) ? f.pick(NgFuzz.SDPS) : f.mutateSdp(f.pick(NgFuzz.SDPS)));
      flags(f, m);
    } else if (op < 70) {
      m.put("command", "delete");
      m.put("call-id", callId);
      if (f.chance(60)) m.put("from-tag", from);
      if (f.chance(30)) m.put("to-tag", to);
      if (f.chance(20)) m.put("via-branch", "z9hG4bK" + f.rnd.nextInt(3));
      m.put("delete-delay", (long) f.pick(List.of(0, 0, 1, 30)));
      if (f.chance(20)) m.put("flags", List.of(f.pick(List.of("fatal", "to-tag", "all"))));
    } else if (op < 82) {
      m.put("command", "query");
      m.put("call-id", callId);
      if (f.chance(50)) m.put("from-tag", from);
    } else if (op < 90) {
      m.put("command", "reanchor");
      m.put("call-id", callId);
    } else if (op < 95) {
      m.put("command", f.pick(List.of("list", "statistics", "ping")));
    } else {
      m = f.message(CALL_IDS, TAGS, 4000);
    }
    return m;
  }

  private static void flags(NgFuzz f, Map<String, Object> m) {
    List<String> flags = new ArrayList<>();
    int n = f.rnd.nextInt(4);
    for (int i = 0; i < n; i++) flags.add(f.pick(NgFuzz.WORDS));
    if (!flags.isEmpty()) m.put("flags", flags);
    if (f.chance(20)) m.put("replace", List.of("origin", "session-connection"));
    if (f.chance(10)) m.put("ICE", f.pick(List.of("remove", "force", "default")));
    if (f.chance(10)) m.put("rtcp-mux", List.of(f.pick(List.of("demux", "offer", "require", "accept"))));
    if (f.chance(10)) m.put("transport-protocol", f.pick(List.of("RTP/AVP", "RTP/SAVP", "UDP/TLS/RTP/SAVPF")));
    if (f.chance(10)) m.put("direction", List.of(f.pick(List.of("internal", "external", "priv", "pub")), f.pick(List.of("priv", "pub"))));
  }

  /** Mutated real SDPs (the kit's) as offers and answers, and SDPs with absurd counts. */
  @Test
  void mutatedAndAbsurdSdps() {
    NgFuzz f = new NgFuzz(NgFuzz.SEED + 2);
    int n = NgFuzz.iterations(400);
    for (int i = 0; i < n; i++) {
      String callId = "fz-sdp-" + (i % 8);
      Map<String, Object> offer = NgClient.dict("command", "offer", "call-id", callId, "from-tag", "x",
          "sdp", f.mutateSdp(f.pick(NgFuzz.SDPS)));
      check(NgFuzz.bencode(offer), false, false, "sdp offer " + i);
      Map<String, Object> answer = NgClient.dict("command", "answer", "call-id", callId, "from-tag", "x", "to-tag", "y",
          "sdp", f.mutateSdp(f.pick(NgFuzz.SDPS)));
      check(NgFuzz.bencode(answer), false, false, "sdp answer " + i);
      if (i % 4 == 3) check(NgFuzz.bencode(NgClient.dict("command", "delete", "call-id", callId, "delete-delay", 0)), false, false, "delete");
    }
    // m= lines and attributes by the thousand: named limit errors, not "Ran out of ports".
    int[][] absurd = {{65, 1}, {200, 1}, {1000, 0}, {5000, 0}, {1, 5000}, {1, 40_000}, {300, 300}};
    for (int[] c : absurd) {
      String sdp = NgFuzz.absurdSdp(c[0], c[1]);
      byte[] payload = NgFuzz.bencode(NgClient.dict("command", "offer", "call-id", "fz-absurd", "from-tag", "x", "sdp", sdp));
      byte[] reply = payload.length > 60_000 ? wire.http(payload, false) : wire.udp(payload);
      String problem = NgFuzz.problem(reply, false);
      assertEquals(null, problem, c[0] + " m= lines x " + c[1] + " attributes");
      String reason = String.valueOf(NgClient.decode(reply).get("error-reason"));
      if (sdp.length() > 65_536) assertTrue(reason.startsWith("SDP too large"), reason);
      else if (c[0] > 64) assertTrue(reason.startsWith("Too many media streams"), reason);
      else assertEquals("ok", NgClient.decode(reply).get("result"), c[0] + " x " + c[1]);
    }
    System.out.println("NgFuzzTest sdp: " + n + " offer/answer pairs of mutated kit SDPs + " + absurd.length + " absurd SDPs, seed " + NgFuzz.SEED);
  }

  /** For a bencoded request with an SDP: drops SDP lines while the failure stays (bencode lengths stay right). */
  @SuppressWarnings("unchecked")
  private static byte[] minimizeSdpLines(byte[] payload, java.util.function.Predicate<byte[]> fails) {
    Map<String, Object> m;
    try {
      if (!(rtpmesh.control.ng.Bencode.decode(payload) instanceof Map<?, ?> d) || !(d.get("sdp") instanceof String)) return payload;
      m = new LinkedHashMap<>((Map<String, Object>) d);
    } catch (rtpmesh.control.ng.Bencode.DecodeException e) {
      return payload;
    }
    List<String> lines = new ArrayList<>(List.of(((String) m.get("sdp")).split("\r?\n", -1)));
    for (int i = lines.size() - 1; i >= 0; i--) {
      List<String> fewer = new ArrayList<>(lines);
      fewer.remove(i);
      m.put("sdp", String.join("\r\n", fewer));
      if (fails.test(NgFuzz.bencode(m))) lines = fewer;
    }
    m.put("sdp", String.join("\r\n", lines));
    return NgFuzz.bencode(m);
  }

  /** {@code -Dfuzz.leakcheck=true}: after every case, delete everything and compare the ports (slow; to find a leak's input). */
  private static final boolean LEAK_CHECK = Boolean.getBoolean("fuzz.leakcheck");

  private static void leakCheck(String what, byte[] payload) {
    wire.deleteAllBut(established.callId);
    int now = wire.awaitPortsInUse(baselinePorts);
    if (now != baselinePorts) {
      throw new AssertionError(what + ": " + (now - baselinePorts) + " pairs held by no call after " + NgFuzz.show(payload)
          + "; calls " + wire.request(NgClient.dict("command", "list")).get("calls"));
    }
  }

  private static boolean replyIsJson(byte[] reply) {
    return reply != null && reply.length > 0 && reply[0] == '{';
  }

  /** Sends one input; on a bad reply, shrinks it and fails with the seed and the minimized input. */
  private static void check(byte[] payload, boolean http, boolean json, String what) {
    byte[] reply = http ? wire.http(payload, json) : wire.udp(payload);
    String problem = NgFuzz.problem(reply, replyIsJson(reply));
    if (problem == null) return;
    java.util.function.Predicate<byte[]> fails = p -> {
      byte[] r = http ? wire.http(p, json) : wire.udp(p);
      return NgFuzz.problem(r, replyIsJson(r)) != null;
    };
    byte[] small = minimizeSdpLines(payload, fails);
    if (!json) small = FuzzWire.minimize(small, fails, 300);
    throw new AssertionError(what + ": " + problem + "; seed " + NgFuzz.SEED + " (" + (http ? "HTTP" : "UDP")
        + ")\ninput:     " + NgFuzz.show(payload) + "\nminimized: " + NgFuzz.show(small));
  }
}
