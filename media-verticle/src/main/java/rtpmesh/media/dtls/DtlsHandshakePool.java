package rtpmesh.media.dtls;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The node's only threads for DTLS: a fixed pool that runs BouncyCastle's blocking handshakes, so
 * event loops never wait. At most {@code threads} handshakes run and {@code queued} wait; beyond
 * that a handshake is refused ({@link DtlsError#OVERLOADED}) and counted, so a ClientHello flood
 * costs a counter, not a thread. Every handshake is bounded by its timeout, so a peer that stops
 * mid-handshake holds a thread for at most that long.
 *
 * <p>Thread-safe; shared by every media event loop of the node. Counters are node-wide.
 */
public final class DtlsHandshakePool implements AutoCloseable {
  private final ThreadPoolExecutor executor;
  private final LongAdder started = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder connected = new LongAdder();
  private final AtomicLongArray failed = new AtomicLongArray(DtlsError.values().length);

  /**
   * Threads of the {@link #node()} pool: a handshake thread mostly waits for the peer's next flight,
   * so this bounds concurrent handshakes rather than CPU; idle threads time out.
   */
  public static final int NODE_THREADS = 64;
  public static final int NODE_QUEUED = 256;

  /** The pool every media block of this process shares, created on first use; never closed. */
  public static DtlsHandshakePool node() {
    return NodeHolder.POOL;
  }

  private static final class NodeHolder {
    static final DtlsHandshakePool POOL = new DtlsHandshakePool(NODE_THREADS, NODE_QUEUED);
  }

  public DtlsHandshakePool(int threads, int queued) {
    AtomicInteger n = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(
        threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(Math.max(1, queued)),
        r -> {
          Thread t = new Thread(r, "rtpmesh-dtls-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.AbortPolicy());
    executor.allowCoreThreadTimeOut(true);
  }

  /** Runs {@code handshake} on a pool thread; false (and counted) when the pool is full. */
  boolean submit(Runnable handshake) {
    try {
      executor.execute(handshake);
      started.increment();
      return true;
    } catch (RejectedExecutionException e) {
      rejected.increment();
      failed.incrementAndGet(DtlsError.OVERLOADED.ordinal());
      return false;
    }
  }

  void countConnected() {
    connected.increment();
  }

  void countFailed(DtlsError error) {
    if (error != DtlsError.OVERLOADED) { // counted in submit
      failed.incrementAndGet(error.ordinal());
    }
  }

  /** Handshakes handed to a thread or its queue. */
  public long started() {
    return started.sum();
  }

  /** Handshakes refused because the pool and its queue were full. */
  public long rejected() {
    return rejected.sum();
  }

  public long connected() {
    return connected.sum();
  }

  public long failed(DtlsError error) {
    return failed.get(error.ordinal());
  }

  /** Handshakes running right now. */
  public int active() {
    return executor.getActiveCount();
  }

  /** Stops accepting handshakes and interrupts running ones (they fail as closed). */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
