package rtpmesh.control.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import rtpmesh.control.call.CallService;
import rtpmesh.control.ng.NgCommand;
import rtpmesh.control.ng.NgException;
import rtpmesh.control.ng.NgHandler;
import rtpmesh.control.ng.NgMessage;
import rtpmesh.control.ng.NgWire;

/**
 * Any node takes any ng command: a command for a call owned elsewhere goes to the owner over the
 * clustered event bus ({@code rtpmesh.node.<nodeId>.ng}) and its reply comes back unchanged. New
 * calls stay on the receiving node unless it is full or in standby. A call whose owner died is
 * taken over by the survivor that {@link Rendezvous} names.
 */
public final class ClusterRouter implements NgHandler {
  private static final Logger LOG = Logger.getLogger(ClusterRouter.class.getName());
  private static final DeliveryOptions FORWARD = new DeliveryOptions().setSendTimeout(5_000);

  private final Vertx vertx;
  private final NgHandler local;
  private final CallService calls;
  private final CallRegistry registry;
  private final NodeDirectory directory;
  private MessageConsumer<Buffer> consumer;
  /** Owners of calls recently forwarded (bounded; a dead owner sends us back to the registry). */
  private final Map<String, String> forwardTo = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > 100_000;
    }
  };
  private volatile boolean standby;

  public ClusterRouter(Vertx vertx, NgHandler local, CallService calls, CallRegistry registry, NodeDirectory directory) {
    this.vertx = vertx;
    this.local = local;
    this.calls = calls;
    this.registry = registry;
    this.directory = directory;
  }

  public static String address(String nodeId) {
    return "rtpmesh.node." + nodeId + ".ng";
  }

  /** Listens for commands that other nodes forward to this one. */
  public Future<Void> start() {
    consumer = vertx.eventBus().<Buffer>consumer(address(directory.self()), m -> {
      byte[] payload = m.body().getBytes();
      route(payload, true, null).onComplete(ar -> m.reply(Buffer.buffer(ar.succeeded() ? ar.result() : NgWire.error(NgException.INTERNAL, false))));
    });
    return consumer.completion();
  }

  public Future<Void> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  public void standby(boolean on) {
    standby = on;
  }

  public boolean standby() {
    return standby;
  }

  @Override
  public Future<byte[]> handle(byte[] payload, SocketAddress from) {
    return route(payload, false, from);
  }

  /** {@code from} (null when forwarded) is only for the owner's log line of the command. */
  private Future<byte[]> route(byte[] payload, boolean forwarded, SocketAddress from) {
    NgMessage msg;
    try {
      msg = NgWire.decode(payload);
    } catch (NgException e) {
      return local.handle(payload, from);
    }
    Object name = msg.dict().get("command");
    if ("standby".equals(name)) return standby(msg, payload, forwarded);
    NgCommand cmd = name instanceof String s ? NgCommand.of(s) : null;
    if (cmd == NgCommand.LIST && !forwarded) return list(msg);
    if (cmd == NgCommand.STATISTICS && !forwarded) return local.handle(payload, from).map(r -> withCluster(r, msg.json()));
    String callId = msg.str("call-id");
    if (cmd == null || callId == null || callId.isEmpty() || !callScoped(cmd)) return local.handle(payload, from);
    // The owner knows its own calls: no registry round trip on the common path.
    if (calls.has(callId)) return local.handle(payload, from);
    String known = forwardTo.get(callId);
    if (known != null && !forwarded && directory.isAlive(known)) return to(known, payload, false, from);
    return registry.get(callId).compose(record -> {
      if (record == null) {
        // A new call (or conference room, publisher, created call) is placed like an offer; other commands find nothing.
        if ((cmd != NgCommand.OFFER && cmd != NgCommand.PUBLISH && cmd != NgCommand.JOIN_ROOM && cmd != NgCommand.CREATE)
            || forwarded) {
          return local.handle(payload, from);
        }
        return place(callId, msg).compose(owner -> to(owner, payload, forwarded, from)).compose(reply -> unclaimIfRefused(callId, reply));
      }
      String owner = record.getString("owner");
      if (directory.self().equals(owner) || forwarded) return ensureLocal(record).compose(v -> local.handle(payload, from));
      if (directory.isAlive(owner)) {
        forwardTo.put(callId, owner);
        return to(owner, payload, false, from);
      }
      String heir = Rendezvous.owner(placement(record), directory.liveNodes());
      return to(heir, payload, false, from);
    }, err -> {
      LOG.warning("registry unavailable, handling " + callId + " locally: " + err.getMessage());
      return local.handle(payload, from);
    });
  }

  private static boolean callScoped(NgCommand cmd) {
    return switch (cmd) {
      case OFFER, ANSWER, DELETE, QUERY, REANCHOR, PLAY_DTMF, BLOCK_DTMF, UNBLOCK_DTMF,
           PLAY_MEDIA, STOP_MEDIA, BLOCK_MEDIA, UNBLOCK_MEDIA, SILENCE_MEDIA, UNSILENCE_MEDIA,
           PUBLISH, SUBSCRIBE_REQUEST, SUBSCRIBE_ANSWER, UNSUBSCRIBE, JOIN_ROOM, LEAVE_ROOM,
           CONNECT, CREATE, BYPASS_MEDIA, ANCHOR_MEDIA, START_FORWARDING, STOP_FORWARDING,
           START_RECORDING, STOP_RECORDING, PAUSE_RECORDING -> true;
      default -> false;
    };
  }

  /** The key a dead owner's call is placed by: calls joined by connect share one, and so a node. */
  private static String placement(JsonObject record) {
    String p = record.getString("placement");
    return p == null ? record.getString("callId") : p;
  }

  /** A forwarded command, or one for a call this node was named heir of: rebuild it here first. */
  private Future<Void> ensureLocal(JsonObject record) {
    if (HazelcastCallRegistry.isClaimOnly(record) || calls.has(record.getString("callId"))) return Future.succeededFuture();
    return calls.adopt(record);
  }

  /** Chooses the owner of a new call and claims it in the registry. */
  private Future<String> place(String callId, NgMessage msg) {
    String target = directory.self();
    int maxSessions = calls.settings().maxSessions(); // the CLI may change it at run time
    boolean full = maxSessions >= 0 && calls.size() >= maxSessions;
    if (full || standby) {
      String other = directory.leastLoaded();
      if (other != null) target = other;
    }
    return registry.claim(callId, target);
  }

  /** A new call whose offer failed (bad SDP, no room) gives its claim back, or it would stay listed. */
  private Future<byte[]> unclaimIfRefused(String callId, byte[] reply) {
    Object result;
    try {
      result = NgWire.decode(reply).dict().get("result");
    } catch (NgException e) {
      result = null;
    }
    if ("ok".equals(result)) return Future.succeededFuture(reply);
    return registry.get(callId)
        .compose(r -> HazelcastCallRegistry.isClaimOnly(r) ? registry.remove(callId) : Future.<Void>succeededFuture())
        .otherwiseEmpty()
        .map(v -> reply);
  }

  private Future<byte[]> to(String owner, byte[] payload, boolean forwarded, SocketAddress from) {
    if (owner == null || owner.equals(directory.self()) || forwarded) return local.handle(payload, from);
    return vertx.eventBus().<Buffer>request(address(owner), Buffer.buffer(payload), FORWARD)
        .map(m -> m.body().getBytes())
        .recover(err -> {
          LOG.warning("forward to " + owner + " failed: " + err.getMessage());
          return Future.succeededFuture(NgWire.error("Owner node " + owner + " unreachable", false));
        });
  }

  private Future<byte[]> list(NgMessage msg) {
    Long limit = msg.number("limit");
    return registry.callIds(limit == null ? 32 : (int) Math.max(0, limit)).map(ids -> {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("calls", List.copyOf(ids));
      r.put("result", "ok");
      return NgWire.encode(r, msg.json());
    });
  }

  /**
   * rtpmesh's own {@code standby} command: {@code {command: standby, standby: on|off, node-id?}}
   * drains a node (no new calls are placed on it; its calls go on until they end). Without
   * {@code node-id} it applies to the node that receives it.
   */
  private Future<byte[]> standby(NgMessage msg, byte[] payload, boolean forwarded) {
    String target = msg.str("node-id");
    if (target != null && !target.equals(directory.self()) && !forwarded) {
      if (!directory.isAlive(target)) return Future.succeededFuture(NgWire.error("Unknown node-id", msg.json()));
      return to(target, payload, false, null);
    }
    String v = msg.str("standby");
    if (v != null) standby = v.equalsIgnoreCase("on") || v.equalsIgnoreCase("yes") || v.equals("1") || v.equalsIgnoreCase("true");
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("node-id", directory.self());
    r.put("standby", standby ? "on" : "off");
    r.put("result", "ok");
    return Future.succeededFuture(NgWire.encode(r, msg.json()));
  }

  /** Adds the cluster's view to this node's statistics: every live node with its calls. */
  @SuppressWarnings("unchecked")
  private byte[] withCluster(byte[] reply, boolean json) {
    NgMessage r = NgWire.decode(reply);
    Object stats = r.dict().get("statistics");
    if (!(stats instanceof Map<?, ?> st)) return reply;
    Map<String, Object> s = (Map<String, Object>) st;
    List<Object> nodes = new java.util.ArrayList<>();
    long total = 0;
    for (JsonObject n : directory.nodes().values()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("node-id", n.getString("nodeId"));
      e.put("calls", n.getLong("calls", 0L));
      e.put("standby", n.getBoolean("standby", false) ? "on" : "off");
      e.put("ng", n.getString("ng", ""));
      nodes.add(e);
      total += n.getLong("calls", 0L);
    }
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("node-id", directory.self());
    cluster.put("nodes", nodes);
    s.put("cluster", cluster);
    Object cur = s.get("currentstatistics");
    if (cur instanceof Map<?, ?> c) {
      Map<String, Object> current = (Map<String, Object>) c;
      long own = ((Number) current.getOrDefault("sessionsown", 0L)).longValue();
      current.put("sessionsforeign", Math.max(0, total - own));
      current.put("sessionstotal", Math.max(total, own));
    }
    return NgWire.encode(r.dict(), json);
  }

  /** Survivors split a dead node's calls; each takes the ones {@link Rendezvous} gives it. */
  public void takeOver(String deadNode) {
    takeOverScan(deadNode);
    // A second pass after Hazelcast has promoted backups of partitions the dead member owned.
    vertx.setTimer(3000, id -> takeOverScan(deadNode));
  }

  private void takeOverScan(String deadNode) {
    long t0 = System.nanoTime();
    registry.ownedBy(deadNode).onSuccess(records -> {
      int mine = 0;
      for (JsonObject r : records) {
        String callId = r.getString("callId");
        if (!directory.self().equals(Rendezvous.owner(placement(r), directory.liveNodes()))) continue;
        if (HazelcastCallRegistry.isClaimOnly(r)) {
          registry.remove(callId);
          continue;
        }
        mine++;
        calls.adopt(r).onFailure(e -> LOG.warning("takeover of " + callId + " failed: " + e.getMessage()));
      }
      if (mine > 0) LOG.info("took over " + mine + " of " + records.size() + " calls of " + deadNode + " in "
          + (System.nanoTime() - t0) / 1_000_000 + " ms");
    });
  }
}
