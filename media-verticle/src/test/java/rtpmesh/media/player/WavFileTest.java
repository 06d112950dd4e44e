package rtpmesh.media.player;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import rtpmesh.media.codec.G711;
import rtpmesh.media.codec.Signals;

class WavFileTest {
  /** A canonical 44-byte header for 16-bit mono PCM at 8000 Hz with two samples (1, -2), byte by byte. */
  private static final String PCM16_8K_TWO_SAMPLES =
      "52494646" + "28000000" + "57415645"   // "RIFF", size 40, "WAVE"
      + "666d7420" + "10000000"              // "fmt ", 16 bytes
      + "0100" + "0100" + "401f0000"         // format 1 (PCM), 1 channel, 8000 Hz
      + "803e0000" + "0200" + "1000"         // 16000 bytes/s, block align 2, 16 bits
      + "64617461" + "04000000"              // "data", 4 bytes
      + "0100" + "feff";                     // samples 1 and -2, little-endian

  @Test
  void decodesCanonicalPcm16Header() {
    PcmClip clip = WavFile.decode(HexFormat.of().parseHex(PCM16_8K_TWO_SAMPLES));
    assertEquals(8000, clip.rate());
    assertArrayEquals(new short[] {1, -2}, clip.samples());
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000, 48000})
  void pcm16RoundTripsAtEachRate(int rate) {
    short[] tone = Signals.sine(1000, rate, rate / 2, 8000);
    PcmClip clip = WavFile.decode(WavFile.encodePcm16(tone, rate));
    assertEquals(rate, clip.rate());
    assertArrayEquals(tone, clip.samples());
    assertEquals(500, clip.durationMs());
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void g711DecodesThroughTheLawTable(boolean alaw) {
    short[] tone = Signals.sine(1000, 8000, 800, 8000);
    PcmClip clip = WavFile.decode(WavFile.encodeG711(tone, 8000, alaw));
    for (int i = 0; i < tone.length; i++) {
      short expected = alaw ? G711.alawDecode(G711.alawEncode(tone[i]) & 0xFF) : G711.ulawDecode(G711.ulawEncode(tone[i]) & 0xFF);
      assertEquals(expected, clip.samples()[i], "sample " + i);
    }
    assertEquals(1000, Signals.peakFrequency(clip.samples(), 0, 512, 8000), 16.0);
  }

  @Test
  void skipsUnknownChunksAndPadding() {
    byte[] plain = HexFormat.of().parseHex(PCM16_8K_TWO_SAMPLES);
    // A 3-byte "LIST" chunk (padded to 4) between fmt and data, as many editors write.
    byte[] list = HexFormat.of().parseHex("4c495354" + "03000000" + "616263" + "00");
    byte[] wav = new byte[plain.length + list.length];
    System.arraycopy(plain, 0, wav, 0, 36);
    System.arraycopy(list, 0, wav, 36, list.length);
    System.arraycopy(plain, 36, wav, 36 + list.length, plain.length - 36);
    assertArrayEquals(new short[] {1, -2}, WavFile.decode(wav).samples());
  }

  @Test
  void stereoIsAveragedToMono() {
    byte[] wav = HexFormat.of().parseHex(PCM16_8K_TWO_SAMPLES);
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(22, (short) 2).putShort(32, (short) 4); // 2 channels, block align 4: one frame (1, -2)
    assertArrayEquals(new short[] {0}, WavFile.decode(wav).samples()); // (1 + -2) / 2 rounds to 0
  }

  @Test
  void truncatedDataPlaysWhatIsThere() {
    byte[] wav = HexFormat.of().parseHex(PCM16_8K_TWO_SAMPLES);
    assertArrayEquals(new short[] {1}, WavFile.decode(Arrays.copyOf(wav, wav.length - 2)).samples());
  }

  @Test
  void extensibleFormatUsesItsSubFormat() {
    short[] tone = Signals.sine(440, 16000, 320, 4000);
    byte[] plain = WavFile.encodePcm16(tone, 16000);
    ByteBuffer b = ByteBuffer.allocate(plain.length + 24).order(ByteOrder.LITTLE_ENDIAN);
    b.put(plain, 0, 12).putInt(0x20746d66).putInt(40);
    b.put(plain, 20, 16);                        // the plain fmt fields
    b.putShort(20, (short) 0xFFFE);              // WAVE_FORMAT_EXTENSIBLE
    b.putShort((short) 22).putShort((short) 16).putInt(4); // cbSize, valid bits, channel mask
    b.putShort((short) 1).put(new byte[14]);     // sub-format GUID starting with PCM (1)
    b.put(plain, 36, plain.length - 36);
    assertArrayEquals(tone, WavFile.decode(b.array()).samples());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "not RIFF, 4E4F5045, Not a WAV file",
      "too short, 52494646, Not a WAV file",
      "no fmt, 524946460400000057415645, WAV file without fmt chunk",
  })
  void refusesMalformedHeaders(String name, String hex, String reason) {
    WavException e = assertThrows(WavException.class, () -> WavFile.decode(HexFormat.of().parseHex(hex)));
    assertTrue(e.getMessage().startsWith(reason), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "8-bit PCM, 34, 8, Unsupported WAV PCM sample size 8 bits",
      "format 3 (float), 20, 3, Unsupported WAV format 3",
      "6 channels, 22, 6, Unsupported WAV channel count 6",
  })
  void refusesUnsupportedFormats(String name, int offset, int value, String reason) {
    byte[] wav = HexFormat.of().parseHex(PCM16_8K_TWO_SAMPLES);
    ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putShort(offset, (short) value);
    WavException e = assertThrows(WavException.class, () -> WavFile.decode(wav));
    assertTrue(e.getMessage().startsWith(reason), e.getMessage());
  }

  @Test
  void refusesRatesOutsideWhatWeResample() {
    byte[] wav = WavFile.encodePcm16(new short[10], 4000);
    assertEquals("Unsupported WAV sample rate 4000 Hz, expected 8000-48000", assertThrows(WavException.class, () -> WavFile.decode(wav)).getMessage());
  }

  @Test
  void clipPlayerPlaysRepeatsAndStartsAtAFrame() {
    var pcmu = new rtpmesh.media.transcode.CodecSpec(0, "PCMU", 8000, 1, null, 20, -1, -1);
    PcmClip clip = new PcmClip(new short[8000], 8000); // 1 s: 50 frames of 20 ms
    ClipPlayer p = new ClipPlayer(clip, pcmu, 2, 45);
    byte[] out = new byte[1500];
    int frames = 0;
    while (p.next(out) == 160) frames++;
    assertEquals(5 + 50, frames, "the rest of the first pass, then a whole second one");
    assertEquals(-1, p.next(out));
  }
}
