package rtpmesh.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static rtpmesh.node.cluster.NgClient.dict;
import static rtpmesh.node.cluster.Replies.ok;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin console of any node shows the whole cluster: node 2's console (over its event-bus
 * bridge, as the page talks to it) lists both nodes and a call owned by node 1, shows its details,
 * terminates it with the admin token and drains node 1.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterConsoleTest {
  static final String TOKEN = "cluster-console-token";

  @RegisterExtension
  static final LocalCluster cluster = new LocalCluster("console");
  static int http2;

  @BeforeAll
  static void start() throws Exception {
    int http1 = LocalCluster.freeTcpPort();
    http2 = LocalCluster.freeTcpPort();
    cluster.start(2, List.of(
        List.of("--listen-http=127.0.0.1:" + http1, "--admin-token=" + TOKEN),
        List.of("--listen-http=127.0.0.1:" + http2, "--admin-token=" + TOKEN)));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void anyNodesConsoleSeesAndActsOnTheWholeCluster() throws Exception {
    NodeProcess owner = cluster.node(1);
    String callId = "console-" + UUID.randomUUID();
    try (NgClient ng = new NgClient(); Phone caller = new Phone(0x1111); Phone callee = new Phone(0x2222);
        Bridge console = new Bridge(http2)) {
      ok("offer", ng.command(owner.ngPort, dict("command", "offer", "call-id", callId, "from-tag", "ft",
          "sdp", caller.sdp()), 3000));
      ok("answer", ng.command(owner.ngPort, dict("command", "answer", "call-id", callId, "from-tag", "ft",
          "to-tag", "tt", "sdp", callee.sdp()), 3000));

      JsonObject overview = console.await(new JsonObject().put("op", "overview"),
          o -> o.getJsonArray("nodes").size() == 2 && node(o, "n1").getLong("calls", 0L) == 1);
      assertEquals(0L, node(overview, "n2").getLong("calls"), overview.encode());

      JsonArray calls = console.ok(new JsonObject().put("op", "calls"), new JsonObject()).getJsonArray("calls");
      assertEquals(1, calls.size(), calls.encode());
      assertEquals(callId, calls.getJsonObject(0).getString("callId"));
      assertEquals("n1", calls.getJsonObject(0).getString("node"), "listed with its owner");
      JsonObject details = console.ok(new JsonObject().put("op", "call").put("callId", callId), new JsonObject());
      assertEquals(2, details.getJsonObject("call").getJsonArray("parties").size(), details.encode());

      JsonObject refused = console.request(new JsonObject().put("op", "terminate").put("callId", callId), new JsonObject());
      assertEquals(403, refused.getInteger("failureCode"), refused.encode());
      console.ok(new JsonObject().put("op", "terminate").put("callId", callId), new JsonObject().put("token", TOKEN));
      Map<String, Object> q = ng.command(owner.ngPort, dict("command", "query", "call-id", callId), 3000);
      assertEquals("Unknown call-id", q.get("error-reason"), "terminated on its owner: " + q);

      JsonObject drained = console.ok(new JsonObject().put("op", "standby").put("nodeId", "n1").put("on", true),
          new JsonObject().put("token", TOKEN));
      assertEquals("on", drained.getString("standby"), drained.encode());
      console.await(new JsonObject().put("op", "overview"), o -> node(o, "n1").getBoolean("standby", false));
    }
  }

  private static JsonObject node(JsonObject overview, String id) {
    for (Object o : overview.getJsonArray("nodes")) {
      if (id.equals(((JsonObject) o).getString("nodeId"))) return (JsonObject) o;
    }
    return new JsonObject();
  }

  /** The page's side of a node's event-bus bridge ({@code /admin/eventbus/websocket}). */
  static final class Bridge implements AutoCloseable {
    private final WebSocket ws;
    private final BlockingQueue<JsonObject> in = new LinkedBlockingQueue<>();
    private int replies;

    Bridge(int httpPort) {
      ws = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/admin/eventbus/websocket"), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
              text.append(data);
              if (last) {
                in.add(new JsonObject(text.toString()));
                text.setLength(0);
              }
              w.request(1);
              return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
              return onText(w, StandardCharsets.UTF_8.decode(data), last);
            }
          }).join();
    }

    JsonObject request(JsonObject body, JsonObject headers) throws InterruptedException {
      String replyAddress = "r" + (++replies);
      ws.sendText(new JsonObject().put("type", "send").put("address", "rtpmesh.admin.cmd").put("body", body)
          .put("headers", headers).put("replyAddress", replyAddress).encode(), true).join();
      while (true) {
        JsonObject f = in.poll(10, TimeUnit.SECONDS);
        if (f == null) fail("no reply from the bridge to " + body);
        if (replyAddress.equals(f.getString("address"))) return f;
      }
    }

    JsonObject ok(JsonObject body, JsonObject headers) throws InterruptedException {
      JsonObject f = request(body, headers);
      assertEquals("rec", f.getString("type"), f.encode());
      return f.getJsonObject("body");
    }

    /** Asks until the reply satisfies {@code done} (the node directory refreshes once a second). */
    JsonObject await(JsonObject body, Predicate<JsonObject> done) throws InterruptedException {
      long deadline = System.currentTimeMillis() + 10_000;
      JsonObject last = null;
      while (System.currentTimeMillis() < deadline) {
        last = ok(body, new JsonObject());
        if (done.test(last)) return last;
        Thread.sleep(200);
      }
      fail("never true within 10 s; last reply " + last);
      return last;
    }

    @Override
    public void close() {
      ws.abort();
    }
  }
}
