package rtpmesh.media.port;

import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import java.util.concurrent.TimeUnit;

/**
 * The receive buffer of a block's epoll sockets, and how many datagrams one read takes: one while
 * the block keeps up, a {@code recvmmsg} of up to {@link #max} while it is behind.
 *
 * <p>A relay socket carries one stream of 50 packets/s, so while the loop keeps up a woken socket
 * holds one datagram, and a batch read only adds cost: Netty's {@code recvmmsg} makes a
 * {@code getsockopt} call before every read, and the kernel a failed second attempt (25-45 % more per
 * packet at 500 calls on the bench box). Once the loop falls behind, every socket holds several
 * and one read takes them all (8.4-9.7 µs per packet at 1000 calls instead of 11.7-16.8, without
 * the backlog of seconds); bench/README.md has the figures. So the block switches: its 20 ms {@link #tick} being
 * {@link #BEHIND_NS} late twice in a row turns batches on, and a second in which reads averaged fewer than
 * {@link #STAY_RATIO} datagrams turns them off again. A block that falls behind again within
 * {@link #REBOUND_NS} of draining a backlog sits at the edge of its core, where each round trip costs a
 * backlog; it then keeps batches on twice as long as the last time (up to {@link #MAX_HOLD_NS}).
 * Batches that found no backlog end after their first second and lengthen nothing: the loop was
 * late for another reason, and each of their reads costs Netty a {@code getsockopt} on top.
 * While batches are on, the relay also queues what a read brought and sends it with one
 * {@code sendmmsg} per peer socket ({@code relay/Leg.send}).
 *
 * <p>Netty's epoll channel sizes each read from {@link Handle#guess()} and the channel's
 * {@code MAX_DATAGRAM_PAYLOAD_SIZE}: a buffer of one datagram is one {@code recvmsg}, a buffer of
 * {@code n} datagrams one {@code recvmmsg} of {@code n}. So one shared field flips every socket of
 * the block at once, at the next read. A party's own socket ({@link ConnectedSocket}) reads up to
 * {@link #batch()} datagrams per wakeup, one {@code recv} each, and records them here as well.
 * One per block, used on its loop only; holds no lock.
 */
public final class ReadBatch extends DefaultMaxMessagesRecvByteBufAllocator {
  /** How the batch size is chosen: always one datagram, adaptively, or always {@link #max}. */
  public enum Mode { OFF, ADAPTIVE, ON }

  public static final long TICK_MS = 20;
  static final long BEHIND_NS = TimeUnit.MILLISECONDS.toNanos(10);
  /** One late tick is a pause (a young GC takes up to ~30 ms here); a loop that is behind stays late. */
  static final int BEHIND_TICKS = 2;
  static final long WINDOW_NS = TimeUnit.SECONDS.toNanos(1);
  static final double STAY_RATIO = 1.25;
  /** Behind again within this long after catching up doubles the time batches stay on, up to a minute. */
  static final long REBOUND_NS = TimeUnit.SECONDS.toNanos(5);
  static final long MAX_HOLD_NS = TimeUnit.SECONDS.toNanos(64);

  private final int datagram;
  private final int max;
  private final Mode mode;
  private int batch;
  /** Reads and the datagrams they returned since the last switch or window. */
  private long reads;
  private long datagrams;
  private long nextTick;
  private int lateTicks;
  private long windowStart;
  private long switches;
  /** How long batches stay on at least, this time: a second, doubled on every rebound. */
  private long hold = WINDOW_NS;
  private long batchStarted;
  private long batchEnded;
  /** Whether a window of this batch period (of the last one) found datagrams queued. */
  private boolean backlog;
  private boolean lastBacklog;
  private boolean onEpoll;

  public ReadBatch(Mode mode, int datagram, int max, int readsPerWakeup) {
    super(readsPerWakeup);
    if (max < 1) {
      throw new IllegalArgumentException("batch of " + max + " datagrams, expected >= 1");
    }
    this.datagram = datagram;
    this.max = max;
    this.mode = max == 1 ? Mode.OFF : mode;
    this.batch = this.mode == Mode.ON ? max : 1;
  }

  /** Whether a channel must be told the datagram size: only then does Netty split a buffer. */
  public boolean batches() {
    return mode != Mode.OFF;
  }

  public int datagramSize() {
    return datagram;
  }

  /** Datagrams per read now. */
  public int batch() {
    return batch;
  }

  /** Times the block switched to batch reads. */
  public long switches() {
    return switches;
  }

  /** Call every {@link #TICK_MS} on the block's loop (a fixed-rate timer), with {@code System.nanoTime()}. */
  public void tick(long now) {
    if (nextTick == 0) {
      nextTick = now + TimeUnit.MILLISECONDS.toNanos(TICK_MS);
      return;
    }
    long late = now - nextTick;
    if (late < 0) {
      // Early means the schedule was anchored late: the first tick ran after a stall, and the timer's
      // catch-up ticks followed at once. Re-anchor, or every later delay would hide behind that one.
      late = 0;
      nextTick = now;
    }
    nextTick += TimeUnit.MILLISECONDS.toNanos(TICK_MS);
    if (mode != Mode.ADAPTIVE || !onEpoll) {
      return; // io_uring and NIO sockets read their own way: never report a batch they do not make
    }
    lateTicks = late >= BEHIND_NS ? lateTicks + 1 : 0;
    if (batch == 1) {
      if (lateTicks >= BEHIND_TICKS) {
        // Behind again soon after draining a backlog: the load sits at the edge, so batch for longer.
        hold = switches > 0 && lastBacklog && now - batchEnded < REBOUND_NS ? Math.min(hold * 2, MAX_HOLD_NS) : WINDOW_NS;
        batch = max;
        switches++;
        batchStarted = now;
        backlog = false;
        startWindow(now);
      }
    } else if (now - windowStart >= WINDOW_NS) {
      // Reads that take one datagram each cost Netty's recvmmsg a getsockopt more than a recvmsg.
      // Without a backlog so far they end the batches even if the loop is late: its lateness was not
      // the sockets' (the control plane, the JIT, a pause share the core). A drained backlog holds
      // them on for the hold, and while the loop is still late.
      if (datagrams > reads * STAY_RATIO) {
        backlog = true;
      } else if (!backlog || (late < BEHIND_NS && now - batchStarted >= hold)) { // also when idle
        batch = 1;
        batchEnded = now;
        lastBacklog = backlog;
      }
      startWindow(now);
    }
  }

  private void startWindow(long now) {
    windowStart = now;
    reads = 0;
    datagrams = 0;
  }

  /** An epoll socket reads through this allocator now ({@link SocketTuning#apply}). */
  void usedByEpoll() {
    onEpoll = true;
  }

  /** One read that returned {@code messages} datagrams. */
  void record(int messages) {
    reads++;
    datagrams += messages;
  }

  @Override
  public Handle newHandle() {
    return new BatchHandle();
  }

  private final class BatchHandle extends MaxMessageHandle {
    private int received;

    @Override
    public int guess() {
      return datagram * batch;
    }

    /** Netty reports a recvmmsg of n as n datagram sizes, a single read as its length, none as -1. */
    @Override
    public void lastBytesRead(int bytes) {
      super.lastBytesRead(bytes);
      if (bytes > 0) {
        received += (bytes + datagram - 1) / datagram;
      }
    }

    @Override
    public void readComplete() {
      if (batch > 1) {
        record(received);
      }
      received = 0;
    }
  }
}
