package rtpmesh.control.admin.console;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the console shows of the cluster: every node with its load (from the node directory, which
 * each node refreshes once a second; just this node when it runs alone) and, once a second, the
 * cluster's calls and packets/s, kept for {@link #HISTORY} seconds for the chart and published on
 * {@link AdminAddresses#EVENTS} to this node's browsers.
 */
final class ClusterView {
  static final int HISTORY = 600;
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final Vertx vertx;
  private final Supplier<List<JsonObject>> nodes;
  private final Deque<JsonObject> history = new ArrayDeque<>();
  private long timer = -1;

  /** {@code nodes}: one summary per live node ({@code nodeId, calls, pps, errors...}). */
  ClusterView(Vertx vertx, Supplier<List<JsonObject>> nodes) {
    this.vertx = vertx;
    this.nodes = nodes;
  }

  void start() {
    timer = vertx.setPeriodic(1000, id -> tick());
  }

  void stop() {
    if (timer >= 0) vertx.cancelTimer(timer);
  }

  private void tick() {
    JsonObject now = overview(false);
    history.addLast(now.getJsonObject("total"));
    if (history.size() > HISTORY) history.removeFirst();
    vertx.eventBus().publish(AdminAddresses.EVENTS, now, LOCAL);
  }

  /** {@code {nodes: [...], total: {t, calls, pps, eps}, history?: [...]}}. */
  JsonObject overview(boolean withHistory) {
    List<JsonObject> all = new ArrayList<>(nodes.get());
    all.sort(Comparator.comparing(n -> n.getString("nodeId", "")));
    long calls = 0;
    double pps = 0;
    double eps = 0;
    for (JsonObject n : all) {
      calls += n.getLong("calls", 0L);
      pps += n.getDouble("pps", 0.0);
      eps += n.getDouble("eps", 0.0);
    }
    JsonObject total = new JsonObject().put("t", System.currentTimeMillis()).put("calls", calls)
        .put("pps", Math.round(pps)).put("eps", Math.round(eps));
    JsonObject o = new JsonObject().put("nodes", new JsonArray(new ArrayList<>(all))).put("total", total);
    if (withHistory) o.put("history", new JsonArray(new ArrayList<>(history)));
    return o;
  }
}
