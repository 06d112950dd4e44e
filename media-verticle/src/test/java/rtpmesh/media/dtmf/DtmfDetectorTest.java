package rtpmesh.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import rtpmesh.media.codec.G711;

class DtmfDetectorTest {
  private static final String ALL = "0123456789*#ABCD";

  /** Digits of 80 ms with 80 ms gaps at -10 dBm0 per tone, Gaussian noise at {@code noiseRms}. */
  private static String detect(int rate, double noiseRms, boolean g711, long seed) {
    StringBuilder got = new StringBuilder();
    DtmfDetector d = new DtmfDetector(rate, (digit, ms) -> got.append(digit));
    DtmfTone tone = new DtmfTone(rate);
    Random noise = new Random(seed);
    int on = rate * 80 / 1000;
    short[] pcm = new short[on];
    for (char c : ALL.toCharArray()) {
      tone.fill(c, 10, pcm, 0, on);
      addNoise(pcm, noise, noiseRms, g711);
      d.process(pcm, 0, on);
      java.util.Arrays.fill(pcm, (short) 0);
      addNoise(pcm, noise, noiseRms, g711);
      d.process(pcm, 0, on);
    }
    return got.toString();
  }

  private static void addNoise(short[] pcm, Random r, double rms, boolean g711) {
    for (int i = 0; i < pcm.length; i++) {
      int v = (int) Math.round(pcm[i] + r.nextGaussian() * rms);
      v = Math.max(-32768, Math.min(32767, v));
      pcm[i] = g711 ? G711.ulawDecode(G711.ulawEncode(v)) : (short) v;
    }
  }

  @ParameterizedTest
  @CsvSource({"8000, 0, false", "8000, 300, true", "8000, 1000, true", "16000, 1000, false", "48000, 1000, false"})
  void everyDigitUnderNoise(int rate, double noiseRms, boolean g711) {
    // -10 dBm0 per tone is ~2270 peak; 1000 RMS noise is ~-6 dB SNR per tone's RMS... measured over the band.
    assertEquals(ALL, detect(rate, noiseRms, g711, 42));
  }

  @Test
  void noiseAloneAndASingleToneAreNoDigits() {
    StringBuilder got = new StringBuilder();
    DtmfDetector d = new DtmfDetector(8000, (digit, ms) -> got.append(digit));
    Random r = new Random(7);
    short[] pcm = new short[8000];
    for (int i = 0; i < pcm.length; i++) pcm[i] = (short) (r.nextGaussian() * 3000);
    d.process(pcm, 0, pcm.length);
    for (int i = 0; i < pcm.length; i++) pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * i / 8000));
    d.process(pcm, 0, pcm.length);
    for (int i = 0; i < pcm.length; i++) pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 697 * i / 8000));
    d.process(pcm, 0, pcm.length);
    assertEquals("", got.toString());
  }

  @Test
  void durationIsReported() {
    int[] ms = new int[1];
    DtmfDetector d = new DtmfDetector(8000, (digit, m) -> ms[0] = m);
    short[] pcm = new short[1600];
    new DtmfTone(8000).fill('5', 6, pcm, 0, 1600);
    d.process(pcm, 0, 1600);
    d.process(new short[800], 0, 800);
    assertEquals(200, ms[0], 15);
  }
}
