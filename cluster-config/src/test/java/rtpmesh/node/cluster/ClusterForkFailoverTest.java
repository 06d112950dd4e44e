package rtpmesh.node.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rtpmesh.node.cluster.NgClient.dict;
import static rtpmesh.node.cluster.Replies.localPorts;
import static rtpmesh.node.cluster.Replies.ok;
import static rtpmesh.node.cluster.Replies.relayPort;

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
 * Two nodes; a call with a media fork (subscribe request + subscribe answer, as OpenSIPS's SIPREC
 * copy_offer/copy_answer send them) loses its owner to SIGKILL. The survivor rebuilds the call from
 * the cluster record, fork included: the recorder keeps getting the caller's packets on the same
 * relay port, and the survivor can unsubscribe it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterForkFailoverTest {
  @RegisterExtension
  static final LocalCluster cluster = new LocalCluster("fork-failover");

  @BeforeAll
  static void start() throws Exception {
    cluster.start(2, List.of());
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void theSurvivorKeepsCopyingToTheSubscriber() throws Exception {
    NodeProcess a = cluster.node(1);
    NodeProcess b = cluster.node(2);
    String callId = "fork-failover-" + UUID.randomUUID();
    try (NgClient ng = new NgClient(); Phone caller = new Phone(0x1111); Phone callee = new Phone(0x2222);
         Phone recorder = new Phone(0x3333)) {
      int toCallee = relayPort(ok("offer", ng.command(a.ngPort, dict("command", "offer",
          "call-id", callId, "from-tag", "ft", "sdp", caller.sdp()), 3000)));
      int toCaller = relayPort(ok("answer", ng.command(a.ngPort, dict("command", "answer",
          "call-id", callId, "from-tag", "ft", "to-tag", "tt", "sdp", callee.sdp()), 3000)));
      int toRecorder = relayPort(ok("subscribe request", ng.command(a.ngPort, dict("command", "subscribe request",
          "call-id", callId, "from-tag", "ft", "to-tag", "srs"), 3000)));
      ok("subscribe answer", ng.command(a.ngPort, dict("command", "subscribe answer", "call-id", callId,
          "to-tag", "srs", "sdp", recorder.sdp().replace("sendrecv", "recvonly")), 3000));
      assertTrue(a.ownsPort(toRecorder), "subscriber port " + toRecorder + " not in " + a);

      PacedSender sender = new PacedSender(n -> caller.send(n, toCaller));
      sender.start();
      try {
        assertTrue(recorder.await(25, 5000).size() >= 25, "copies before the kill: " + recorder.arrivals().size());
        a.kill();
        int firstAfterDeath = sender.sent();
        Phone.Arrival resumed = awaitSeq(recorder, firstAfterDeath, 10_000);
        assertNotNull(resumed, "copies to the subscriber did not resume after the owner died");
        assertEquals(toRecorder, resumed.from().getPort(), "the survivor copies from the same relay port");
        assertArrayEquals(Phone.packet(caller.ssrc, resumed.seq()), resumed.bytes(), "the copy is the caller's packet");
        awaitSeq(callee, firstAfterDeath, 10_000);
      } finally {
        sender.stop();
      }

      Map<String, List<Integer>> ports = localPorts(ok("query via " + b.id,
          ng.command(b.ngPort, dict("command", "query", "call-id", callId), 3000)));
      assertTrue(ports.get("srs").contains(toRecorder), "subscriber after the takeover: " + ports);
      ok("unsubscribe via " + b.id, ng.command(b.ngPort, dict("command", "unsubscribe", "call-id", callId,
          "to-tag", "srs"), 3000));
      Thread.sleep(200);
      int before = recorder.arrivals().size();
      for (int i = 0; i < 10; i++) caller.send(100_000 + i, toCaller);
      assertTrue(callee.await(callee.arrivals().size() + 1, 3000).stream().anyMatch(r -> r.seq() >= (100_000 & 0xffff)),
          "the call goes on after unsubscribe");
      Thread.sleep(300);
      assertEquals(before, recorder.arrivals().size(), "nothing reaches the subscriber after unsubscribe");
      ok("delete via " + b.id, ng.command(b.ngPort, dict("command", "delete", "call-id", callId,
          "from-tag", "ft", "delete-delay", 0), 3000));
    }
  }

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
}
