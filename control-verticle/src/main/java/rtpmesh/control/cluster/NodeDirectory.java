package rtpmesh.control.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Who is in the cluster: every node publishes itself (node id, Hazelcast member, load, standby)
 * into the IMap {@value #MAP} once a second, and keeps a snapshot of the others. A member that
 * leaves or dies is reported once, by node id, on the control verticle's context.
 */
public final class NodeDirectory implements MembershipListener {
  private static final Logger LOG = Logger.getLogger(NodeDirectory.class.getName());
  public static final String MAP = "rtpmesh.nodes";

  private final Vertx vertx;
  private final Context context;
  private final HazelcastInstance hz;
  private final IMap<String, HazelcastJsonValue> map;
  private final String self;
  private final Supplier<JsonObject> load;
  private final Consumer<String> onNodeLost;
  private volatile Map<String, JsonObject> snapshot = Map.of();
  /** Node id of every member a publish has seen live, until it leaves; on the context only. */
  private final Map<String, String> nodeOfMember = new java.util.HashMap<>();
  private long timer = -1;
  private UUID listenerId;

  public NodeDirectory(Vertx vertx, HazelcastInstance hz, String self, Supplier<JsonObject> load, Consumer<String> onNodeLost) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.hz = hz;
    this.map = hz.getMap(MAP);
    this.self = self;
    this.load = load;
    this.onNodeLost = onNodeLost;
  }

  public String self() {
    return self;
  }

  public void start() {
    listenerId = hz.getCluster().addMembershipListener(this);
    publish();
    timer = vertx.setPeriodic(1000, id -> publish());
  }

  public void stop() {
    if (timer >= 0) vertx.cancelTimer(timer);
    if (listenerId != null) hz.getCluster().removeMembershipListener(listenerId);
  }

  /** Writes our own entry and reads everyone's (a worker thread: IMap scans block). */
  private void publish() {
    JsonObject me = load.get().copy()
        .put("nodeId", self)
        .put("member", hz.getCluster().getLocalMember().getUuid().toString())
        .put("updated", System.currentTimeMillis());
    vertx.executeBlocking(() -> {
      map.set(self, new HazelcastJsonValue(me.encode()));
      Set<String> live = liveMembers();
      Map<String, JsonObject> all = new LinkedHashMap<>();
      for (Map.Entry<String, HazelcastJsonValue> e : map.entrySet()) {
        JsonObject n = new JsonObject(e.getValue().getValue());
        if (live.contains(n.getString("member"))) all.put(e.getKey(), n);
      }
      return all;
    }, false).onSuccess(all -> {
      all.values().forEach(n -> nodeOfMember.put(n.getString("member"), n.getString("nodeId")));
      snapshot = all;
    });
  }

  private Set<String> liveMembers() {
    Set<String> live = new HashSet<>();
    for (Member m : hz.getCluster().getMembers()) live.add(m.getUuid().toString());
    return live;
  }

  /** Node ids of the live members, this one included. */
  public List<String> liveNodes() {
    List<String> out = new ArrayList<>(snapshot.keySet());
    if (!out.contains(self)) out.add(self);
    return out;
  }

  public boolean isAlive(String nodeId) {
    return self.equals(nodeId) || snapshot.containsKey(nodeId);
  }

  public Map<String, JsonObject> nodes() {
    return snapshot;
  }

  /** The live node with the most room for a new call, or null when every node is full or standby. */
  public String leastLoaded() {
    String best = null;
    double bestUse = Double.MAX_VALUE;
    for (JsonObject n : snapshot.values()) {
      if (n.getBoolean("standby", false)) continue;
      long calls = n.getLong("calls", 0L);
      long max = n.getLong("maxSessions", -1L);
      if (max >= 0 && calls >= max) continue;
      double use = max > 0 ? (double) calls / max : calls / 1e9;
      if (use < bestUse) {
        bestUse = use;
        best = n.getString("nodeId");
      }
    }
    return best;
  }

  @Override
  public void memberAdded(MembershipEvent event) {
    context.runOnContext(v -> publish());
  }

  @Override
  public void memberRemoved(MembershipEvent event) {
    String uuid = event.getMember().getUuid().toString();
    context.runOnContext(v -> {
      // By member, not from the snapshot: a publish that scanned after the member had gone may
      // already have dropped it from the snapshot, and then nobody would take its calls over.
      List<String> lost = new ArrayList<>();
      String known = nodeOfMember.remove(uuid);
      if (known != null && !known.equals(self)) {
        lost.add(known);
      }
      Map<String, JsonObject> next = new LinkedHashMap<>(snapshot);
      for (JsonObject n : snapshot.values()) {
        if (uuid.equals(n.getString("member")) && !lost.contains(n.getString("nodeId"))) {
          lost.add(n.getString("nodeId"));
        }
      }
      lost.forEach(next::remove);
      snapshot = next;
      for (String nodeId : lost) {
        LOG.info("cluster member " + nodeId + " left; taking over its share of calls");
        vertx.executeBlocking(() -> map.remove(nodeId), false);
        onNodeLost.accept(nodeId);
      }
    });
  }
}
