package rtpmesh.recording;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.util.logging.Logger;

/**
 * One forwarding call's socket: records go out without ever blocking the writer thread. UDP sends
 * each record as a datagram; TCP queues length-prefixed records in a bounded buffer flushed whenever
 * the socket takes more. A record that does not fit (slow or absent receiver, connection refused or
 * not yet up) is dropped and counted; a broken TCP connection is reconnected after a second.
 *
 * <p>Used by the writer thread only.
 */
final class ForwardSink {
  private static final Logger LOG = Logger.getLogger(ForwardSink.class.getName());
  private static final int TCP_BUFFER = 256 * 1024;
  private static final long RECONNECT_MS = 1000;

  private final ForwardTarget target;
  private final RecordingCounters counters;
  private final ByteBuffer record = ByteBuffer.allocate(4 + ForwardChunk.HEADER + 2 * ForwardChunk.SAMPLES);
  private DatagramChannel udp;
  private SocketChannel tcp;
  private ByteBuffer pending;
  private long retryAt;
  private boolean warned;

  ForwardSink(ForwardTarget target, RecordingCounters counters) {
    this.target = target;
    this.counters = counters;
    if (target.tcp()) {
      pending = ByteBuffer.allocate(TCP_BUFFER);
      pending.flip();
    }
  }

  ForwardTarget target() {
    return target;
  }

  /** A buffer for one record: fill it with {@link ForwardChunk#encode}, then {@link #send}. */
  ByteBuffer buffer() {
    record.clear();
    if (target.tcp()) record.position(4);
    return record;
  }

  void send() {
    record.flip();
    try {
      if (target.tcp()) {
        sendTcp();
      } else {
        sendUdp();
      }
    } catch (IOException | RuntimeException e) {
      counters.forwardDropped.increment();
      problem(e);
      closeChannels();
      retryAt = System.currentTimeMillis() + RECONNECT_MS;
    }
  }

  private void sendUdp() throws IOException {
    if (udp == null) {
      if (System.currentTimeMillis() < retryAt) {
        counters.forwardDropped.increment();
        return;
      }
      udp = DatagramChannel.open();
      udp.configureBlocking(false);
      udp.connect(new InetSocketAddress(target.host(), target.port()));
    }
    if (udp.write(record) > 0) {
      counters.forwarded.increment();
    } else {
      counters.forwardDropped.increment(); // socket buffer full
    }
  }

  private void sendTcp() throws IOException {
    record.putInt(0, record.limit() - 4);
    if (tcp == null) {
      if (System.currentTimeMillis() < retryAt) {
        counters.forwardDropped.increment();
        return;
      }
      tcp = SocketChannel.open();
      tcp.configureBlocking(false);
      tcp.connect(new InetSocketAddress(target.host(), target.port()));
      pending.clear().flip();
    }
    if (tcp.isConnectionPending() && !tcp.finishConnect()) {
      counters.forwardDropped.increment(); // not up yet: nothing is queued for a receiver that may never be there
      return;
    }
    flush();
    pending.compact();
    if (pending.remaining() >= record.remaining()) {
      pending.put(record);
      counters.forwarded.increment();
    } else {
      counters.forwardDropped.increment(); // the receiver is too slow: drop rather than wait
    }
    pending.flip();
    flush();
  }

  private void flush() throws IOException {
    if (tcp != null && tcp.isConnected() && pending.hasRemaining()) {
      tcp.write(pending);
    }
  }

  private void problem(Exception e) {
    if (!warned) {
      warned = true;
      LOG.warning("forwarding to " + target + ": " + e + " (chunks are dropped until it works; media goes on)");
    }
  }

  private void closeChannels() {
    try {
      if (udp != null) udp.close();
      if (tcp != null) tcp.close();
    } catch (IOException e) {
      // closing anyway
    }
    udp = null;
    tcp = null;
  }

  /** Sends what is queued if the socket takes it now, and closes. */
  void close() {
    try {
      flush();
    } catch (IOException e) {
      // the receiver is gone: what is queued is lost
    }
    closeChannels();
  }
}
