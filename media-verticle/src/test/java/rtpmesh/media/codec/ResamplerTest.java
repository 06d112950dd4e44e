package rtpmesh.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {
  /** 20 ms blocks in; every block gives exactly 20 ms out, and a tone keeps its frequency and level. */
  @ParameterizedTest
  @CsvSource({"8000, 16000, 1000", "16000, 8000, 1000", "8000, 48000, 440", "48000, 8000, 2500", "16000, 48000, 5000", "48000, 16000, 1000"})
  void toneSurvivesAtTheNewRate(int from, int to, int freq) {
    Resampler r = new Resampler(from, to);
    short[] in = Signals.sine(freq, from, from, 10000);
    short[] out = new short[to];
    short[] block = new short[to / 50];
    for (int f = 0; f < 50; f++) {
      int n = r.process(in, f * from / 50, from / 50, block);
      assertEquals(to / 50, n);
      System.arraycopy(block, 0, out, f * to / 50, n);
    }
    double snr = Signals.toneSnr(out, to / 4, to / 2, freq, to);
    assertTrue(snr > 40, from + "->" + to + " SNR " + snr);
    assertEquals(10000 / Math.sqrt(2), Signals.rms(out, to / 4, to / 2), 10000 * 0.03, "passband gain ~1");
    int n = Integer.highestOneBit(to / 2);
    assertEquals(freq, Signals.peakFrequency(out, to / 4, n, to), (double) to / n * 1.01);
  }

  @ParameterizedTest
  @CsvSource({"48000, 8000, 6000", "16000, 8000, 5000"})
  void aliasesAreSuppressedWhenDecimating(int from, int to, int freq) {
    // A tone above the new Nyquist frequency must vanish, not fold back into the band.
    Resampler r = new Resampler(from, to);
    short[] in = Signals.sine(freq, from, from, 10000);
    short[] out = new short[to];
    int n = r.process(in, 0, from, out);
    assertEquals(to, n);
    assertTrue(Signals.rms(out, to / 4, to / 2) < 10000 / Math.sqrt(2) / 100, "alias attenuated by > 40 dB");
  }
}
