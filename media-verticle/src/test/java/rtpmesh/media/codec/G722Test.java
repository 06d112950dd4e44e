package rtpmesh.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class G722Test {
  /** No ITU test sequences are available here; a sine round trip measures the codec instead. */
  @ParameterizedTest
  @ValueSource(ints = {300, 1000, 3000, 6000})
  void sineRoundTrip(int freq) {
    int n = 16000;
    short[] in = Signals.sine(freq, 16000, n, 8000);
    byte[] wire = new byte[n / 2];
    short[] out = new short[n];
    G722Encoder enc = new G722Encoder();
    G722Decoder dec = new G722Decoder();
    // 20 ms packets: 320 samples -> 160 bytes (8000 Hz RTP clock, RFC 3551 §4.5.2).
    for (int f = 0; f < n / 320; f++) {
      assertEquals(160, enc.encode(in, f * 320, 320, wire, f * 160));
    }
    short[] frame = new short[320];
    for (int f = 0; f < n / 320; f++) {
      assertEquals(320, dec.decode(wire, f * 160, 160, frame));
      System.arraycopy(frame, 0, out, f * 320, 320);
    }
    double snr = Signals.snr(in, out, 4000, 8000, 64);
    assertTrue(snr > (freq < 4000 ? 20 : 10), "SNR " + snr + " dB at " + freq + " Hz");
    assertEquals(freq, Signals.peakFrequency(out, 4000, 8192, 16000), 16000.0 / 8192 * 1.01);
  }

  @Test
  void silenceStaysQuiet() {
    short[] in = new short[3200];
    byte[] wire = new byte[1600];
    short[] out = new short[3200];
    new G722Encoder().encode(in, 0, 3200, wire, 0);
    new G722Decoder().decode(wire, 0, 1600, out);
    assertTrue(Signals.rms(out, 1600, 1600) < 20);
  }
}
