package rtpmesh.control.admin.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import rtpmesh.control.call.Call;
import rtpmesh.control.call.CallService;
import rtpmesh.control.call.MediaClient;

/**
 * One node's side of the console: its own calls, on {@link AdminAddresses#node}, asked by the
 * console of any node (the calls live where their media does). Ops: {@code calls {q, limit}},
 * {@code call {callId}} (null when not here), {@code terminate {callId}} ({@code terminated}).
 * Runs on the control verticle's event loop. Never bridged: the console's {@link ConsoleCommands}
 * decides what a browser may do before it asks here.
 */
final class NodeAdmin {
  static final int MAX_LIST = 500;

  private final Vertx vertx;
  private final String nodeId;
  private final CallService calls;
  private final MediaClient media;
  private MessageConsumer<JsonObject> consumer;

  NodeAdmin(Vertx vertx, String nodeId, CallService calls, MediaClient media) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.calls = calls;
    this.media = media;
  }

  Future<Void> start() {
    consumer = vertx.eventBus().consumer(AdminAddresses.node(nodeId), this::handle);
    return consumer.completion();
  }

  Future<Void> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  private void handle(Message<JsonObject> m) {
    JsonObject b = m.body() == null ? new JsonObject() : m.body();
    Future<?> reply = switch (b.getString("op", "")) {
      case "calls" -> list(b.getString("q", ""), b.getInteger("limit", 100));
      case "call" -> details(b.getString("callId", ""));
      case "terminate" -> calls.terminate(b.getString("callId", "")).map(t -> new JsonObject().put("terminated", t));
      default -> Future.failedFuture("unknown op");
    };
    reply.onComplete(ar -> {
      if (ar.succeeded()) m.reply(ar.result());
      else m.fail(400, ar.cause().getMessage());
    });
  }

  /** This node's calls whose call-id, tag or party address contains {@code q}, newest first. */
  Future<JsonObject> list(String q, int limit) {
    String needle = q.toLowerCase(Locale.ROOT).strip();
    List<Call> found = new ArrayList<>();
    int total = 0;
    for (Call c : calls.snapshot()) {
      if (!CallView.matches(c, needle)) continue;
      total++;
      found.add(c);
    }
    found.sort(Comparator.comparingLong((Call c) -> -c.createdMs).thenComparing(c -> c.callId));
    List<Call> shown = found.subList(0, Math.min(found.size(), Math.max(0, Math.min(limit, MAX_LIST))));
    List<Future<JsonObject>> rows = new ArrayList<>();
    for (Call c : shown) rows.add(stats(c).map(s -> CallView.summary(c, nodeId, s)));
    int matched = total;
    return Future.join(rows).transform(ar -> {
      JsonArray out = new JsonArray();
      for (Future<JsonObject> f : rows) if (f.succeeded()) out.add(f.result());
      return Future.succeededFuture(new JsonObject().put("calls", out).put("matched", matched));
    });
  }

  Future<JsonObject> details(String callId) {
    Call c = calls.get(callId);
    if (c == null) return Future.succeededFuture(new JsonObject().putNull("call"));
    return stats(c).map(s -> new JsonObject().put("call", CallView.details(c, nodeId, s)));
  }

  private Future<JsonObject> stats(Call c) {
    return media.stats(c.block, c.callId).otherwise(err -> new JsonObject());
  }
}
