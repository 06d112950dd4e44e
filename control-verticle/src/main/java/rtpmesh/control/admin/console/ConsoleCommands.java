package rtpmesh.control.admin.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import rtpmesh.control.ng.NgHandler;

/**
 * The console's requests on {@link AdminAddresses#CMD}, as the bridge passes them from a browser:
 * {@code {op, ...}}. Reads: {@code overview}, {@code calls {q, limit}}, {@code call {callId}},
 * {@code whoami}. Actions, refused with 403 unless the bridge marked the request {@code rw} (the
 * browser gave the admin token): {@code terminate {callId}}, {@code standby {nodeId, on}},
 * {@code reanchor {callId}}, {@code record {callId, on}} (501: recording is not there yet).
 *
 * <p>Calls are looked for on every live node ({@link NodeAdmin}); standby and reanchor go through
 * the ng handler, so the cluster router takes them to the right node as it does for a proxy.
 */
final class ConsoleCommands {
  static final Set<String> MUTATING = Set.of("terminate", "standby", "reanchor", "record");
  private static final DeliveryOptions ASK = new DeliveryOptions().setSendTimeout(3_000);

  private final Vertx vertx;
  private final Supplier<List<String>> liveNodes;
  private final NgHandler ng;
  private final boolean clustered;
  private final ClusterView view;
  private final boolean tokenSet;
  private MessageConsumer<JsonObject> consumer;

  ConsoleCommands(Vertx vertx, Supplier<List<String>> liveNodes, NgHandler ng, boolean clustered, ClusterView view,
      boolean tokenSet) {
    this.vertx = vertx;
    this.liveNodes = liveNodes;
    this.ng = ng;
    this.clustered = clustered;
    this.view = view;
    this.tokenSet = tokenSet;
  }

  Future<Void> start() {
    consumer = vertx.eventBus().localConsumer(AdminAddresses.CMD, this::handle);
    return consumer.completion();
  }

  Future<Void> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  private void handle(Message<JsonObject> m) {
    JsonObject b = m.body() == null ? new JsonObject() : m.body();
    String op = b.getString("op", "");
    boolean rw = "rw".equals(m.headers().get(AdminAddresses.ACCESS_HEADER));
    if (MUTATING.contains(op) && !rw) {
      m.fail(403, tokenSet ? "admin token required" : "read-only console: the node has no --admin-token");
      return;
    }
    Future<JsonObject> reply;
    try {
      reply = switch (op) {
        case "overview" -> Future.succeededFuture(view.overview(true).put("clustered", clustered));
        case "whoami" -> Future.succeededFuture(new JsonObject().put("rw", rw).put("tokenSet", tokenSet));
        case "calls" -> calls(b.getString("q", ""), b.getInteger("limit", 100));
        case "call" -> call(required(b, "callId"));
        case "terminate" -> terminate(required(b, "callId"));
        case "standby" -> standby(b.getString("nodeId"), b.getBoolean("on", true));
        case "reanchor" -> ng("command", "reanchor", "call-id", required(b, "callId"));
        case "record" -> Future.failedFuture(new ConsoleException(501, "recording is not supported yet"));
        default -> Future.failedFuture(new ConsoleException(400, "unknown op '" + op + "'"));
      };
    } catch (ConsoleException e) {
      reply = Future.failedFuture(e);
    }
    reply.onComplete(ar -> {
      if (ar.succeeded()) m.reply(ar.result());
      else if (ar.cause() instanceof ConsoleException e) m.fail(e.code, e.getMessage());
      else m.fail(500, String.valueOf(ar.cause().getMessage()));
    });
  }

  private static String required(JsonObject b, String key) {
    String v = b.getString(key);
    if (v == null || v.isBlank()) throw new ConsoleException(400, "missing " + key);
    return v;
  }

  /** Every node's matching calls, newest first. */
  private Future<JsonObject> calls(String q, int limit) {
    List<String> nodes = liveNodes.get();
    List<Future<JsonObject>> asks = askAll(nodes, new JsonObject().put("op", "calls").put("q", q).put("limit", limit));
    return Future.join(asks).transform(ar -> {
      List<JsonObject> rows = new ArrayList<>();
      long matched = 0;
      JsonArray unreachable = new JsonArray();
      for (int i = 0; i < asks.size(); i++) {
        Future<JsonObject> f = asks.get(i);
        if (f.failed()) {
          unreachable.add(nodes.get(i));
          continue;
        }
        matched += f.result().getLong("matched", 0L);
        for (Object o : f.result().getJsonArray("calls", new JsonArray())) rows.add((JsonObject) o);
      }
      rows.sort(Comparator.comparingLong((JsonObject r) -> -r.getLong("created", 0L)));
      List<JsonObject> shown = rows.subList(0, Math.min(rows.size(), Math.max(0, limit)));
      return Future.succeededFuture(new JsonObject().put("calls", new JsonArray(new ArrayList<>(shown)))
          .put("matched", matched).put("unreachable", unreachable));
    });
  }

  private Future<JsonObject> call(String callId) {
    List<Future<JsonObject>> asks = askAll(new JsonObject().put("op", "call").put("callId", callId));
    return Future.join(asks).transform(ar -> {
      for (Future<JsonObject> f : asks) {
        if (f.succeeded() && f.result().getJsonObject("call") != null) return Future.succeededFuture(f.result());
      }
      return Future.failedFuture(new ConsoleException(404, "Unknown call-id"));
    });
  }

  private Future<JsonObject> terminate(String callId) {
    List<Future<JsonObject>> asks = askAll(new JsonObject().put("op", "terminate").put("callId", callId));
    return Future.join(asks).transform(ar -> {
      for (Future<JsonObject> f : asks) {
        if (f.succeeded() && f.result().getBoolean("terminated", false)) {
          return Future.succeededFuture(new JsonObject().put("terminated", callId));
        }
      }
      return Future.failedFuture(new ConsoleException(404, "Unknown call-id"));
    });
  }

  private Future<JsonObject> standby(String nodeId, boolean on) {
    if (!clustered) return Future.failedFuture(new ConsoleException(409, "standby needs a cluster: this node runs alone"));
    if (nodeId == null) return ng("command", "standby", "standby", on ? "on" : "off");
    return ng("command", "standby", "standby", on ? "on" : "off", "node-id", nodeId);
  }

  private List<Future<JsonObject>> askAll(JsonObject req) {
    return askAll(liveNodes.get(), req);
  }

  private List<Future<JsonObject>> askAll(List<String> nodes, JsonObject req) {
    List<Future<JsonObject>> asks = new ArrayList<>();
    for (String node : nodes) {
      asks.add(vertx.eventBus().<JsonObject>request(AdminAddresses.node(node), req, ASK).map(Message::body));
    }
    return asks;
  }

  /** An ng command through the node's handler (the cluster router when clustered), in ng's JSON form. */
  private Future<JsonObject> ng(Object... kv) {
    JsonObject req = new JsonObject();
    for (int i = 0; i < kv.length; i += 2) req.put((String) kv[i], kv[i + 1]);
    return ng.handle(req.toBuffer().getBytes(), null).compose(bytes -> {
      JsonObject r = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
      if ("error".equals(r.getString("result"))) {
        return Future.failedFuture(new ConsoleException(409, r.getString("error-reason", "error")));
      }
      return Future.succeededFuture(r);
    });
  }

  static final class ConsoleException extends RuntimeException {
    final int code;

    ConsoleException(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }
}
