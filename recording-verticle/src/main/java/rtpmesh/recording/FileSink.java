package rtpmesh.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file written through a 64 KiB buffer on the writer thread. The first write error (disk full,
 * I/O error) is kept and reported once through {@link RecordingCounters}; later writes are dropped
 * so that one bad file costs no more than one failure.
 *
 * <p>Used by the writer thread only.
 */
final class FileSink {
  final Path path;
  private final FileChannel channel;
  private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
  private final RecordingCounters counters;
  private IOException failure;
  private long written;

  private FileSink(Path path, FileChannel channel, RecordingCounters counters) {
    this.path = path;
    this.channel = channel;
    this.counters = counters;
  }

  static FileSink create(Path path, RecordingCounters counters) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    return new FileSink(path, ch, counters);
  }

  /** Room for {@code n} bytes in the buffer (little-endian), flushing first if needed. */
  ByteBuffer reserve(int n) {
    if (buf.remaining() < n) {
      flush();
    }
    return buf.remaining() >= n ? buf : null;
  }

  void write(byte[] data, int off, int len) {
    while (len > 0) {
      if (!buf.hasRemaining()) {
        flush();
      }
      int n = Math.min(len, buf.remaining());
      buf.put(data, off, n);
      off += n;
      len -= n;
    }
  }

  void flush() {
    buf.flip();
    if (failure == null) {
      try {
        while (buf.hasRemaining()) {
          written += channel.write(buf);
        }
      } catch (IOException e) {
        fail(e);
      }
    }
    buf.clear();
  }

  /** Overwrites {@code data} at {@code position} (headers whose sizes are known at the end). */
  void patch(long position, ByteBuffer data) {
    if (failure != null) return;
    try {
      while (data.hasRemaining()) {
        position += channel.write(data, position);
      }
    } catch (IOException e) {
      fail(e);
    }
  }

  void close() {
    flush();
    try {
      channel.close();
    } catch (IOException e) {
      fail(e);
    }
  }

  private void fail(IOException e) {
    failure = e;
    counters.writeError(path, e);
  }

  boolean failed() {
    return failure != null;
  }

  long bytesWritten() {
    return written;
  }
}
