package rtpmesh.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ResourceLeakDetector;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Deploys one MediaVerticle on a small random port block and talks to it as the control plane would. */
abstract class MediaVerticleTestBase {
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

  Vertx vertx;
  String nodeId;
  int portMin;
  final List<AutoCloseable> closeables = new ArrayList<>();

  /** Vert.x options that pick the event-loop transport under test. */
  abstract VertxOptions vertxOptions();

  /** The media block's {@code transport} config. */
  String transport() {
    return "auto";
  }

  /** Every buffer is tracked, so a packet path that forgets a release fails the class. */
  @BeforeAll
  static void trackEveryBuffer() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    ByteBufUtil.setLeakListener((type, records) -> LEAKS.add(type + records));
  }

  @AfterAll
  static void noBufferLeaked() throws InterruptedException {
    // Leaks are found when the GC collects an unreleased buffer and the next allocation polls.
    System.gc();
    Thread.sleep(100);
    for (int i = 0; i < 10; i++) {
      ByteBufAllocator.DEFAULT.directBuffer(64).release();
    }
    List<String> leaks = List.copyOf(LEAKS);
    LEAKS.clear();
    assertEquals(List.of(), leaks, "leaked buffers");
  }

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx(vertxOptions());
    nodeId = "test-" + UUID.randomUUID();
  }

  @AfterEach
  void stopVertx() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    vertx.close().await();
  }

  /** A block of {@code pairs} pairs below the Linux ephemeral range, so test phones never land in it. */
  void deploy(int pairs, int timeoutSeconds) {
    portMin = 10000 + 2 * ThreadLocalRandom.current().nextInt(10000);
    deployBlock(0, portMin, pairs, timeoutSeconds);
  }

  /** Block {@code block} of the same node on {@code pairs} pairs from {@code min}. */
  /** {@code --endpoint-learning} of blocks deployed from now on; null = the default. */
  String learning;
  /** {@code --tos} of blocks deployed from now on; -1 = untouched. */
  int tos = -1;

  void deployBlock(int block, int min, int pairs, int timeoutSeconds) {
    JsonObject config = new JsonObject()
        .put("nodeId", nodeId)
        .put("block", block)
        .put("portMin", min)
        .put("portMax", min + 2 * pairs - 1)
        .put("transport", transport())
        .put("timeout", timeoutSeconds)
        .put("silentTimeout", 3600);
    if (learning != null) {
      config.put("endpointLearning", learning);
    }
    if (tos >= 0) {
      config.put("tos", tos);
    }
    vertx.deployVerticle(new MediaVerticle(), new DeploymentOptions().setConfig(config)).await();
  }

  JsonObject request(JsonObject body) {
    return request(0, body);
  }

  JsonObject request(int block, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(MediaApi.blockAddress(nodeId, block), body).await().body();
  }

  ReplyException requestFails(JsonObject body) {
    return assertThrows(ReplyException.class, () -> request(body));
  }

  int[] allocate(String call, int count) {
    return allocate(call, count, LOOPBACK);
  }

  int[] allocate(String call, int count, InetAddress address) {
    JsonArray ports = request(new JsonObject().put("op", MediaApi.OP_ALLOCATE).put("call", call)
        .put("address", address.getHostAddress()).put("count", count)).getJsonArray("ports");
    assertEquals(count, ports.size());
    return ports.stream().mapToInt(p -> (Integer) p).toArray();
  }

  void configure(String call, JsonObject... legs) {
    request(new JsonObject().put("op", MediaApi.OP_CONFIGURE).put("call", call).put("legs", new JsonArray(List.of((Object[]) legs))));
  }

  JsonObject stats(String call) {
    return request(new JsonObject().put("op", MediaApi.OP_STATS).put("call", call)).getJsonObject("legs");
  }

  JsonObject blockStats() {
    return request(new JsonObject().put("op", MediaApi.OP_BLOCK_STATS));
  }

  int release(String call) {
    return request(new JsonObject().put("op", MediaApi.OP_RELEASE).put("call", call)).getInteger("released");
  }

  Phone phone(boolean withRtcp) throws IOException {
    return phone(LOOPBACK, withRtcp);
  }

  Phone phone(InetAddress address, boolean withRtcp) throws IOException {
    Phone p = new Phone(address, withRtcp);
    closeables.add(p);
    return p;
  }

  /** A leg facing {@code phone} as its SDP says: its RTP port, its RTCP port, or mux if it has none. */
  static JsonObject leg(int port, int peer, Phone phone) {
    JsonObject leg = new JsonObject().put("port", port).put("peer", peer)
        .put("remote", phone.rtp.getLocalAddress().getHostAddress()).put("remotePort", phone.rtpPort());
    return phone.rtcp == null ? leg.put("mux", true) : leg.put("remoteRtcpPort", phone.rtcpPort());
  }

  /** Connects two phones through a fresh call: returns the call's ports [a, b]. */
  int[] bridge(String call, Phone a, Phone b) {
    int[] ports = allocate(call, 2);
    configure(call, leg(ports[0], ports[1], a), leg(ports[1], ports[0], b));
    return ports;
  }
}
