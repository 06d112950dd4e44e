package rtpmesh.media.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.TlsTimeoutException;

/**
 * The {@link DatagramTransport} under BouncyCastle's record layer: datagrams come from the event
 * loop through a bounded queue, and go back to it through {@code outbound}.
 *
 * <p>Two modes. While a pool thread runs the handshake, {@link #receive} waits on the queue (BC
 * passes its retransmission timer as the wait) but never past the handshake deadline. Once the
 * event loop owns the association ({@link #makeNonBlocking}), {@link #receive} never waits: an
 * empty queue ends BC's read loop with {@link WouldBlock}, which BC passes through untouched
 * because it is an {@link InterruptedIOException}.
 *
 * <p>Thread-safe: the queue and the flags are the only state the two threads share.
 */
final class HandoffTransport implements DatagramTransport {
  /** Thrown in non-blocking mode when no datagram is queued. Preallocated; no stack trace. */
  static final class WouldBlock extends InterruptedIOException {
    static final WouldBlock INSTANCE = new WouldBlock();

    private WouldBlock() {
      super("no datagram queued");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  // Browsers keep handshake datagrams under ~1200 bytes to survive tunnels; so do we.
  private static final int SEND_LIMIT = 1200;
  private static final int RECEIVE_LIMIT = 1 << 14;
  private static final byte[] CLOSED = new byte[0];
  private static final long MAX_WAIT_MILLIS = 1000;

  private final ArrayBlockingQueue<byte[]> inbound;
  private final Consumer<byte[]> outbound;
  private volatile boolean closed;
  private volatile boolean nonBlocking;
  private volatile long deadlineNanos = Long.MAX_VALUE;

  HandoffTransport(int queueCapacity, Consumer<byte[]> outbound) {
    this.inbound = new ArrayBlockingQueue<>(queueCapacity);
    this.outbound = outbound;
  }

  /** Queues a datagram from the event loop; false when the queue is full or closed. */
  boolean offer(byte[] datagram) {
    return !closed && inbound.offer(datagram);
  }

  boolean hasQueued() {
    return !inbound.isEmpty();
  }

  /** The handshake fails with a timeout once this passes, whatever BC's own timers say. */
  void setDeadline(long nanoTime) {
    this.deadlineNanos = nanoTime;
  }

  /** Hands the association to the event loop: from now on receive never waits. */
  void makeNonBlocking() {
    nonBlocking = true;
  }

  boolean isNonBlocking() {
    return nonBlocking;
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public int getReceiveLimit() {
    return RECEIVE_LIMIT;
  }

  @Override
  public int getSendLimit() {
    return SEND_LIMIT;
  }

  @Override
  public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
    byte[] datagram = nonBlocking ? inbound.poll() : take(waitMillis);
    if (datagram == null) {
      if (nonBlocking) {
        throw WouldBlock.INSTANCE;
      }
      return -1; // BC reads -1 as "timer expired": retransmit and wait again
    }
    if (datagram == CLOSED) {
      inbound.offer(CLOSED); // keep waking whoever reads next
      if (nonBlocking) {
        throw WouldBlock.INSTANCE;
      }
      throw new IOException("transport closed");
    }
    int n = Math.min(len, datagram.length);
    System.arraycopy(datagram, 0, buf, off, n);
    return n;
  }

  private byte[] take(int waitMillis) throws IOException {
    long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    if (left <= 0) {
      throw new TlsTimeoutException("handshake deadline passed");
    }
    long wait = Math.min(left, waitMillis > 0 ? waitMillis : MAX_WAIT_MILLIS);
    try {
      return inbound.poll(wait, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("handshake interrupted", e);
    }
  }

  @Override
  public void send(byte[] buf, int off, int len) {
    if (!closed) {
      byte[] copy = new byte[len];
      System.arraycopy(buf, off, copy, 0, len);
      outbound.accept(copy);
    }
  }

  /** Closes for good; wakes a handshake waiting in {@link #receive}. BC calls it too. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      inbound.clear();
      inbound.offer(CLOSED);
    }
  }
}
