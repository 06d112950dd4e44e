package rtpmesh.control.node;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import rtpmesh.control.ControlVerticle;
import rtpmesh.media.MediaVerticle;

/**
 * One whole node in the test JVM, wired as {@code rtpmesh.node.Main} wires it: two media blocks
 * (one {@link MediaVerticle} each, on disjoint halves of {@link #PORT_MIN}..{@link #PORT_MAX}) and
 * a {@link ControlVerticle} answering ng over UDP on a free loopback port. Tests talk to it only
 * through its sockets, as a SIP proxy and two phones would.
 */
final class TestNode implements AutoCloseable {
  static final int PORT_MIN = 41000;
  static final int PORT_MAX = 41999;
  static final int BLOCKS = 2;

  final Vertx vertx;
  final String nodeId;
  final int ngPort;
  final ControlVerticle control;
  private final List<NgClient> clients = new ArrayList<>();

  private TestNode(Vertx vertx, String nodeId, int ngPort, ControlVerticle control) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.ngPort = ngPort;
    this.control = control;
  }

  /** A node with rtpengine's defaults used by the tests: delete-delay 30 s, no session limit. */
  static TestNode start() {
    return start(30, -1);
  }

  static TestNode start(int deleteDelay, int maxSessions) {
    return start(deleteDelay, maxSessions, 60);
  }

  /** A node whose media blocks end a call after {@code timeout} seconds without media. */
  static TestNode start(int deleteDelay, int maxSessions, int timeout) {
    return start(deleteDelay, maxSessions, timeout, null);
  }

  /** A node as {@link #start()} with rtpengine's CLI on a free loopback TCP port ({@link #cliPort()}). */
  static TestNode startWithCli() {
    return start(30, -1, 60, "127.0.0.1:0");
  }

  /**
   * A node as {@link #start()} that also listens for HTTP on a free loopback port
   * ({@link #httpPort()}: ng over HTTP, the admin console, /metrics); {@code adminToken} may be null.
   */
  static TestNode startWithHttp(String adminToken) {
    JsonObject extra = new JsonObject();
    if (adminToken != null && !adminToken.isEmpty()) extra.put("adminToken", adminToken);
    return start(30, -1, 60, null, extra);
  }

  /** The CLI's TCP port, -1 when the node has no CLI. */
  int cliPort() {
    return control.cliPort();
  }

  /**
   * A node as {@link #start()} whose control config also gets {@code extra} (e.g. limits), with ng
   * over HTTP on a free loopback port as well ({@link #httpPort()}).
   */
  static TestNode startWith(JsonObject extra) {
    return start(30, -1, 60, null, extra);
  }

  /** A node as {@link #start()} with a recorder: {@code recording} is its RecordingConfig (nodeId added). */
  static TestNode startRecording(JsonObject recording) {
    return start(30, -1, 60, null, new JsonObject().put("recording", recording));
  }

  /** The port of ng over HTTP, -1 when the node has none. */
  int httpPort() {
    return control.httpPort();
  }

  private static TestNode start(int deleteDelay, int maxSessions, int timeout, String listenCli) {
    return start(deleteDelay, maxSessions, timeout, listenCli, null);
  }

  private static TestNode start(int deleteDelay, int maxSessions, int timeout, String listenCli, JsonObject extra) {
    Vertx vertx = Vertx.vertx();
    String nodeId = "t" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    try {
      int half = (PORT_MAX - PORT_MIN + 1) / BLOCKS;
      for (int i = 0; i < BLOCKS; i++) {
        int min = PORT_MIN + i * half;
        JsonObject media = new JsonObject()
            .put("nodeId", nodeId).put("block", i)
            .put("portMin", min).put("portMax", min + half - 1)
            .put("transport", "auto").put("timeout", timeout).put("silentTimeout", 3600);
        vertx.deployVerticle(new MediaVerticle(), new DeploymentOptions().setConfig(media)).await();
      }
      if (extra != null && extra.getJsonObject("recording") != null) {
        // the recorder is deployed between the media blocks and the control verticle, as Node does
        JsonObject rec = extra.getJsonObject("recording").copy().put("nodeId", nodeId);
        extra = extra.copy();
        extra.remove("recording");
        vertx.deployVerticle(new rtpmesh.recording.RecordingVerticle(), new DeploymentOptions().setConfig(rec)).await();
      }
      int ngPort = freeUdpPort();
      JsonObject control = new JsonObject()
          .put("nodeId", nodeId).put("blocks", BLOCKS)
          .put("interfaces", new JsonArray()
              .add(new JsonObject().put("name", "default").put("address", "127.0.0.1").put("advertised", "127.0.0.1"))
              .add(new JsonObject().put("name", "pub").put("address", "127.0.0.1").put("advertised", "203.0.113.7")))
          .put("listenNg", new JsonArray().add("127.0.0.1:" + ngPort))
          .put("deleteDelay", deleteDelay)
          .put("maxSessions", maxSessions);
      if (listenCli != null) {
        control.put("listenCli", listenCli).put("portMin", PORT_MIN).put("portMax", PORT_MAX);
      }
      if (extra != null) {
        control.mergeIn(extra);
        control.put("listenHttp", new JsonArray().add("127.0.0.1:0"));
      }
      ControlVerticle verticle = new ControlVerticle();
      vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(control)).await();
      return new TestNode(vertx, nodeId, ngPort, verticle);
    } catch (RuntimeException | IOException e) {
      vertx.close().await();
      throw new IllegalStateException("node did not start", e);
    }
  }

  /** A new ng client (its own socket); closed with the node. */
  NgClient ng() {
    NgClient c = NgClient.open(ngPort);
    clients.add(c);
    return c;
  }

  static boolean inRelayRange(int port) {
    return port >= PORT_MIN && port <= PORT_MAX;
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (NgClient c : clients) c.close();
    vertx.close().await();
  }
}
