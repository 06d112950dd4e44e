package rtpmesh.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TelephoneEventTest {
  @Test
  void rfc4733Section23Layout() {
    // RFC 4733 §2.3: event 5, E=1, volume 10 (-10 dBm0), duration 800 (100 ms at 8000 Hz).
    byte[] p = {0, 0x05, (byte) 0x8A, 0x03, 0x20};
    assertEquals(5, TelephoneEvent.event(p, 1));
    assertTrue(TelephoneEvent.end(p, 1));
    assertEquals(10, TelephoneEvent.volume(p, 1));
    assertEquals(800, TelephoneEvent.duration(p, 1));
    byte[] w = new byte[5];
    TelephoneEvent.write(w, 1, 5, true, 10, 800);
    assertEquals(java.util.Arrays.toString(p), java.util.Arrays.toString(w));
    TelephoneEvent.write(w, 0, 11, false, 99, 65535);
    assertFalse(TelephoneEvent.end(w, 0));
    assertEquals(63, TelephoneEvent.volume(w, 0));
    assertEquals(65535, TelephoneEvent.duration(w, 0));
  }

  @Test
  void digitsOfRfc4733Section32() {
    assertEquals('#', TelephoneEvent.digit(11));
    assertEquals('*', TelephoneEvent.digit(10));
    assertEquals('D', TelephoneEvent.digit(15));
    assertEquals(0, TelephoneEvent.digit(16));
    assertEquals(12, TelephoneEvent.eventOf('a'));
    assertEquals(-1, TelephoneEvent.eventOf('x'));
  }

  @Test
  void comfortNoiseLevelRoundTrip() {
    short[] pcm = new short[1600];
    new ComfortNoise().fill(40, pcm, 1600);
    assertEquals(40, ComfortNoise.levelOf(pcm, 1600), 1);
    assertEquals(127, ComfortNoise.levelOf(new short[160], 160));
    assertTrue(ComfortNoise.valid(1, new byte[] {40}, 0));
    assertFalse(ComfortNoise.valid(1, new byte[] {(byte) 0x80}, 0));
  }
}
