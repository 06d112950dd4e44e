package rtpmesh.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.Unpooled;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rtpmesh.media.codec.G711;
import rtpmesh.media.relay.MediaTap;

/** The recorder without a node: taps fed by hand with chosen arrival times and RTP timestamps. */
class RecorderTest {
  @TempDir
  Path dir;

  private static final InetSocketAddress PARTY = new InetSocketAddress("192.0.2.10", 4000);

  private static byte[] rtp(int seq, long ts, int ssrc, int value) {
    byte[] p = new byte[12 + 160];
    p[0] = (byte) 0x80;
    ByteBuffer.wrap(p).putShort(2, (short) seq).putInt(4, (int) ts).putInt(8, ssrc);
    for (int i = 0; i < 160; i++) p[12 + i] = G711.ulawEncode(value);
    return p;
  }

  private static short[] wav(Path p) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
    short[] s = new short[(b.capacity() - 44) / 2];
    b.position(44);
    b.asShortBuffer().get(s);
    return s;
  }

  private JsonObject start(Recorder r, String call, JsonObject extra) throws Exception {
    JsonObject req = new JsonObject().put(RecordingApi.CALL, call).put(RecordingApi.FILE, call)
        .put(RecordingApi.PARTIES, new JsonArray().add(new JsonObject().put("tag", "a")
            .put("legs", new JsonArray().add(new JsonObject().put("port", 30000).put("index", 1)
                .put("codecs", new JsonArray().add(new JsonObject().put("pt", 0).put("name", "PCMU").put("rate", 8000)))))))
        .mergeIn(extra);
    return r.start(req).get(5, TimeUnit.SECONDS);
  }

  @Test
  void audioIsPlacedByTimestampAndAJumpOrNewSsrcIsPlacedByArrival() throws Exception {
    Recorder r = new Recorder(new RecordingConfig("n", dir.toString(), false, true, false, "%c", 4, 65536));
    try {
      start(r, "c1", new JsonObject());
      MediaTap tap = r.open("c1", 0);
      assertNotNull(tap);
      assertNull(r.open("other", 0), "no tap for a call not recorded");
      long t0 = System.currentTimeMillis();
      // 10 packets with jitter in arrival (timestamps regular): contiguous audio from +100 ms
      for (int i = 0; i < 10; i++) {
        tap.packet(30000, false, Unpooled.wrappedBuffer(rtp(i, 1000 + 160L * i, 1, 1000)), PARTY,
            InetAddress.getLoopbackAddress(), 30000, t0 + 100 + 20L * i + (i % 2) * 7);
      }
      // a new SSRC 1 s later: placed at its arrival (+1300 ms), silence in between
      tap.packet(30000, false, Unpooled.wrappedBuffer(rtp(50, 999_999, 2, -1000)), PARTY,
          InetAddress.getLoopbackAddress(), 30000, t0 + 1300);
      tap.close();
      JsonObject done = r.stop("c1").get(5, TimeUnit.SECONDS);
      assertTrue(done.getBoolean("stopped"));
      JsonObject meta = new JsonObject(Files.readString(dir.resolve("c1.json")));
      long start = meta.getLong("start");
      short[] s = wav(dir.resolve("c1-a-1.wav"));
      int from = (int) ((t0 + 100 - start) * 8);
      for (int i = from; i < from + 1600; i++) {
        assertTrue(s[i] > 900, "contiguous audio at sample " + i + ": " + s[i]);
      }
      assertEquals(0, s[from + 1600 + 8], "nothing after the tenth packet");
      int second = (int) ((t0 + 1300 - start) * 8);
      assertTrue(s[second + 80] < -900, "second SSRC at its arrival");
      assertEquals(0, s[second - 80]);
      short[] mix = wav(dir.resolve("c1-mix.wav"));
      assertEquals(s.length, mix.length);
      assertEquals(s[from + 5], mix[from + 5]);
    } finally {
      r.close();
    }
  }

  /** /dev/full fails every write with ENOSPC: the failure is counted and the recorder goes on. */
  @Test
  void aFullDiskIsCountedAndTheRecorderGoesOn() throws Exception {
    assumeTrue(Files.isWritable(Path.of("/dev/full")), "/dev/full not writable here");
    Recorder r = new Recorder(new RecordingConfig("n", dir.toString(), true, false, false, "%c", 4, 65536));
    try {
      start(r, "full", new JsonObject().put(RecordingApi.OUTPUT_DESTINATION, "/dev/full")
          .put(RecordingApi.META_FILE, dir.resolve("full.json").toString()));
      MediaTap tap = r.open("full", 0);
      long now = System.currentTimeMillis();
      for (int i = 0; i < 5000; i++) { // ~ 1 MB: more than the file buffer
        tap.packet(30000, false, Unpooled.wrappedBuffer(rtp(i, 160L * i, 1, 0)), PARTY,
            InetAddress.getLoopbackAddress(), 30000, now);
      }
      tap.close();
      r.stop("full").get(5, TimeUnit.SECONDS);
      assertTrue(r.counters().writeErrors() >= 1, "write error counted");
      assertEquals(5000 - r.counters().dropped(), r.counters().packets(), "every packet handed over was consumed");
      // another recording still works
      start(r, "next", new JsonObject());
      assertTrue(Files.exists(dir.resolve("next.pcap")));
    } finally {
      r.close();
    }
  }
}
