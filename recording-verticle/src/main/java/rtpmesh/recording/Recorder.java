package rtpmesh.recording;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.logging.Logger;
import rtpmesh.media.relay.MediaTap;

/**
 * The recorder of one node: the writer thread that owns every recording's files, the media blocks'
 * {@link TapRing}s that feed it, and the {@link MediaTap.Source} through which a block gets a
 * call's tap. Control requests ({@link #start}, {@link #pause}, {@link #stop}) run on the writer
 * thread as commands, each after the rings were drained, so a stop sees every packet that a block
 * handed over before it was sent.
 *
 * <p>Thread-safe entry points; all file I/O happens on the writer thread.
 */
public final class Recorder implements MediaTap.Source {
  private static final Logger LOG = Logger.getLogger(Recorder.class.getName());
  private static final long IDLE_PARK_NS = 2_000_000;

  private final RecordingConfig config;
  private final RecordingCounters counters = new RecordingCounters();
  /** call-id -> session, for the blocks' {@link #open}; written by the writer thread. */
  private final ConcurrentHashMap<String, Integer> sessionOf = new ConcurrentHashMap<>();
  private volatile TapRing[] rings = new TapRing[0];
  private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
  private final Thread writer;
  private volatile boolean running = true;

  // writer thread only
  private final Map<Integer, CallRecording> sessions = new HashMap<>();
  private final Set<Integer> paused = new HashSet<>();
  private final Map<Integer, CallForward> forwards = new HashMap<>();
  private int nextSession = 1;

  public Recorder(RecordingConfig config) {
    this.config = config;
    counters.ringDrops = () -> Arrays.stream(rings).mapToLong(TapRing::dropped).sum();
    writer = new Thread(this::run, "rtpmesh-recorder-" + config.nodeId());
    writer.setDaemon(true);
    writer.start();
  }

  public RecordingCounters counters() {
    return counters;
  }

  @Override
  public MediaTap open(String callId, int block) {
    Integer session = sessionOf.get(callId);
    return session == null ? null : new CallTap(ring(block), session);
  }

  /** Control time only (a tap turned on): the block's ring, made on first use. */
  private synchronized TapRing ring(int block) {
    for (TapRing r : rings) {
      if (r.block == block) return r;
    }
    TapRing r = new TapRing(block, config.batches(), config.batchBytes());
    TapRing[] next = Arrays.copyOf(rings, rings.length + 1);
    next[rings.length] = r;
    rings = next;
    return r;
  }

  /** See {@link RecordingApi#OP_START}. */
  public CompletableFuture<JsonObject> start(JsonObject request) {
    String callId = request.getString(RecordingApi.CALL);
    return command(now -> {
      Integer existing = sessionOf.get(callId);
      CallRecording r = existing == null ? null : sessions.get(existing);
      if (r == null) {
        if (config.dir() == null) {
          throw new NotRecording();
        }
        int session = existing != null ? existing : nextSession++; // a forwarded call keeps its tap's session
        try {
          r = CallRecording.open(session, request, config, counters, now);
        } catch (IOException | RuntimeException e) {
          counters.writeErrors.increment();
          LOG.warning("[" + callId + "] recording not started: " + e);
          throw new IllegalStateException("Failed to start recording: " + e.getMessage(), e);
        }
        sessions.put(session, r);
        sessionOf.put(callId, session);
        counters.active.incrementAndGet();
        counters.started.increment();
      } else {
        r.update(request);
        if (paused.remove(r.session)) r.resume(now);
      }
      return r.describe();
    });
  }

  /** See {@link RecordingApi#OP_PAUSE}. */
  public CompletableFuture<JsonObject> pause(String callId) {
    return command(now -> {
      Integer session = sessionOf.get(callId);
      if (session == null || !sessions.containsKey(session)) return new JsonObject().put("paused", false);
      if (paused.add(session)) sessions.get(session).pause(now);
      return new JsonObject().put("paused", true);
    });
  }

  /** See {@link RecordingApi#OP_STOP}. */
  public CompletableFuture<JsonObject> stop(String callId) {
    return command(now -> {
      Integer session = sessionOf.get(callId);
      CallRecording r = session == null ? null : sessions.remove(session);
      if (r == null) return new JsonObject().put("stopped", false);
      if (!forwards.containsKey(session)) sessionOf.remove(callId);
      paused.remove(session);
      r.close(now);
      counters.active.decrementAndGet();
      return r.describe().put("stopped", true);
    });
  }

  /** See {@link RecordingApi#OP_FORWARD}. */
  public CompletableFuture<JsonObject> forward(JsonObject request) {
    String callId = request.getString(RecordingApi.CALL);
    String to = request.getString(RecordingApi.FORWARD_TO);
    ForwardTarget target;
    if (to != null) {
      target = ForwardTarget.parse(to); // IllegalArgumentException: the caller's bad value
    } else if (config.forwardTo() != null) {
      target = config.forwardTo();
    } else {
      return CompletableFuture.failedFuture(new IllegalArgumentException(RecordingApi.NO_FORWARD_TO));
    }
    String fromTag = request.getString(RecordingApi.FROM_TAG);
    return command(now -> {
      Integer existing = sessionOf.get(callId);
      int session = existing != null ? existing : nextSession++;
      CallForward f = forwards.get(session);
      boolean counted = f != null;
      if (f != null && (!f.sink().target().equals(target) || !java.util.Objects.equals(f.onlyTag(), fromTag))) {
        f.close(); // a new destination or party: the old streams end
        f = null;
      }
      if (f == null) {
        f = new CallForward(session, callId, new ForwardSink(target, counters), fromTag, counters);
        forwards.put(session, f);
        sessionOf.put(callId, session);
        if (!counted) counters.forwarding.incrementAndGet();
      }
      f.parties(request.getJsonArray(RecordingApi.PARTIES));
      return new JsonObject().put(RecordingApi.FORWARD_TO, target.toString());
    });
  }

  /** See {@link RecordingApi#OP_UNFORWARD}. */
  public CompletableFuture<JsonObject> unforward(String callId) {
    return command(now -> {
      Integer session = sessionOf.get(callId);
      CallForward f = session == null ? null : forwards.remove(session);
      if (f == null) return new JsonObject().put("stopped", false);
      f.close();
      counters.forwarding.decrementAndGet();
      if (!sessions.containsKey(session)) sessionOf.remove(callId);
      return new JsonObject().put("stopped", true);
    });
  }

  /** {@code start} on a node without a recording directory. */
  static final class NotRecording extends RuntimeException {
    NotRecording() {
      super("Call recording not enabled on this node (no --recording-dir)");
    }
  }

  public JsonObject stats() {
    return new JsonObject().put("active", counters.active()).put("started", counters.started())
        .put("packets", counters.packets()).put("bytes", counters.bytes()).put("dropped", counters.dropped())
        .put("writeErrors", counters.writeErrors()).put("files", counters.files())
        .put("forwarding", counters.forwarding()).put("forwarded", counters.forwarded())
        .put("forwardDropped", counters.forwardDropped());
  }

  /** Closes every recording (their files end now) and ends the writer thread. */
  public void close() {
    CompletableFuture<JsonObject> all = command(now -> {
      for (CallRecording r : sessions.values()) r.close(now);
      sessions.clear();
      for (CallForward f : forwards.values()) f.close();
      forwards.clear();
      counters.forwarding.set(0);
      sessionOf.clear();
      counters.active.set(0);
      return new JsonObject();
    });
    try {
      all.get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warning("recorder did not close its files in time: " + e);
    }
    running = false;
    LockSupport.unpark(writer);
  }

  private CompletableFuture<JsonObject> command(Function<Long, JsonObject> work) {
    CompletableFuture<JsonObject> done = new CompletableFuture<>();
    commands.add(() -> {
      try {
        done.complete(work.apply(System.currentTimeMillis()));
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    });
    LockSupport.unpark(writer);
    return done;
  }

  private void run() {
    while (running) {
      boolean work = drainRings();
      Runnable cmd;
      while ((cmd = commands.poll()) != null) {
        drainRings(); // whatever a block handed over before this command was sent comes first
        cmd.run();
        work = true;
      }
      if (!work) {
        LockSupport.parkNanos(IDLE_PARK_NS);
      }
    }
  }

  private boolean drainRings() {
    boolean any = false;
    for (TapRing ring : rings) {
      Batch b;
      while ((b = ring.poll()) != null) {
        any = true;
        try {
          write(b);
        } catch (RuntimeException e) {
          LOG.warning("recorder: batch skipped: " + e);
        }
        ring.recycle(b);
      }
    }
    return any;
  }

  private void write(Batch b) {
    byte[] data = b.data;
    int end = b.buffer.position();
    for (int off = 0; off + Batch.HEADER <= end; ) {
      int length = readInt(data, off);
      int session = readInt(data, off + 4);
      CallRecording r = sessions.get(session);
      if (r != null && !paused.contains(session)) {
        r.packet(data, off, length);
      }
      CallForward f = forwards.isEmpty() ? null : forwards.get(session);
      if (f != null) {
        f.packet(data, off, length);
      }
      off += length;
    }
  }

  private static int readInt(byte[] b, int off) {
    return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
  }
}
