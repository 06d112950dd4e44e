package rtpmesh.control.metrics;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import rtpmesh.control.call.MediaClient;

/**
 * The node's media counters, read from every media block ({@code blockStats} over the local bus)
 * once a second and on demand (a scrape): totals, per-second rates and a short history for the
 * console's chart. The packet path is never touched: the blocks already count, this only asks.
 *
 * <p>Owned by the control verticle's event loop.
 */
public final class NodeSampler {
  /** Ten minutes of one-second samples. */
  static final int HISTORY = 600;

  /** One reading of the whole node. */
  public record Sample(long atMs, int calls, long packets, long bytes, long errors, long drops,
      Map<String, Long> dropReasons, long usedPairs, long freePairs, double packetRate, double byteRate,
      double errorRate, int blocksBehind, long batchSwitches, long connectedSockets) {

    JsonObject point() {
      return new JsonObject().put("t", atMs).put("calls", calls).put("pps", Math.round(packetRate));
    }
  }

  private final Vertx vertx;
  private final MediaClient media;
  private final IntSupplier calls;
  private final Deque<Sample> history = new ArrayDeque<>();
  private Sample last = new Sample(System.currentTimeMillis(), 0, 0, 0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0);
  private Future<Sample> pending;
  private long timer = -1;

  public NodeSampler(Vertx vertx, MediaClient media, IntSupplier calls) {
    this.vertx = vertx;
    this.media = media;
    this.calls = calls;
  }

  public void start() {
    timer = vertx.setPeriodic(1000, id -> sample().onSuccess(s -> {
      history.addLast(s);
      if (history.size() > HISTORY) history.removeFirst();
    }));
  }

  public void stop() {
    if (timer >= 0) vertx.cancelTimer(timer);
  }

  /** The latest reading (at most a second old). */
  public Sample last() {
    return last;
  }

  /** The last minutes as {@code [{t, calls, pps}, ...]}, oldest first. */
  public JsonArray history() {
    JsonArray a = new JsonArray();
    for (Sample s : history) a.add(s.point());
    return a;
  }

  /** Reads every block now; concurrent callers share one round of requests. */
  public Future<Sample> sample() {
    if (pending != null) return pending;
    List<Future<JsonObject>> blocks = new ArrayList<>();
    for (int b = 0; b < media.blocks(); b++) blocks.add(media.blockStats(b));
    pending = Future.join(blocks).transform(ar -> {
      pending = null;
      long packets = 0, bytes = 0, errors = 0, drops = 0, used = 0, free = 0, switches = 0, connected = 0;
      int behind = 0;
      Map<String, Long> reasons = new TreeMap<>();
      for (Future<JsonObject> f : blocks) {
        if (f.failed()) continue; // a block that does not answer keeps its share out of this reading
        JsonObject s = f.result();
        packets += s.getLong("packets", 0L);
        bytes += s.getLong("bytes", 0L);
        errors += s.getLong("errors", 0L);
        drops += s.getLong("drops", 0L);
        used += s.getLong("ports", 0L);
        free += s.getLong("free", 0L);
        switches += s.getLong("batchSwitches", 0L);
        connected += s.getLong("connectedSockets", 0L);
        behind += s.getInteger("readBatch", 1) > 1 ? 1 : 0;
        s.getJsonObject("dropReasons", new JsonObject())
            .forEach(e -> reasons.merge(e.getKey(), ((Number) e.getValue()).longValue(), Long::sum));
      }
      long now = System.currentTimeMillis();
      Sample prev = last;
      double secs = Math.max(0.001, (now - prev.atMs()) / 1000.0);
      Sample s = new Sample(now, calls.getAsInt(), packets, bytes, errors, drops, reasons, used, free,
          rate(packets, prev.packets(), secs), rate(bytes, prev.bytes(), secs), rate(errors, prev.errors(), secs), behind, switches, connected);
      // A reading less than half a second after the last keeps the last rates (scrapes between ticks).
      if (now - prev.atMs() < 500 && prev.packets() <= packets) {
        s = new Sample(now, s.calls(), packets, bytes, errors, drops, reasons, used, free,
            prev.packetRate(), prev.byteRate(), prev.errorRate(), behind, switches, connected);
      }
      last = s;
      return Future.succeededFuture(s);
    });
    return pending;
  }

  private static double rate(long now, long before, double secs) {
    return now < before ? 0 : (now - before) / secs;
  }
}
