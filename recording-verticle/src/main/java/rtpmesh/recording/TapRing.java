package rtpmesh.recording;

import io.netty.buffer.ByteBuf;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-over of tapped packets from one media block to the writer thread: a fixed pool of
 * {@link Batch}es that the block fills and passes on through one {@link SpscQueue}, and that come
 * back empty through another. When every batch is in flight (the disk is slower than the media),
 * a packet is dropped and counted: the media loop never waits.
 *
 * <p>Producer methods ({@link #append}, {@link #handOver}) run on the block's loop only; consumer
 * methods ({@link #poll}, {@link #recycle}) on the writer thread only.
 */
final class TapRing {
  /** A partly filled batch goes to the writer after this long (ms), so files stay near real time. */
  static final long MAX_HOLD_MS = 100;

  final int block;
  private final SpscQueue<Batch> full;
  private final SpscQueue<Batch> free;
  private Batch current;
  private final AtomicLong dropped = new AtomicLong();

  TapRing(int block, int batches, int batchBytes) {
    this.block = block;
    full = new SpscQueue<>(batches);
    free = new SpscQueue<>(batches);
    for (int i = 0; i < batches; i++) {
      free.offer(new Batch(batchBytes));
    }
  }

  /** Producer: copies one packet in (see {@link Batch} for the record); drops it when no batch is free. */
  void append(int session, int legPort, boolean rtcp, ByteBuf packet, InetAddress source, int sourcePort,
              byte[] local, boolean localV6, int localPort, long nowMs) {
    int len = packet.readableBytes();
    int need = Batch.HEADER + len;
    Batch b = current;
    if (b != null && (b.buffer.remaining() < need || nowMs - b.firstAt > MAX_HOLD_MS)) {
      handOver();
      b = null;
    }
    if (b == null) {
      b = free.poll();
      if (b == null || b.buffer.capacity() < need) {
        if (b != null) {
          free.offer(b); // an oversized packet: cannot fit any batch
        }
        dropped.lazySet(dropped.get() + 1);
        return;
      }
      b.clear();
      b.firstAt = nowMs;
      current = b;
    }
    ByteBuffer out = b.buffer;
    boolean v6 = source instanceof Inet6Address || localV6;
    out.putInt(need).putInt(session).putShort((short) legPort)
        .put((byte) ((rtcp ? Batch.RTCP : 0) | (v6 ? Batch.IPV6 : 0))).put((byte) 0).putLong(nowMs);
    putAddress(out, source.getAddress());
    out.putInt(sourcePort);
    putAddress(out, local);
    out.putInt(localPort);
    packet.getBytes(packet.readerIndex(), b.data, out.position(), len);
    out.position(out.position() + len);
  }

  private static void putAddress(ByteBuffer out, byte[] address) {
    out.put(address);
    for (int i = address.length; i < 16; i++) {
      out.put((byte) 0);
    }
  }

  /** Producer: passes the batch being filled to the writer (a tap closing, or the batch's deadline). */
  void handOver() {
    Batch b = current;
    current = null;
    if (b != null && !b.isEmpty()) {
      full.offer(b); // never full: it holds at most every batch there is
    } else if (b != null) {
      free.offer(b);
    }
  }

  /** Consumer: the next filled batch, or null. */
  Batch poll() {
    return full.poll();
  }

  /** Consumer: gives a batch back once read. */
  void recycle(Batch b) {
    free.offer(b);
  }

  /** Packets dropped because every batch was in flight. */
  long dropped() {
    return dropped.get();
  }
}
