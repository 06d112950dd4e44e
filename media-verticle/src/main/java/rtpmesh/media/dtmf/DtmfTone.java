package rtpmesh.media.dtmf;

/**
 * Generates the dual tone of a DTMF digit (ITU-T Q.23: one row and one column frequency) as PCM,
 * phase-continuous across calls so that an event spread over several packets has no clicks. One
 * stream direction, one thread.
 */
public final class DtmfTone {
  static final double[] ROWS = {697, 770, 852, 941};
  static final double[] COLS = {1209, 1336, 1477, 1633};
  private static final String KEYS = "123A456B789C*0#D";

  private final int rate;
  private double phaseLow;
  private double phaseHigh;

  public DtmfTone(int rate) {
    this.rate = rate;
  }

  /** Row and column frequency of a digit, or null for an unknown one. */
  public static double[] frequencies(char digit) {
    int k = KEYS.indexOf(Character.toUpperCase(digit));
    return k < 0 ? null : new double[] {ROWS[k / 4], COLS[k % 4]};
  }

  /** The digit of a row/column pair (indexes 0..3). */
  static char digit(int row, int col) {
    return KEYS.charAt(row * 4 + col);
  }

  /**
   * Writes {@code samples} of the digit's tone at {@code volume} (dBm0 below 0, as RFC 4733's volume
   * field: 0..63; each of the two tones gets that level) into {@code pcm} from {@code off}.
   */
  public void fill(char digit, int volume, short[] pcm, int off, int samples) {
    double[] f = frequencies(digit);
    if (f == null) {
      java.util.Arrays.fill(pcm, off, off + samples, (short) 0);
      return;
    }
    // 0 dBm0 is a sine of peak 32767 / 10^(3.14/20) (G.711's overload point is +3.14 dBm0).
    double amp = 32767 / Math.pow(10, 3.14 / 20) * Math.pow(10, -Math.min(63, Math.max(0, volume)) / 20.0);
    double dl = 2 * Math.PI * f[0] / rate;
    double dh = 2 * Math.PI * f[1] / rate;
    for (int i = 0; i < samples; i++) {
      double v = amp * (Math.sin(phaseLow) + Math.sin(phaseHigh));
      pcm[off + i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
      phaseLow += dl;
      phaseHigh += dh;
    }
    phaseLow %= 2 * Math.PI;
    phaseHigh %= 2 * Math.PI;
  }

  public void reset() {
    phaseLow = 0;
    phaseHigh = 0;
  }
}
