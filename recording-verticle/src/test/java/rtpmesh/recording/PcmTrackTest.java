package rtpmesh.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcmTrackTest {
  @TempDir
  Path dir;

  private short[] samples(Path p) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(b.capacity() - 44, b.getInt(40), "data size patched");
    assertEquals(b.capacity() - 8, b.getInt(4), "RIFF size patched");
    short[] s = new short[(b.capacity() - 44) / 2];
    b.position(44);
    b.asShortBuffer().get(s);
    return s;
  }

  private static short[] of(int n, int v) {
    short[] s = new short[n];
    java.util.Arrays.fill(s, (short) v);
    return s;
  }

  @Test
  void gapsAreSilenceOverlapsAreSummedAndTheFileLastsTheGivenLength() throws Exception {
    Path p = dir.resolve("t.wav");
    PcmTrack t = new PcmTrack(WavWriter.create(p, 8000, new RecordingCounters()), 100);
    t.add(10, of(20, 100), 20);
    t.add(20, of(20, 50), 20); // overlaps the first from 20 to 30
    t.add(300, of(10, 7), 10); // beyond the window: 0..200 is written first
    t.finish(400);
    short[] s = samples(p);
    assertEquals(400, s.length);
    assertEquals(0, s[9]);
    assertEquals(100, s[10]);
    assertEquals(150, s[25]);
    assertEquals(50, s[35]);
    assertEquals(0, s[40]);
    assertEquals(7, s[305]);
    assertEquals(0, s[399]);
  }

  @Test
  void audioOlderThanWhatIsWrittenIsDroppedAndSumsClip() throws Exception {
    Path p = dir.resolve("late.wav");
    PcmTrack t = new PcmTrack(WavWriter.create(p, 8000, new RecordingCounters()), 50);
    t.add(100, of(10, 30000), 10); // writes 0..60
    t.add(0, of(10, 5), 10); // too late
    t.add(100, of(10, 30000), 10); // 60000 clips
    t.finish(0);
    short[] s = samples(p);
    assertEquals(110, s.length, "the end of the last audio when longer than asked");
    assertEquals(0, s[5]);
    assertEquals(Short.MAX_VALUE, s[105]);
    assertTrue(t.position() == 110);
  }
}
