package rtpmesh.control.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The call registry in the Hazelcast IMap {@value #MAP} (configured with a synchronous backup, so
 * one member can die without losing a record). Records are JSON so the owner can be queried.
 * Single-key operations are asynchronous; scans run on a worker thread. Results come back on the
 * caller's context.
 */
public final class HazelcastCallRegistry implements CallRegistry {
  public static final String MAP = "rtpmesh.calls";
  /** A claim placeholder: the call is owned but its first record is not written yet. */
  private static final String CLAIM = "claim";

  private final Vertx vertx;
  private final IMap<String, HazelcastJsonValue> map;

  public HazelcastCallRegistry(Vertx vertx, HazelcastInstance hz) {
    this.vertx = vertx;
    this.map = hz.getMap(MAP);
  }

  private Context context() {
    return vertx.getOrCreateContext();
  }

  @Override
  public Future<Void> save(String callId, JsonObject state) {
    return Future.fromCompletionStage(map.setAsync(callId, new HazelcastJsonValue(state.encode())), context());
  }

  @Override
  public Future<Void> remove(String callId) {
    return Future.fromCompletionStage(map.removeAsync(callId), context()).mapEmpty();
  }

  @Override
  public Future<JsonObject> get(String callId) {
    return Future.fromCompletionStage(map.getAsync(callId), context()).map(v -> v == null ? null : new JsonObject(v.getValue()));
  }

  @Override
  public Future<String> claim(String callId, String nodeId) {
    JsonObject placeholder = new JsonObject().put("callId", callId).put("owner", nodeId).put(CLAIM, true);
    return vertx.executeBlocking(() -> {
      HazelcastJsonValue prev = map.putIfAbsent(callId, new HazelcastJsonValue(placeholder.encode()));
      return prev == null ? nodeId : new JsonObject(prev.getValue()).getString("owner");
    }, false);
  }

  @Override
  public Future<List<String>> callIds(int limit) {
    return vertx.executeBlocking(() -> {
      List<String> out = new ArrayList<>();
      for (String k : map.keySet()) {
        if (out.size() >= limit) break;
        out.add(k);
      }
      return out;
    }, false);
  }

  @Override
  public Future<List<JsonObject>> ownedBy(String nodeId) {
    return vertx.executeBlocking(() -> {
      List<JsonObject> out = new ArrayList<>();
      for (HazelcastJsonValue v : map.values(Predicates.equal("owner", nodeId))) out.add(new JsonObject(v.getValue()));
      return out;
    }, false);
  }

  @Override
  public Future<Integer> size() {
    return vertx.executeBlocking(map::size, false);
  }

  static boolean isClaimOnly(JsonObject record) {
    return record != null && record.getBoolean(CLAIM, false);
  }
}
