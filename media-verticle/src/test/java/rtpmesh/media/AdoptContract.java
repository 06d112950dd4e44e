package rtpmesh.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rtpmesh.media.Packets.rtp;
import static rtpmesh.media.Packets.senderReport;
import static rtpmesh.media.Phone.expect;
import static rtpmesh.media.Phone.send;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The {@code adopt} op of {@link MediaApi} on real sockets: taking over a failed node's ports, which
 * lie outside this block's range ("foreign") or inside it. Subclasses pick the transport.
 */
abstract class AdoptContract extends MediaVerticleTestBase {
  private final Set<Integer> picked = new HashSet<>();

  @Test
  void adoptedPortsRelayAndReleaseClosesForeignPairsWithoutPoolingThem() throws Exception {
    deploy(4, 60);
    int foreign = foreignPair();
    int own = portMin + 2;
    assertEquals(List.of(foreign, own), adopt("t", foreign, own));
    JsonObject block = blockStats();
    assertEquals(1, block.getInteger("foreign"));
    assertEquals(1, block.getInteger("ports"));
    assertEquals(3, block.getInteger("free"));

    Phone a = phone(true);
    Phone b = phone(true);
    configure("t", leg(foreign, own, a), leg(own, foreign, b));
    byte[] rtpA = rtp(1, 0xa);
    send(a.rtp, rtpA, LOOPBACK, foreign);
    expect(b.rtp, rtpA, LOOPBACK, own);
    byte[] srB = senderReport(0xb);
    send(b.rtcp, srB, LOOPBACK, own + 1);
    expect(a.rtcp, srB, LOOPBACK, foreign + 1);

    assertEquals(2, release("t"));
    assertBindable(foreign, foreign + 1, own, own + 1);
    block = blockStats();
    assertEquals(0, block.getInteger("foreign"));
    assertEquals(0, block.getInteger("ports"));
    assertEquals(4, block.getInteger("free"), "the foreign pair did not enter the pool");
  }

  @Test
  void adoptIsAllOrNoneWhenAPairIsHeld() throws Exception {
    deploy(4, 60);
    int free = foreignPair();
    int held = foreignPair();
    closeables.add(new DatagramSocket(new InetSocketAddress(LOOPBACK, held + 1))); // its RTCP port

    ReplyException e = adoptFails("t", 0, free, portMin, held);
    assertEquals(500, e.failureCode());
    assertTrue(e.getMessage().startsWith("Cannot bind port " + held + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("already in use"), e.getMessage());
    assertBindable(free, free + 1, portMin, portMin + 1, held);
    JsonObject block = blockStats();
    assertEquals(0, block.getInteger("foreign"));
    assertEquals(4, block.getInteger("free"));
    assertEquals(404, requestFails(new JsonObject().put("op", MediaApi.OP_STATS).put("call", "t")).failureCode());
  }

  @Test
  void adoptRetriesOnTheLoopTimerUntilTheHolderLetsGo() throws Exception {
    deploy(4, 60);
    int free = foreignPair();
    int held = foreignPair();
    DatagramSocket dying = new DatagramSocket(new InetSocketAddress(LOOPBACK, held));
    closeables.add(dying);

    Future<Message<JsonObject>> reply = vertx.eventBus().request(MediaApi.blockAddress(nodeId, 0),
        adoptRequest("t", 5000, free, held));
    Thread.sleep(300);
    assertFalse(reply.isComplete(), "still retrying");
    assertEquals(2, blockStats().getInteger("foreign"), "the loop answers while retrying, pairs reserved");
    dying.close();
    assertEquals(new JsonArray().add(free).add(held), reply.await().body().getJsonArray("ports"));
    assertEquals(2, stats("t").size());
  }

  @Test
  void reAdoptOfTheCallsOwnPairsIsANoOpButAnotherCallCannotTakeThem() throws Exception {
    deploy(4, 60);
    int first = foreignPair();
    int second = foreignPair();
    Phone a = phone(true);
    Phone b = phone(true);
    adopt("t", first, portMin);
    configure("t", leg(first, portMin, a), leg(portMin, first, b));
    send(a.rtp, rtp(1, 0xa), LOOPBACK, first);
    expect(b.rtp, rtp(1, 0xa), LOOPBACK, portMin);

    assertEquals(List.of(portMin, first, second), adopt("t", portMin, first, second));
    send(a.rtp, rtp(2, 0xa), LOOPBACK, first); // config and learned endpoints kept
    expect(b.rtp, rtp(2, 0xa), LOOPBACK, portMin);
    assertEquals(2, stats("t").getJsonObject(Integer.toString(first)).getJsonObject("rtp").getLong("packets"));
    assertEquals(3, stats("t").size());

    assertEquals("Cannot bind port " + first + ": held by another call of this block",
        adoptFails("u", 0, first).getMessage());
    assertEquals("Cannot bind port " + portMin + ": held by another call of this block",
        adoptFails("u", 0, portMin).getMessage());
    assertEquals(2, blockStats().getInteger("foreign"));
  }

  @Test
  void allocateSkipsPairsAnotherBlockAdopted() {
    deploy(2, 60);
    deployBlock(1, portMin - 100, 2, 60);
    JsonObject takeover = adoptRequest("t", 0, portMin);
    assertEquals(new JsonArray().add(portMin), request(1, takeover).getJsonArray("ports"));

    assertEquals(portMin + 2, allocate("x", 1)[0]);
    assertEquals(503, requestFails(new JsonObject().put("op", MediaApi.OP_ALLOCATE).put("call", "y")
        .put("address", "127.0.0.1")).failureCode());
    request(1, new JsonObject().put("op", MediaApi.OP_RELEASE).put("call", "t"));
    assertEquals(portMin, allocate("y", 1)[0]);
  }

  @Test
  void badAdoptRequestsBindNothing() {
    deploy(4, 60);
    for (JsonArray ports : List.of(new JsonArray(), new JsonArray().add(portMin + 1),
        new JsonArray().add(portMin).add(portMin), new JsonArray().add(65536))) {
      ReplyException e = requestFails(adoptRequest("t", 0).put("ports", ports));
      assertEquals(400, e.failureCode(), ports + ": " + e.getMessage());
    }
    assertEquals(400, requestFails(adoptRequest("t", -1, portMin)).failureCode());
    assertEquals(4, blockStats().getInteger("free"));
  }

  private static JsonObject adoptRequest(String call, long retryMs, int... ports) {
    JsonArray list = new JsonArray();
    for (int p : ports) {
      list.add(p);
    }
    return new JsonObject().put("op", MediaApi.OP_ADOPT).put("call", call)
        .put("address", LOOPBACK.getHostAddress()).put("ports", list).put("retryMs", retryMs);
  }

  private List<Integer> adopt(String call, int... ports) {
    return request(adoptRequest(call, 0, ports)).getJsonArray("ports").getList();
  }

  private ReplyException adoptFails(String call, long retryMs, int... ports) {
    return requestFails(adoptRequest(call, retryMs, ports));
  }

  /** An even port pair above any test block, below the ephemeral range, that nothing holds now. */
  private int foreignPair() {
    while (true) {
      int port = 30100 + 2 * ThreadLocalRandom.current().nextInt(1300);
      if (!picked.add(port)) {
        continue;
      }
      try (DatagramSocket rtp = new DatagramSocket(new InetSocketAddress(LOOPBACK, port));
           DatagramSocket rtcp = new DatagramSocket(new InetSocketAddress(LOOPBACK, port + 1))) {
        return port;
      } catch (SocketException busy) {
        // someone else's; pick another
      }
    }
  }

  private static void assertBindable(int... ports) throws SocketException {
    for (int port : ports) {
      new DatagramSocket(new InetSocketAddress(LOOPBACK, port)).close(); // throws if still bound
    }
  }
}
