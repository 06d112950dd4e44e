package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rtpmesh.media.codec.G711;

/**
 * A call recorded through ng over real sockets: caller A sends a 440 Hz tone, callee B a 1 kHz
 * tone, both as PCMU at 20 ms; the recording is paused and resumed half-way. The files are checked
 * as a user would: the pcap with Debian's tshark (every packet that was not sent while paused, with
 * the phones' and the relay's real addresses and ports), the WAVs by Goertzel (each tone where and
 * when it was sent, silence while paused, the recording's whole duration), the metadata JSON.
 */
class RecordingCallTest {
  private static final int RATE = 8000;

  @TempDir
  Path dir;

  @Test
  void toneCallIsRecordedToPcapWavAndMetadataWithAPause() throws Exception {
    JsonObject rec = new JsonObject().put("dir", dir.toString()).put("methods", new JsonArray().add("pcap").add("wav"));
    try (TestNode node = TestNode.startRecording(rec); Phone a = Phone.open(); Phone b = Phone.open()) {
      NgClient ng = node.ng();
      TwoPartyCall call = new TwoPartyCall(ng, a, b);
      call.portB = SdpView.of(ng.ok("command", "offer", "call-id", call.callId, "from-tag", call.tagA,
          "sdp", a.sdp().toString(), "record call", "yes", "metadata", "case=4711|agent=bob")).port();
      call.portA = SdpView.of(call.answer(b.sdp().withoutPtime())).port();

      Tones tones = new Tones(call);
      List<Integer> seqA = new ArrayList<>();
      List<Integer> seqB = new ArrayList<>();
      long phase1 = System.currentTimeMillis();
      tones.send(50, seqA, seqB); // 1 s recorded
      ng.ok("command", "pause recording", "call-id", call.callId);
      long paused = System.currentTimeMillis();
      tones.send(25, new ArrayList<>(), new ArrayList<>()); // 0.5 s not recorded
      ng.ok("command", "start recording", "call-id", call.callId);
      long resumed = System.currentTimeMillis();
      tones.send(25, seqA, seqB); // 0.5 s recorded
      Map<String, Object> stats = ng.ok("command", "statistics");
      ng.ok("command", "stop recording", "call-id", call.callId);
      long stopped = System.currentTimeMillis();

      // media went on while recording and while paused
      b.expectRtp(tones.lastToB, call.portB);

      @SuppressWarnings("unchecked")
      Map<String, Object> recording = (Map<String, Object>) ((Map<String, Object>) stats.get("statistics")).get("recording");
      assertNotNull(recording, "statistics has a recording section");
      assertEquals(1L, ((Number) recording.get("active")).longValue());

      Path metaFile = only(dir, ".json");
      JsonObject meta = new JsonObject(Files.readString(metaFile));
      assertEquals(call.callId, meta.getString("call-id"));
      assertEquals("case=4711|agent=bob", meta.getString("metadata"));
      List<String> events = new ArrayList<>();
      for (Object e : meta.getJsonArray("events")) events.add(((JsonObject) e).getString("event"));
      assertEquals(List.of("start", "pause", "resume", "stop"), events);
      TreeSet<String> tags = new TreeSet<>();
      for (Object p : meta.getJsonArray("parties")) tags.add(((JsonObject) p).getString("tag"));
      assertEquals(new TreeSet<>(List.of(call.tagA, call.tagB)), tags);
      long start = meta.getLong("start");
      long stop = meta.getLong("stop");
      assertTrue(start <= phase1 && stop >= stopped - 1000 && stop <= stopped + 50, "start/stop " + start + "/" + stop);
      assertEquals(4, meta.getJsonArray("files").size(), "pcap, mixed wav, one wav per party: " + meta);
      for (Object f : meta.getJsonArray("files")) {
        assertTrue(Files.exists(Path.of(((JsonObject) f).getString("path"))), "listed file exists: " + f);
      }

      checkPcap(only(dir, ".pcap"), a, b, call, seqA, seqB);

      short[] mixed = wav(only(dir, "-mix.wav"));
      short[] fromA = wav(wavOf(meta, call.tagA));
      short[] fromB = wav(wavOf(meta, call.tagB));
      double seconds = (stop - start) / 1000.0;
      for (short[] w : List.of(mixed, fromA, fromB)) {
        assertEquals(seconds, w.length / (double) RATE, 0.03, "every WAV lasts as long as the recording");
      }
      // phase 1 and phase 3: each tone in its party's file, both in the mix
      for (long[] span : new long[][] {{phase1 + 150, phase1 + 850}, {resumed + 150, resumed + 400}}) {
        int from = (int) ((span[0] - start) * RATE / 1000);
        int to = (int) ((span[1] - start) * RATE / 1000);
        assertTone(fromA, from, to, 440, 1000, "A's stream");
        assertTone(fromB, from, to, 1000, 440, "B's stream");
        assertTrue(share(mixed, from, to, 440) > 0.3 && share(mixed, from, to, 1000) > 0.3, "both tones in the mix");
      }
      // paused: silence in every file
      int from = (int) ((paused + 100 - start) * RATE / 1000);
      int to = (int) ((resumed - 100 - start) * RATE / 1000);
      assertEquals(0, energy(mixed, from, to), 0.0, "silence while paused");
      assertEquals(0, energy(fromA, from, to), 0.0, "silence while paused");
    }
  }

  @Test
  void badRecordingRequestsAreErrors(@TempDir Path tmp) {
    JsonObject rec = new JsonObject().put("dir", tmp.toString());
    try (TestNode node = TestNode.startRecording(rec); Phone a = Phone.open(); Phone b = Phone.open()) {
      NgClient ng = node.ng();
      assertEquals("No call-id in message", ng.error("command", "start recording"));
      assertEquals("Unknown call-id", ng.error("command", "start recording", "call-id", "nope"));
      assertEquals("Unknown call-id", ng.error("command", "stop recording", "call-id", "nope"));
      assertEquals("Unknown call-id", ng.error("command", "pause recording", "call-id", "nope"));
      TwoPartyCall call = TwoPartyCall.establish(ng, a, b);
      assertTrue(ng.error("command", "start recording", "call-id", call.callId, "recording-pattern", "../x%c")
          .startsWith("Invalid value for 'recording-pattern'"));
      assertTrue(ng.error("command", "offer", "call-id", call.callId, "from-tag", call.tagA, "sdp", a.sdp().toString(),
          "record call", "maybe").startsWith("Invalid value for 'record call'"));
      // nothing was started by the bad requests, and the call still relays
      assertEquals(0, tmp.toFile().list().length);
      call.assertRtpBothWays(3);
      // stop without a recording is fine, as with rtpengine
      ng.ok("command", "stop recording", "call-id", call.callId);
    }
  }

  @Test
  void withoutRecordingDirStartRecordingWarns() {
    try (TestNode node = TestNode.start(); Phone a = Phone.open(); Phone b = Phone.open()) {
      NgClient ng = node.ng();
      TwoPartyCall call = TwoPartyCall.establish(ng, a, b);
      Map<String, Object> r = ng.ok("command", "start recording", "call-id", call.callId);
      assertTrue(String.valueOf(r.get("warning")).startsWith("Call recording not enabled"), r.toString());
      call.assertRtpBothWays(2);
    }
  }

  /** The packets in the pcap as tshark decodes them: per direction, the RTP sequence numbers. */
  private static void checkPcap(Path pcap, Phone a, Phone b, TwoPartyCall call, List<Integer> seqA, List<Integer> seqB)
      throws Exception {
    assumeTrue(tshark() != null, "tshark not installed (Debian package tshark): pcap not checked by tshark");
    Process p = new ProcessBuilder(tshark(), "-r", pcap.toString(), "-d", "udp.port==" + call.portA + ",rtp",
        "-d", "udp.port==" + call.portB + ",rtp", "-T", "fields", "-e", "ip.src", "-e", "udp.srcport",
        "-e", "ip.dst", "-e", "udp.dstport", "-e", "rtp.seq", "-e", "rtp.p_type")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "tshark reads the pcap");
    List<Integer> gotA = new ArrayList<>();
    List<Integer> gotB = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.isBlank()) continue;
      String[] f = line.split("\t");
      assertEquals("127.0.0.1", f[0]);
      assertEquals("127.0.0.1", f[2]);
      assertEquals("0", f[5], "PCMU: " + line);
      int src = Integer.parseInt(f[1]);
      int dst = Integer.parseInt(f[3]);
      if (src == a.rtpPort() && dst == call.portA) gotA.add(Integer.parseInt(f[4]));
      else if (src == b.rtpPort() && dst == call.portB) gotB.add(Integer.parseInt(f[4]));
      else throw new AssertionError("packet between unexpected ports: " + line);
    }
    assertEquals(seqA, gotA, "every packet A sent while recording, in order");
    assertEquals(seqB, gotB, "every packet B sent while recording, in order");
  }

  static String tshark() {
    for (String d : new String[] {"/usr/bin/tshark", "/usr/local/bin/tshark"}) {
      if (Files.isExecutable(Path.of(d))) return d;
    }
    return null;
  }

  private static Path wavOf(JsonObject meta, String tag) {
    for (Object o : meta.getJsonArray("files")) {
      JsonObject f = (JsonObject) o;
      JsonObject s = f.getJsonObject("stream");
      if ("wav".equals(f.getString("type")) && s != null && tag.equals(s.getString("tag"))) return Path.of(f.getString("path"));
    }
    throw new AssertionError("no WAV for " + tag + " in " + meta);
  }

  private static Path only(Path dir, String suffix) throws IOException {
    try (var files = Files.list(dir)) {
      List<Path> l = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
      assertEquals(1, l.size(), "one " + suffix + " file: " + l);
      return l.get(0);
    }
  }

  /** The samples of a 16-bit mono WAV at 8 kHz. */
  static short[] wav(Path p) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0x46464952, b.getInt(0), "RIFF");
    assertEquals(1, b.getShort(22), "mono");
    assertEquals(RATE, b.getInt(24), "8 kHz");
    assertEquals(16, b.getShort(34), "16 bit");
    int data = b.getInt(40);
    assertEquals(b.capacity() - 44, data, "data size in the header");
    short[] s = new short[data / 2];
    b.position(44);
    b.asShortBuffer().get(s);
    return s;
  }

  private static void assertTone(short[] w, int from, int to, int f, int other, String what) {
    double share = share(w, from, to, f);
    assertTrue(share > 0.8, what + ": " + f + " Hz has " + share + " of the energy");
    assertTrue(share(w, from, to, other) < 0.02, what + ": no " + other + " Hz");
  }

  /** Goertzel: the share of the window's energy at frequency {@code f}. */
  static double share(short[] w, int from, int to, int f) {
    double k = 2 * Math.cos(2 * Math.PI * f / RATE);
    double s1 = 0;
    double s2 = 0;
    for (int i = from; i < to; i++) {
      double s0 = w[i] + k * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    double power = s1 * s1 + s2 * s2 - k * s1 * s2;
    double total = energy(w, from, to) * (to - from);
    return total == 0 ? 0 : 2 * power / (to - from) / total;
  }

  static double energy(short[] w, int from, int to) {
    double e = 0;
    for (int i = from; i < to; i++) e += (double) w[i] * w[i];
    return e / Math.max(1, to - from);
  }

  /** PCMU tones at 20 ms: A sends 440 Hz, B 1 kHz; real time, so arrival and RTP timestamps agree. */
  static final class Tones {
    final TwoPartyCall call;
    int seq = 1000;
    long ts = 0;
    double phaseA;
    double phaseB;
    byte[] lastToB;
    final int ssrcA = 0x11111111;
    final int ssrcB = 0x22222222;

    Tones(TwoPartyCall call) {
      this.call = call;
    }

    void send(int packets, List<Integer> seqA, List<Integer> seqB) throws InterruptedException {
      long next = System.nanoTime();
      for (int i = 0; i < packets; i++) {
        seq++;
        ts += 160;
        lastToB = packet(seq, ts, ssrcA, 440, true);
        call.a.sendRtp(call.portA, lastToB);
        call.b.sendRtp(call.portB, packet(seq, ts, ssrcB, 1000, false));
        seqA.add(seq & 0xffff);
        seqB.add(seq & 0xffff);
        next += 20_000_000;
        long wait = next - System.nanoTime();
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    }

    private byte[] packet(int seq, long ts, int ssrc, int freq, boolean a) {
      byte[] p = new byte[12 + 160];
      p[0] = (byte) 0x80;
      p[1] = 0;
      p[2] = (byte) (seq >> 8);
      p[3] = (byte) seq;
      ByteBuffer.wrap(p).putInt(4, (int) ts).putInt(8, ssrc);
      double phase = a ? phaseA : phaseB;
      for (int i = 0; i < 160; i++) {
        p[12 + i] = G711.ulawEncode((int) (8000 * Math.sin(phase)));
        phase += 2 * Math.PI * freq / RATE;
      }
      if (a) phaseA = phase % (2 * Math.PI);
      else phaseB = phase % (2 * Math.PI);
      return p;
    }
  }
}
