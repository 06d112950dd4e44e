package rtpmesh.media.dtmf;

/**
 * In-band DTMF detection with the Goertzel algorithm on the eight Q.23 frequencies, over blocks of
 * about 12.5 ms. A block holds a digit when its strongest row and column tones carry most of the
 * block's energy, each clearly beats the other tones of its group and the two are within twist limits
 * (Q.24: -8 dB normal, +4 dB reverse twist). A digit is reported once it held for 3 blocks (~40 ms,
 * Q.24's minimum) and ends after 2 blocks without it; the listener then gets digit and duration.
 * One stream direction, one thread; no allocation per sample block.
 */
public final class DtmfDetector {
  /** Gets a digit when it ends (or, for {@link #onStart}, when it is first recognised). */
  public interface Listener {
    void digit(char digit, int durationMs);
  }

  private static final int HOLD_BLOCKS = 3;
  private static final int GAP_BLOCKS = 2;

  private final int rate;
  private final int block;
  private final double[] coeff = new double[8];
  private final Listener listener;
  private int filled;
  private final double[] s1 = new double[8];
  private final double[] s2 = new double[8];
  private double energy;

  private char candidate;
  private int candidateBlocks;
  private char current;
  private int currentBlocks;
  private int missing;

  public DtmfDetector(int rate, Listener listener) {
    this.rate = rate;
    this.block = rate / 80;
    this.listener = listener;
    for (int i = 0; i < 4; i++) {
      coeff[i] = 2 * Math.cos(2 * Math.PI * DtmfTone.ROWS[i] / rate);
      coeff[4 + i] = 2 * Math.cos(2 * Math.PI * DtmfTone.COLS[i] / rate);
    }
  }

  /** The digit being heard now (0 = none). */
  public char current() {
    return current;
  }

  public void process(short[] pcm, int off, int n) {
    for (int i = 0; i < n; i++) {
      double x = pcm[off + i];
      energy += x * x;
      for (int k = 0; k < 8; k++) {
        double s = x + coeff[k] * s1[k] - s2[k];
        s2[k] = s1[k];
        s1[k] = s;
      }
      if (++filled == block) {
        blockDone(classify());
        filled = 0;
        energy = 0;
        java.util.Arrays.fill(s1, 0);
        java.util.Arrays.fill(s2, 0);
      }
    }
  }

  private char classify() {
    double[] p = new double[8];
    for (int k = 0; k < 8; k++) p[k] = s1[k] * s1[k] + s2[k] * s2[k] - coeff[k] * s1[k] * s2[k];
    int row = argmax(p, 0);
    int col = argmax(p, 4);
    double r = p[row];
    double c = p[col];
    // Goertzel power of a sine of amplitude A over N samples is (A N / 2)^2; the block energy is A^2 N / 2.
    double toneEnergy = 2 * (r + c) / block;
    if (energy <= 0 || toneEnergy < 0.6 * energy || r + c < block * block * 1e3) return 0;
    if (c < r * 0.158 || r < c * 0.4) return 0; // twist: column 8 dB below or 4 dB above the row
    for (int k = 0; k < 4; k++) {
      if (k != row && p[k] * 6.3 > r) return 0;
      if (4 + k != col && p[4 + k] * 6.3 > c) return 0;
    }
    return DtmfTone.digit(row, col - 4);
  }

  private static int argmax(double[] p, int from) {
    int best = from;
    for (int k = from + 1; k < from + 4; k++) if (p[k] > p[best]) best = k;
    return best;
  }

  private void blockDone(char d) {
    if (current != 0) {
      if (d == current) {
        currentBlocks++;
        missing = 0;
        return;
      }
      if (++missing < GAP_BLOCKS) {
        currentBlocks++;
        return;
      }
      listener.digit(current, (currentBlocks - missing + 1) * 1000 * block / rate);
      current = 0;
      missing = 0;
    }
    if (d != 0 && d == candidate) {
      if (++candidateBlocks >= HOLD_BLOCKS) {
        current = d;
        currentBlocks = candidateBlocks;
        candidate = 0;
        candidateBlocks = 0;
      }
    } else {
      candidate = d;
      candidateBlocks = d == 0 ? 0 : 1;
    }
  }
}
