package rtpmesh.node.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rtpmesh.node.cluster.NgClient.dict;
import static rtpmesh.node.cluster.Replies.localPorts;
import static rtpmesh.node.cluster.Replies.ok;
import static rtpmesh.node.cluster.Replies.relayPort;

import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three nodes; the owner of a call with media flowing both ways is killed with SIGKILL. A survivor
 * takes the call over on the same relay ports, so the phones' RTP resumes without a re-INVITE, and
 * the call stays under ng control through the survivors.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterFailoverTest {
  /** A functional bound (the takeover happened at all), not a performance figure. */
  private static final long MAX_GAP_MS = 10_000;

  @RegisterExtension
  static final LocalCluster cluster = new LocalCluster("failover");

  @BeforeAll
  static void start() throws Exception {
    cluster.start(3, List.of());
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void aSurvivorTakesOverTheCallsOfAKilledOwnerOnTheSamePorts() throws Exception {
    NodeProcess a = cluster.node(1);
    NodeProcess b = cluster.node(2);
    NodeProcess c = cluster.node(3);
    String callId = "failover-" + UUID.randomUUID();
    try (NgClient ng = new NgClient(); Phone caller = new Phone(0x1111); Phone callee = new Phone(0x2222)) {
      int toCallee = relayPort(ok("offer", ng.command(a.ngPort, dict("command", "offer",
          "call-id", callId, "from-tag", "ft", "sdp", caller.sdp()), 3000)));
      int toCaller = relayPort(ok("answer", ng.command(a.ngPort, dict("command", "answer",
          "call-id", callId, "from-tag", "ft", "to-tag", "tt", "sdp", callee.sdp()), 3000)));
      assertTrue(a.ownsPort(toCallee) && a.ownsPort(toCaller),
          "relay ports " + toCallee + "/" + toCaller + " not in " + a);

      PacedSender sender = new PacedSender(n -> {
        caller.send(n, toCaller);
        callee.send(n, toCallee);
      });
      sender.start();
      try {
        Thread.sleep(2000);
        assertTrue(caller.arrivals().size() > 50 && callee.arrivals().size() > 50,
            "media before the kill: " + caller.arrivals().size() + " / "
                + callee.arrivals().size() + " packets");

        long killedAt = System.nanoTime();
        a.kill();
        // everything sent from here on can only be relayed by a survivor
        int firstAfterDeath = sender.sent();

        Phone.Arrival resumedToCaller = awaitSeq(caller, firstAfterDeath, MAX_GAP_MS);
        Phone.Arrival resumedToCallee = awaitSeq(callee, firstAfterDeath, MAX_GAP_MS);
        String queryOk = awaitQueryOk(ng, b, callId, killedAt);
        LockSupport.parkNanos(killedAt + TimeUnit.SECONDS.toNanos(8) - System.nanoTime());
        sender.stop();
        Thread.sleep(300);

        assertTrue(resumedToCaller != null && resumedToCallee != null,
            "media did not resume within " + MAX_GAP_MS + " ms of the kill: to caller "
                + resumedToCaller + ", to callee " + resumedToCallee);
        long gapToCaller = (resumedToCaller.nanos() - killedAt) / 1_000_000;
        long gapToCallee = (resumedToCallee.nanos() - killedAt) / 1_000_000;
        int total = sender.sent();
        System.out.printf("ClusterFailoverTest: SIGKILL of the owner; media resumed after %d ms "
            + "(to caller) / %d ms (to callee); lost %d / %d of %d packets; query via a "
            + "survivor (polled once media had resumed) ok %s%n",
            gapToCaller, gapToCallee, lost(caller, total), lost(callee, total), total, queryOk);

        assertRelayed(callee, caller, toCaller);
        assertRelayed(caller, callee, toCallee);
        assertTrue(Math.max(gapToCaller, gapToCallee) < MAX_GAP_MS, "gap");
      } finally {
        sender.stop();
      }

      Map<String, List<Integer>> ports = localPorts(ok("query via " + c.id,
          ng.command(c.ngPort, dict("command", "query", "call-id", callId), 3000)));
      assertTrue(ports.get("ft").contains(toCaller) && ports.get("tt").contains(toCallee),
          "ports after the takeover " + ports + ", before " + toCaller + "/" + toCallee);

      int reoffered = relayPort(ok("re-INVITE via " + c.id, ng.command(c.ngPort, dict("command",
          "offer", "call-id", callId, "from-tag", "ft", "sdp", caller.sdp()), 3000)));
      assertEquals(toCallee, reoffered, "relay port after a re-INVITE via a survivor");

      ok("delete via " + b.id, ng.command(b.ngPort, dict("command", "delete", "call-id", callId,
          "from-tag", "ft", "delete-delay", 0), 3000));
      Map<String, Object> gone = ng.command(c.ngPort, dict("command", "query", "call-id", callId),
          3000);
      assertEquals("Unknown call-id", gone.get("error-reason"), "query after delete: " + gone);
    }
  }

  /** The first arrival with a sequence number of at least {@code seq}, or null after {@code ms}. */
  private static Phone.Arrival awaitSeq(Phone p, int seq, long ms) throws InterruptedException {
    long deadline = System.nanoTime() + ms * 1_000_000L;
    do {
      for (Phone.Arrival r : p.arrivals()) {
        if (r.seq() >= seq) {
          return r;
        }
      }
      Thread.sleep(5);
    } while (System.nanoTime() < deadline);
    return null;
  }

  /**
   * Polls {@code query} via {@code node} until ok; milliseconds since {@code since}, and what the
   * attempts before answered.
   */
  private static String awaitQueryOk(NgClient ng, NodeProcess node, String callId, long since)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    List<String> before = new java.util.ArrayList<>();
    while (System.nanoTime() < deadline) {
      long t0 = System.nanoTime();
      String outcome;
      try {
        Map<String, Object> r = ng.command(node.ngPort, dict("command", "query", "call-id",
            callId), 1000);
        if ("ok".equals(r.get("result"))) {
          return (System.nanoTime() - since) / 1_000_000 + " ms after the kill (this query took "
              + (System.nanoTime() - t0) / 1_000_000 + " ms; before it: " + before + ")";
        }
        outcome = String.valueOf(r.get("error-reason"));
      } catch (SocketTimeoutException e) {
        outcome = "timeout";
      }
      before.add(outcome + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      Thread.sleep(50);
    }
    throw new AssertionError("query via " + node.id + " not ok 15 s after the kill: " + before);
  }

  private static int lost(Phone p, int sent) {
    return sent - (int) p.arrivals().stream().mapToInt(Phone.Arrival::seq).distinct().count();
  }

  /** Every packet {@code to} got is one {@code from} sent, byte for byte, from the same relay port. */
  private static void assertRelayed(Phone from, Phone to, int relayPortOfTo) {
    InetSocketAddress relay = new InetSocketAddress("127.0.0.1", relayPortOfTo);
    for (Phone.Arrival r : to.arrivals()) {
      assertArrayEquals(Phone.packet(from.ssrc, r.seq()), r.bytes(), "packet seq " + r.seq());
      assertEquals(relay, r.from(), "source of packet seq " + r.seq() + " (symmetric RTP)");
    }
  }
}
