package rtpmesh.control.cluster;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Where call state lives beyond the node that owns the call: call-id to its {@code CallState}
 * record (see {@link rtpmesh.control.call.CallStateCodec}), which names the owner node.
 * Control plane only: written on signalling events, never per packet.
 */
public interface CallRegistry {

  /** Stores the record of a call (its {@code owner} field says who owns it). */
  Future<Void> save(String callId, JsonObject state);

  Future<Void> remove(String callId);

  /** The record of a call, or null when the cluster does not know it. */
  Future<JsonObject> get(String callId);

  /**
   * Makes {@code nodeId} the owner of a call nobody owns yet; returns the owner afterwards (the
   * caller itself, or whoever claimed it first).
   */
  Future<String> claim(String callId, String nodeId);

  Future<List<String>> callIds(int limit);

  /** The records of all calls a node owns (for taking over a dead node's calls). */
  Future<List<JsonObject>> ownedBy(String nodeId);

  Future<Integer> size();

  /** A registry for a node that runs alone: nothing is shared, every call is local. */
  CallRegistry NONE = new CallRegistry() {
    public Future<Void> save(String callId, JsonObject state) {
      return Future.succeededFuture();
    }

    public Future<Void> remove(String callId) {
      return Future.succeededFuture();
    }

    public Future<JsonObject> get(String callId) {
      return Future.succeededFuture();
    }

    public Future<String> claim(String callId, String nodeId) {
      return Future.succeededFuture(nodeId);
    }

    public Future<List<String>> callIds(int limit) {
      return Future.succeededFuture(List.of());
    }

    public Future<List<JsonObject>> ownedBy(String nodeId) {
      return Future.succeededFuture(List.of());
    }

    public Future<Integer> size() {
      return Future.succeededFuture(0);
    }
  };
}
