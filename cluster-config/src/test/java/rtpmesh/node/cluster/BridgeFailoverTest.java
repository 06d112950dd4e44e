package rtpmesh.node.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rtpmesh.node.cluster.NgClient.dict;
import static rtpmesh.node.cluster.Replies.ok;
import static rtpmesh.node.cluster.Replies.relayPort;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import rtpmesh.control.cluster.Rendezvous;

/**
 * Two parked calls joined by {@code connect} (different call-ids) on a node that is then killed:
 * the survivors would split the calls by call-id, but joined calls share a placement in their
 * records, so one survivor takes both over and their media keeps flowing between the parties.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BridgeFailoverTest {
  @RegisterExtension
  static final LocalCluster cluster = new LocalCluster("bridge-failover");

  @BeforeAll
  static void start() throws Exception {
    cluster.start(3, List.of());
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void joinedCallsMoveTogetherAndStayJoinedWhenTheirNodeDies() throws Exception {
    NodeProcess owner = cluster.node(1);
    NodeProcess b = cluster.node(2);
    List<String> survivors = List.of(cluster.node(2).id, cluster.node(3).id);
    String c1;
    String c2;
    do { // call-ids the survivors would split between them, were they not placed together
      c1 = "bridge1-" + UUID.randomUUID();
      c2 = "bridge2-" + UUID.randomUUID();
    } while (Rendezvous.owner(c1, survivors).equals(Rendezvous.owner(c2, survivors)));
    assertNotEquals(Rendezvous.owner(c1, survivors), Rendezvous.owner(c2, survivors));
    try (NgClient ng = new NgClient(); Phone caller = new Phone(0x3333); Phone agent = new Phone(0x4444)) {
      int toCaller = relayPort(ok("park caller", ng.command(owner.ngPort, dict("command", "offer",
          "call-id", c1, "from-tag", "pa", "flags", List.of("park"), "sdp", caller.sdp()), 3000)));
      int toAgent = relayPort(ok("park agent", ng.command(owner.ngPort, dict("command", "offer",
          "call-id", c2, "from-tag", "pb", "flags", List.of("park"), "sdp", agent.sdp()), 3000)));
      assertTrue(owner.ownsPort(toCaller) && owner.ownsPort(toAgent), "both parked on " + owner);
      ok("connect", ng.command(owner.ngPort, dict("command", "connect", "call-id", c1, "from-tag", "pa",
          "to-call-id", c2, "to-tag", "pb"), 3000));

      PacedSender sender = new PacedSender(n -> {
        caller.send(n, toCaller);
        agent.send(n, toAgent);
      });
      sender.start();
      try {
        Thread.sleep(1500);
        assertTrue(caller.arrivals().size() > 30 && agent.arrivals().size() > 30,
            "joined media before the kill: " + caller.arrivals().size() + " / " + agent.arrivals().size());
        owner.kill();
        int firstAfterDeath = sender.sent();
        Phone.Arrival toCallerAfter = awaitSeq(caller, firstAfterDeath, 10_000);
        Phone.Arrival toAgentAfter = awaitSeq(agent, firstAfterDeath, 10_000);
        assertNotNull(toCallerAfter, "the caller hears the agent again after the kill");
        assertNotNull(toAgentAfter, "the agent hears the caller again after the kill");
        assertArrayEquals(Phone.packet(agent.ssrc, toCallerAfter.seq()), toCallerAfter.bytes());
        assertArrayEquals(Phone.packet(caller.ssrc, toAgentAfter.seq()), toAgentAfter.bytes());
        assertEquals(new InetSocketAddress("127.0.0.1", toCaller), toCallerAfter.from());
        assertEquals(new InetSocketAddress("127.0.0.1", toAgent), toAgentAfter.from());
      } finally {
        sender.stop();
      }
      for (String id : List.of(c1, c2)) {
        Map<String, Object> q = ng.command(b.ngPort, dict("command", "query", "call-id", id), 3000);
        assertEquals("ok", q.get("result"), "query " + id + " via a survivor: " + q);
      }
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
