package rtpmesh.media.codec;

/**
 * A polyphase windowed-sinc resampler for rational rate ratios (8, 16, 48 kHz and the like), mono.
 * Each output sample costs {@code taps} multiply-adds (24 per input-rate phase, more when
 * decimating so that the anti-alias filter stays as sharp); the passband ends at 90% of the lower
 * Nyquist frequency. Keeps its history across calls: one instance per stream direction, one thread.
 */
public final class Resampler {
  private static final int TAPS_PER_PHASE = 24;

  private final int inRate;
  private final int outRate;
  private final int up;
  private final int down;
  private final int taps;
  private final float[] h;
  private float[] buf;
  /** Position of the next output sample, in 1/up input samples from the start of the next input block. */
  private long t;

  public Resampler(int inRate, int outRate) {
    if (inRate <= 0 || outRate <= 0) throw new IllegalArgumentException("rates must be > 0");
    this.inRate = inRate;
    this.outRate = outRate;
    int g = gcd(inRate, outRate);
    this.up = outRate / g;
    this.down = inRate / g;
    this.taps = TAPS_PER_PHASE * Math.max(1, down / Math.max(1, up));
    this.h = design(up, taps, Math.min(inRate, outRate) * 0.45 / ((double) inRate * up));
    this.buf = new float[taps - 1 + 960];
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /** Blackman-windowed sinc low-pass of up*taps coefficients, cutoff fc (fraction of the upsampled rate), gain up. */
  private static float[] design(int up, int taps, double fc) {
    int n = up * taps;
    float[] h = new float[n];
    double mid = (n - 1) / 2.0;
    for (int m = 0; m < n; m++) {
      double x = m - mid;
      double sinc = x == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
      double w = 0.42 - 0.5 * Math.cos(2 * Math.PI * m / (n - 1)) + 0.08 * Math.cos(4 * Math.PI * m / (n - 1));
      h[m] = (float) (sinc * w * up);
    }
    return h;
  }

  /** Output samples that {@code inSamples} more input samples will give (exact for this call). */
  public int outputFor(int inSamples) {
    long end = (long) inSamples * up;
    return t >= end ? 0 : (int) ((end - t + down - 1) / down);
  }

  /** Resamples {@code n} samples from {@code in[off]} into {@code out} from index 0; returns samples written. */
  public int process(short[] in, int off, int n, short[] out) {
    int hist = taps - 1;
    if (buf.length < hist + n) {
      float[] bigger = new float[hist + n];
      System.arraycopy(buf, 0, bigger, 0, hist);
      buf = bigger;
    }
    for (int i = 0; i < n; i++) buf[hist + i] = in[off + i];
    int written = 0;
    long end = (long) n * up;
    while (t < end) {
      int base = (int) (t / up);
      int phase = (int) (t % up);
      float acc = 0;
      int xi = hist + base;
      for (int k = 0, hi = phase; k < taps; k++, hi += up) acc += h[hi] * buf[xi - k];
      int v = Math.round(acc);
      out[written++] = (short) (v > 32767 ? 32767 : Math.max(v, -32768));
      t += down;
    }
    t -= end;
    System.arraycopy(buf, n, buf, 0, hist);
    return written;
  }

  public int inRate() {
    return inRate;
  }

  public int outRate() {
    return outRate;
  }
}
