package rtpmesh.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A RIFF/WAVE file of 16-bit mono linear PCM. The header's sizes are written as 0 and patched on
 * {@link #close}, so a file cut short (crash) is still readable by most players.
 *
 * <p>Used by the writer thread only.
 */
final class WavWriter implements PcmOut {
  private final FileSink sink;
  private final int rate;
  private long samples;

  WavWriter(FileSink sink, int rate) {
    this.sink = sink;
    this.rate = rate;
    ByteBuffer b = sink.reserve(44);
    if (b != null) {
      b.put((byte) 'R').put((byte) 'I').put((byte) 'F').put((byte) 'F').putInt(0)
          .put((byte) 'W').put((byte) 'A').put((byte) 'V').put((byte) 'E')
          .put((byte) 'f').put((byte) 'm').put((byte) 't').put((byte) ' ').putInt(16)
          .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
          .put((byte) 'd').put((byte) 'a').put((byte) 't').put((byte) 'a').putInt(0);
    }
  }

  static WavWriter create(Path path, int rate, RecordingCounters counters) throws IOException {
    return new WavWriter(FileSink.create(path, counters), rate);
  }

  @Override
  public void write(int[] pcm, int off, int n) {
    for (int i = 0; i < n; ) {
      ByteBuffer b = sink.reserve(2);
      if (b == null) return;
      int chunk = Math.min(n - i, b.remaining() / 2);
      for (int k = 0; k < chunk; k++, i++) {
        int v = pcm[off + i];
        b.putShort((short) (v > Short.MAX_VALUE ? Short.MAX_VALUE : v < Short.MIN_VALUE ? Short.MIN_VALUE : v));
      }
      samples += chunk;
    }
  }

  @Override
  public void silence(long n) {
    while (n > 0) {
      ByteBuffer b = sink.reserve(2);
      if (b == null) return;
      int chunk = (int) Math.min(n, b.remaining() / 2);
      for (int k = 0; k < chunk; k++) {
        b.putShort((short) 0);
      }
      samples += chunk;
      n -= chunk;
    }
  }

  long samples() {
    return samples;
  }

  int rate() {
    return rate;
  }

  @Override
  public void close() {
    sink.flush();
    long data = samples * 2;
    ByteBuffer riff = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) (36 + data)).flip();
    sink.patch(4, riff);
    ByteBuffer size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) data).flip();
    sink.patch(40, size);
    sink.close();
  }

  Path path() {
    return sink.path;
  }
}
