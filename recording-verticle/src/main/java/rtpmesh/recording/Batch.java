package rtpmesh.recording;

import java.nio.ByteBuffer;

/**
 * A preallocated buffer of tapped packets, filled on a media loop and read on the writer thread.
 * Each record: {@code int length} (of the whole record), {@code int session}, {@code short legPort},
 * {@code byte flags} ({@link #RTCP}, {@link #IPV6}), {@code byte 0}, {@code long arrival} (epoch ms),
 * {@code 16 bytes} source address (IPv4 in the first 4), {@code int} source port, {@code 16 bytes}
 * local address, {@code int} local port, then the packet. Big-endian.
 */
final class Batch {
  static final int HEADER = 4 + 4 + 2 + 1 + 1 + 8 + 16 + 4 + 16 + 4;
  static final int RTCP = 1;
  static final int IPV6 = 2;

  final byte[] data;
  final ByteBuffer buffer;
  /** When the first record went in (ms), for the producer's hand-over deadline. */
  long firstAt;

  Batch(int size) {
    data = new byte[size];
    buffer = ByteBuffer.wrap(data);
  }

  boolean isEmpty() {
    return buffer.position() == 0;
  }

  void clear() {
    buffer.clear();
  }
}
