package rtpmesh.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class G711Test {
  // ITU-T G.711 Table 2a (µ-law): wire code (bits inverted) -> decoded value, 16-bit scale.
  @ParameterizedTest
  @CsvSource({
      "0xFF, 0",        // segment 0, step 0: zero
      "0x7F, 0",        // negative zero
      "0xFE, 8",        // first step: 2 units of the 14-bit scale
      "0x80, 32124",    // largest positive
      "0x00, -32124",   // largest negative
      "0xEF, 132",      // segment 1, step 0: (0x84 << 1) - 0x84
      "0xF0, 120",      // segment 0, last step: 15 units x 8
  })
  void ulawDecodesTable2a(String code, int linear) {
    assertEquals(linear, G711.ulawDecode(Integer.decode(code)));
  }

  // ITU-T G.711 Table 1a (A-law): even bits inverted (0x55) on the wire.
  @ParameterizedTest
  @CsvSource({
      "0xD5, 8",        // smallest positive: 1 unit of the 13-bit scale, x8
      "0x55, -8",
      "0xAA, 32256",    // largest positive: 4032 x 8
      "0x2A, -32256",
      "0xC5, 264",      // segment 1, step 0: 0x108
  })
  void alawDecodesTable1a(String code, int linear) {
    assertEquals(linear, G711.alawDecode(Integer.decode(code)));
  }

  @Test
  void encodesZeroAsTheTablesSay() {
    assertEquals((byte) 0xFF, G711.ulawEncode(0));
    assertEquals((byte) 0xD5, G711.alawEncode(0));
    assertEquals((byte) 0x80, G711.ulawEncode(32767));
    assertEquals((byte) 0x00, G711.ulawEncode(-32768));
    assertEquals((byte) 0xAA, G711.alawEncode(32767));
    assertEquals((byte) 0x2A, G711.alawEncode(-32768));
  }

  @Test
  void everyCodeSurvivesDecodeThenEncode() {
    for (int c = 0; c < 256; c++) {
      if (c != 0x7F) assertEquals((byte) c, G711.ulawEncode(G711.ulawDecode(c)), "µ-law code " + c);
      assertEquals((byte) c, G711.alawEncode(G711.alawDecode(c)), "A-law code " + c);
    }
  }

  @Test
  void decodingIsMonotonic() {
    for (int c = 0x00; c < 0x7F; c++) assertTrue(G711.ulawDecode(c) < G711.ulawDecode(c + 1));
    int prev = Integer.MIN_VALUE;
    for (int i = -32768; i <= 32767; i += 7) {
      int v = G711.alawDecode(G711.alawEncode(i));
      assertTrue(v >= prev, "A-law reconstruction must not go down at " + i);
      prev = v;
    }
  }

  @Test
  void sineRoundTripKeepsG711Quality() {
    short[] in = Signals.sine(1000, 8000, 8000, 10000);
    byte[] wire = new byte[in.length];
    short[] out = new short[in.length];
    for (G711.Ulaw u = new G711.Ulaw(); ; ) {
      u.encode(in, 0, in.length, wire, 0);
      u.decode(wire, 0, wire.length, out);
      break;
    }
    // G.711 gives ~38 dB SNR for a sine well inside its range.
    assertTrue(Signals.snr(in, out, 0, 8000, 0) > 35, "µ-law SNR");
    G711.Alaw a = new G711.Alaw();
    a.encode(in, 0, in.length, wire, 0);
    a.decode(wire, 0, wire.length, out);
    assertTrue(Signals.snr(in, out, 0, 8000, 0) > 35, "A-law SNR");
    assertEquals(1000, Signals.peakFrequency(out, 0, 4096, 8000), 8000.0 / 4096);
  }
}
