package rtpmesh.media.codec;

/**
 * RFC 3389 comfort noise: byte 0 is the noise level in -dBov (0..127), optional reflection
 * coefficients follow (ignored here). Between two peers that both negotiated CN the packets pass
 * through with their payload type mapped; towards a peer without CN they are turned into white noise
 * of the same level by {@link #fill}. One instance per stream direction, one thread.
 */
public final class ComfortNoise {
  private int seed = 0x1234567;

  /** True when the payload is a valid CN payload (1 byte level, reflection coefficients optional). */
  public static boolean valid(int length, byte[] p, int off) {
    return length >= 1 && (p[off] & 0x80) == 0;
  }

  public static int level(byte[] p, int off) {
    return p[off] & 0x7F;
  }

  /** White noise at {@code levelDbov} (-dBov, RMS relative to a full-scale sine's peak). */
  public void fill(int levelDbov, short[] pcm, int samples) {
    double rms = 32767.0 * Math.pow(10, -levelDbov / 20.0);
    // A uniform variable on [-a, a] has RMS a / sqrt(3).
    int a = (int) Math.min(32767, rms * Math.sqrt(3));
    for (int i = 0; i < samples; i++) {
      seed = seed * 1103515245 + 12345;
      pcm[i] = (short) (a == 0 ? 0 : ((seed >> 8) % (a + 1)));
    }
  }

  /** The -dBov level of PCM (for generating CN from silence; 127 for digital silence). */
  public static int levelOf(short[] pcm, int samples) {
    double sum = 0;
    for (int i = 0; i < samples; i++) sum += (double) pcm[i] * pcm[i];
    double rms = Math.sqrt(sum / Math.max(1, samples));
    if (rms < 1e-3) return 127;
    return (int) Math.min(127, Math.max(0, Math.round(-20 * Math.log10(rms / 32767.0))));
  }
}
