package rtpmesh.media.codec;

/**
 * Test signals and measurements: sines, SNR after delay alignment, FFT peak frequency, the power of
 * one frequency (Goertzel). Shared with other modules' tests through the media-verticle test-jar.
 */
public final class Signals {
  private Signals() {}

  public static short[] sine(double freq, int rate, int samples, double amplitude) {
    short[] s = new short[samples];
    for (int i = 0; i < samples; i++) s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * freq * i / rate));
    return s;
  }

  /** Goertzel: the power of {@code hz} in {@code n} samples of {@code s} from {@code from}. */
  public static double power(short[] s, int from, int n, double hz, int rate) {
    double c = 2 * Math.cos(2 * Math.PI * hz / rate);
    double s1 = 0;
    double s2 = 0;
    for (int i = from; i < from + n; i++) {
      double s0 = s[i] + c * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    return s1 * s1 + s2 * s2 - c * s1 * s2;
  }

  /** The amplitude of the {@code hz} component of all of {@code s} (Goertzel). */
  public static double amplitude(short[] s, double hz, int rate) {
    return 2 * Math.sqrt(Math.max(0, power(s, 0, s.length, hz, rate))) / Math.max(1, s.length);
  }

  /** Every other sample of interleaved stereo: channel 0 or 1. */
  public static short[] channel(short[] interleaved, int samples, int ch) {
    short[] out = new short[samples];
    for (int i = 0; i < samples; i++) out[i] = interleaved[2 * i + ch];
    return out;
  }

  /**
   * SNR in dB of {@code out} against {@code ref} delayed by the lag (0..maxLag) that fits best, over
   * {@code n} samples from {@code from} in out (skipping the codec's start-up).
   */
  public static double snr(short[] ref, short[] out, int from, int n, int maxLag) {
    double best = Double.NEGATIVE_INFINITY;
    for (int lag = 0; lag <= maxLag; lag++) {
      double sig = 0;
      double err = 0;
      for (int i = from; i < from + n; i++) {
        double r = ref[i - lag];
        double e = out[i] - r;
        sig += r * r;
        err += e * e;
      }
      best = Math.max(best, 10 * Math.log10(sig / Math.max(err, 1e-9)));
    }
    return best;
  }

  /** Frequency of the strongest FFT bin over 2^k samples from {@code from} (Hann window). */
  public static double peakFrequency(short[] s, int from, int n, int rate) {
    if (Integer.bitCount(n) != 1) throw new IllegalArgumentException("n must be a power of 2");
    double[] re = new double[n];
    double[] im = new double[n];
    for (int i = 0; i < n; i++) re[i] = s[from + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1)));
    fft(re, im);
    int peak = 1;
    double max = 0;
    for (int k = 1; k < n / 2; k++) {
      double m = re[k] * re[k] + im[k] * im[k];
      if (m > max) {
        max = m;
        peak = k;
      }
    }
    return (double) peak * rate / n;
  }

  /**
   * SNR in dB of a tone at {@code freq}: the least-squares fit of a sine and cosine at that frequency
   * (any amplitude and phase, so any delay) against what is left over.
   */
  public static double toneSnr(short[] s, int from, int n, double freq, int rate) {
    double ss = 0, cc = 0, sc = 0, ys = 0, yc = 0;
    for (int i = from; i < from + n; i++) {
      double w = 2 * Math.PI * freq * i / rate;
      double si = Math.sin(w), ci = Math.cos(w);
      ss += si * si; cc += ci * ci; sc += si * ci; ys += s[i] * si; yc += s[i] * ci;
    }
    double det = ss * cc - sc * sc;
    double a = (ys * cc - yc * sc) / det;
    double b = (yc * ss - ys * sc) / det;
    double sig = 0, err = 0;
    for (int i = from; i < from + n; i++) {
      double w = 2 * Math.PI * freq * i / rate;
      double fit = a * Math.sin(w) + b * Math.cos(w);
      sig += fit * fit;
      err += (s[i] - fit) * (s[i] - fit);
    }
    return 10 * Math.log10(sig / Math.max(err, 1e-9));
  }

  /** RMS level of n samples. */
  public static double rms(short[] s, int from, int n) {
    double sum = 0;
    for (int i = from; i < from + n; i++) sum += (double) s[i] * s[i];
    return Math.sqrt(sum / n);
  }

  static void fft(double[] re, double[] im) {
    int n = re.length;
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) j ^= bit;
      j ^= bit;
      if (i < j) {
        double t = re[i]; re[i] = re[j]; re[j] = t;
        t = im[i]; im[i] = im[j]; im[j] = t;
      }
    }
    for (int len = 2; len <= n; len <<= 1) {
      double ang = -2 * Math.PI / len;
      for (int i = 0; i < n; i += len) {
        for (int k = 0; k < len / 2; k++) {
          double wr = Math.cos(ang * k);
          double wi = Math.sin(ang * k);
          int a = i + k;
          int b = a + len / 2;
          double xr = re[b] * wr - im[b] * wi;
          double xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }
}
