package rtpmesh.recording;

/**
 * One WAV file's (or forwarded stream's) timeline: audio is added at its sample position (from the packets' timestamps and
 * arrival), summed where streams overlap (the mixed file), and written once it is older than the
 * window, with silence wherever nothing was added (gaps, hold, pause). Audio that arrives later than
 * the window for a position already written is dropped.
 *
 * <p>Used by the writer thread only.
 */
final class PcmTrack {
  private final PcmOut out;
  private final int[] window;
  /** Samples written to the file so far (everything before this position is final). */
  private long flushed;
  /** Highest position that received audio, exclusive. */
  private long end;

  PcmTrack(PcmOut out, int windowSamples) {
    this.out = out;
    this.window = new int[windowSamples];
  }

  /** Adds {@code n} samples of {@code pcm} at position {@code pos} (samples since the recording began). */
  void add(long pos, short[] pcm, int n) {
    int skip = 0;
    if (pos < flushed) {
      skip = (int) Math.min(n, flushed - pos); // too late for what is already on disk
    }
    if (pos + n > flushed + window.length) {
      flushTo(pos + n - window.length);
    }
    for (int i = skip; i < n; i++) {
      window[(int) ((pos + i) % window.length)] += pcm[i];
    }
    end = Math.max(end, pos + n);
  }

  /** Writes everything before {@code pos}. */
  void flushTo(long pos) {
    while (flushed < pos) {
      int at = (int) (flushed % window.length);
      int n = (int) Math.min(pos - flushed, window.length - at);
      out.write(window, at, n);
      java.util.Arrays.fill(window, at, at + n, 0);
      flushed += n;
    }
  }

  /** Writes all, padded with silence to {@code length} samples, and closes the file. */
  void finish(long length) {
    flushTo(end);
    if (length > flushed) {
      out.silence(length - flushed);
      flushed = length;
    }
    out.close();
  }

  long position() {
    return flushed;
  }
}
