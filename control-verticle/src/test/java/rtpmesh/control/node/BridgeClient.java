package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A browser's side of the console's event-bus bridge, over its raw WebSocket endpoint
 * ({@code /admin/eventbus/websocket}): JSON frames as vertx-web's bridge speaks them.
 */
final class BridgeClient implements AutoCloseable {
  private final WebSocket ws;
  private final BlockingQueue<JsonObject> in = new LinkedBlockingQueue<>();
  private final AtomicInteger replies = new AtomicInteger();

  BridgeClient(int httpPort) {
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

  /** Sends {@code body} to {@code address} with {@code headers} and returns the bridge's answer frame. */
  JsonObject request(String address, JsonObject body, JsonObject headers) {
    String replyAddress = "test-reply-" + replies.incrementAndGet();
    frame(new JsonObject().put("type", "send").put("address", address).put("body", body)
        .put("headers", headers).put("replyAddress", replyAddress));
    return next();
  }

  void frame(JsonObject frame) {
    ws.sendText(frame.encode(), true).join();
  }

  /** The next frame the bridge sends (within 5 s). */
  JsonObject next() {
    try {
      JsonObject f = in.poll(5, TimeUnit.SECONDS);
      if (f == null) fail("the bridge sent nothing within 5 s");
      return f;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    ws.abort();
  }
}
