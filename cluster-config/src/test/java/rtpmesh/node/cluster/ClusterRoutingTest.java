package rtpmesh.node.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rtpmesh.node.cluster.NgClient.dict;
import static rtpmesh.node.cluster.Replies.localPorts;
import static rtpmesh.node.cluster.Replies.ok;
import static rtpmesh.node.cluster.Replies.relayPort;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three nodes, one call: whichever node a command reaches, it is handled by the call's owner (the
 * node the offer reached) and the reply comes back unchanged; media flows through the owner's
 * ports only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterRoutingTest {
  @RegisterExtension
  static final LocalCluster cluster = new LocalCluster("routing");

  @BeforeAll
  static void start() throws Exception {
    cluster.start(3, List.of());
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void everyNodeReachesTheOwnerOfACall() throws Exception {
    NodeProcess a = cluster.node(1);
    NodeProcess b = cluster.node(2);
    NodeProcess c = cluster.node(3);
    String callId = "routing-" + UUID.randomUUID();
    try (NgClient ng = new NgClient(); Phone caller = new Phone(0x1111); Phone callee = new Phone(0x2222)) {
      int toCallee = relayPort(ok("offer via " + a.id, ng.command(a.ngPort, dict("command", "offer",
          "call-id", callId, "from-tag", "ft", "sdp", caller.sdp()), 3000)));
      assertTrue(a.ownsPort(toCallee), "offer relay port " + toCallee + " not in " + a);

      int toCaller = relayPort(ok("answer via " + b.id, ng.command(b.ngPort, dict("command",
          "answer", "call-id", callId, "from-tag", "ft", "to-tag", "tt", "sdp", callee.sdp()),
          3000)));
      assertTrue(a.ownsPort(toCaller), "answer relay port " + toCaller + " not in " + a
          + ": the answer was not handled by the owner");

      Map<String, List<Integer>> ports = localPorts(ok("query via " + c.id,
          ng.command(c.ngPort, dict("command", "query", "call-id", callId), 3000)));
      assertEquals(List.of("ft", "tt"), List.copyOf(ports.keySet()), "tags of " + ports);
      ports.values().forEach(l -> l.forEach(p -> assertTrue(a.ownsPort(p), p + " not in " + a)));
      assertTrue(ports.get("ft").contains(toCaller) && ports.get("tt").contains(toCallee),
          "query ports " + ports + " vs relay ports " + toCaller + "/" + toCallee);

      @SuppressWarnings("unchecked")
      List<Object> calls = (List<Object>) ok("list via " + b.id,
          ng.command(b.ngPort, dict("command", "list"), 3000)).get("calls");
      assertTrue(calls.contains(callId), callId + " not in list " + calls);

      for (int seq = 0; seq < 20; seq++) {
        caller.send(seq, toCaller);
        callee.send(seq, toCallee);
        Thread.sleep(5);
      }
      assertRelayed(caller, callee, toCallee, 20);
      assertRelayed(callee, caller, toCaller, 20);

      // Recording commands are the owner's too (a node without --recording-dir answers ok with a
      // warning; a node that does not know the call would say Unknown call-id).
      ok("start recording via " + b.id, ng.command(b.ngPort, dict("command", "start recording",
          "call-id", callId), 3000));
      ok("stop recording via " + c.id, ng.command(c.ngPort, dict("command", "stop recording",
          "call-id", callId), 3000));

      ok("delete via " + c.id, ng.command(c.ngPort, dict("command", "delete", "call-id", callId,
          "from-tag", "ft", "delete-delay", 0), 3000));
      Map<String, Object> gone = ng.command(a.ngPort, dict("command", "query", "call-id", callId),
          3000);
      assertEquals("error", gone.get("result"), "query after delete: " + gone);
      assertEquals("Unknown call-id", gone.get("error-reason"), "query after delete: " + gone);
    }
  }

  /** {@code to} received all n packets of {@code from}, byte for byte, from the relay port it sends to. */
  private static void assertRelayed(Phone from, Phone to, int relayPortOfTo, int n)
      throws InterruptedException {
    List<Phone.Arrival> got = to.await(n, 3000);
    assertEquals(n, got.size(), "packets relayed to phone " + Integer.toHexString(to.ssrc));
    for (Phone.Arrival r : got) {
      assertArrayEquals(Phone.packet(from.ssrc, r.seq()), r.bytes(), "packet seq " + r.seq());
      assertEquals(new InetSocketAddress("127.0.0.1", relayPortOfTo), r.from(),
          "source of packet seq " + r.seq() + " (symmetric RTP)");
    }
  }

  /** Once a delete is answered, no node lists the call (the kit's list_calls once saw it still listed). */
  @Test
  void aDeletedCallIsListedNowhere() throws Exception {
    NodeProcess owner = cluster.node(1);
    try (NgClient ng = new NgClient(); Phone caller = new Phone(0x4444)) {
      for (int i = 0; i < 30; i++) {
        String callId = "unlisted-" + i + "-" + UUID.randomUUID();
        ok("offer", ng.command(owner.ngPort, dict("command", "offer", "call-id", callId, "from-tag", "ft",
            "sdp", caller.sdp()), 3000));
        ok("delete", ng.command(owner.ngPort, dict("command", "delete", "call-id", callId, "from-tag", "ft",
            "delete-delay", 0), 3000));
        for (NodeProcess n : List.of(owner, cluster.node(2), cluster.node(3))) {
          Object calls = ok("list via " + n.id, ng.command(n.ngPort, dict("command", "list", "limit", 1000), 3000)).get("calls");
          assertFalse(String.valueOf(calls).contains(callId), callId + " still listed via " + n.id + " after its delete: " + calls);
        }
      }
    }
  }

  @Test
  void anUnknownCallIdIsAnErrorNotATimeout() throws Exception {
    try (NgClient ng = new NgClient()) {
      Map<String, Object> r = ng.command(cluster.node(2).ngPort, dict("command", "query",
          "call-id", "nobody-" + UUID.randomUUID()), 3000);
      assertEquals("error", r.get("result"), r.toString());
      assertEquals("Unknown call-id", r.get("error-reason"), r.toString());
    }
  }

  /** A figure for the report, not an assertion: what forwarding over the event bus costs. */
  @Test
  void forwardedQueryLatency() throws Exception {
    NodeProcess owner = cluster.node(1);
    NodeProcess other = cluster.node(3);
    String callId = "latency-" + UUID.randomUUID();
    try (NgClient ng = new NgClient(); Phone caller = new Phone(0x3333)) {
      ok("offer", ng.command(owner.ngPort, dict("command", "offer", "call-id", callId,
          "from-tag", "ft", "sdp", caller.sdp()), 3000));
      Map<String, Object> query = dict("command", "query", "call-id", callId);
      long[] local = new long[50];
      long[] forwarded = new long[50];
      for (int i = 0; i < 20; i++) { // warm-up of both paths
        ok("query", ng.command(owner.ngPort, query, 3000));
        ok("query", ng.command(other.ngPort, query, 3000));
      }
      for (int i = 0; i < 50; i++) {
        local[i] = timed(ng, owner.ngPort, query);
        forwarded[i] = timed(ng, other.ngPort, query);
      }
      System.out.printf("ClusterRoutingTest: ng query round trip, 50 each: to the owner p50 %.2f ms"
          + " p99 %.2f ms; via another node (forwarded) p50 %.2f ms p99 %.2f ms%n",
          pct(local, 50), pct(local, 99), pct(forwarded, 50), pct(forwarded, 99));
      ok("delete", ng.command(owner.ngPort, dict("command", "delete", "call-id", callId,
          "delete-delay", 0), 3000));
    }
  }

  private static long timed(NgClient ng, int port, Map<String, Object> cmd) throws Exception {
    long t0 = System.nanoTime();
    Map<String, Object> r = ng.command(port, cmd, 3000);
    long t = System.nanoTime() - t0;
    ok("query", r);
    return t;
  }

  /** The p-th percentile (nearest rank) in milliseconds. */
  private static double pct(long[] nanos, int p) {
    List<Long> s = new ArrayList<>();
    for (long x : nanos) {
      s.add(x);
    }
    s.sort(null);
    int rank = (int) Math.ceil(p / 100.0 * s.size());
    return s.get(Math.max(0, rank - 1)) / 1e6;
  }
}
