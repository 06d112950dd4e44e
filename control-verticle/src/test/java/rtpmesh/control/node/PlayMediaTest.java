package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rtpmesh.media.codec.Signals;
import rtpmesh.media.player.WavFile;

/**
 * play media, stop media, block/silence media, media echo and music on hold through a node over
 * real sockets: A hears B's 440 Hz tone, and a WAV file of 1 kHz replaces it for the file's
 * duration; what A gets stays one RTP stream (one SSRC, consecutive sequence numbers).
 */
class PlayMediaTest {
  @TempDir
  Path dir;
  private TestNode node;
  private NgClient ng;
  private ToneParty a;
  private ToneParty b;
  private String callId;
  private int relayForA;
  private int relayForB;

  @BeforeEach
  void start() {
    node = TestNode.start();
    ng = node.ng();
    a = new ToneParty();
    b = new ToneParty();
    callId = "play-" + System.nanoTime();
  }

  @AfterEach
  void stop() {
    if (a != null) a.close();
    if (b != null) b.close();
    if (node != null) node.close();
  }

  private static String sdp(int port, String direction) {
    return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio " + port + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
        + "a=ptime:20\r\na=" + direction + "\r\n";
  }

  /** Offer from A, answer from B (extra keys go into the offer); both sides' relay ports are kept. */
  private void call(Object... offerExtra) {
    List<Object> offer = new ArrayList<>(List.of("command", "offer", "call-id", callId, "from-tag", "A", "sdp", sdp(a.port(), "sendrecv")));
    offer.addAll(List.of(offerExtra));
    relayForB = SdpView.of(ng.ok(offer.toArray())).port();
    relayForA = SdpView.of(ng.ok("command", "answer", "call-id", callId, "from-tag", "A", "to-tag", "B",
        "sdp", sdp(b.port(), "sendrecv"))).port();
  }

  private String wav(String name, double hz, int rate, int ms) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, WavFile.encodePcm16(Signals.sine(hz, rate, rate * ms / 1000, 8000), rate));
    return p.toString();
  }

  private static void sleep(long ms) {
    TwoPartyCall.sleep(ms);
  }

  /** One SSRC, each sequence number the previous + 1, timestamps increasing. */
  private static void assertOneContinuousStream(List<ToneParty.Heard> heard) {
    assertTrue(heard.size() > 10, "A heard only " + heard.size() + " packets");
    for (int i = 1; i < heard.size(); i++) {
      ToneParty.Heard p = heard.get(i - 1);
      ToneParty.Heard h = heard.get(i);
      assertEquals(p.ssrc(), h.ssrc(), "SSRC changed at packet " + i + " of " + heard.size());
      assertEquals((p.seq() + 1) & 0xFFFF, h.seq(), "sequence gap at packet " + i + ": " + ToneParty.runs(heard));
      int step = h.ts() - p.ts();
      assertTrue(step > 0 && step < 8000, "timestamp step " + step + " at packet " + i);
    }
  }

  /** Waits until A has heard {@code n} more packets than {@code from}. */
  private void awaitHeard(ToneParty party, int n) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (party.heard().size() < n && System.currentTimeMillis() < deadline) sleep(20);
    assertTrue(party.heard().size() >= n, "heard " + party.heard().size() + " of " + n + " packets");
  }

  /** The media blocks' count of packets dropped by block media. */
  private long blockedDrops() {
    long n = 0;
    for (int block = 0; block < TestNode.BLOCKS; block++) {
      io.vertx.core.json.JsonObject stats = node.vertx.eventBus().<io.vertx.core.json.JsonObject>request(
          rtpmesh.media.MediaApi.blockAddress(node.nodeId, block), new io.vertx.core.json.JsonObject().put("op", "blockStats"))
          .toCompletionStage().toCompletableFuture().join().body();
      n += stats.getJsonObject("dropReasons").getLong("blocked", 0L);
    }
    return n;
  }

  private Map<String, Object> play(Object... keys) {
    List<Object> req = new ArrayList<>(List.of("command", "play media", "call-id", callId));
    req.addAll(List.of(keys));
    return ng.request(req.toArray());
  }

  @Test
  void playMediaReplacesWhatThePartyHearsForTheFilesDurationInOneStream() throws IOException {
    call();
    b.send(relayForB, 440);
    awaitHeard(a, 25);
    Map<String, Object> r = play("from-tag", "A", "file", wav("tone.wav", 1000, 8000, 1000));
    assertEquals("ok", r.get("result"), r::toString);
    assertEquals(1000L, ((Number) r.get("duration")).longValue());
    awaitHeard(a, 25 + 50 + 60);
    b.stopSending();
    List<ToneParty.Heard> heard = a.heard();
    assertEquals(List.of("440", "1000", "440"), ToneParty.runs(heard).stream().map(s -> s.split(" ")[0]).toList(),
        () -> "A hears B, then the file, then B again: " + ToneParty.runs(heard));
    assertEquals("1000 x50", ToneParty.runs(heard).get(1), "a 1 s file is fifty 20 ms packets");
    assertOneContinuousStream(heard);
    assertEquals(b.ssrc, heard.get(0).ssrc(), "before any playback the stream passes untouched");
  }

  @Test
  void repeatTimesPlaysTheFileAgainAndABlobPlaysLikeAFile() throws IOException {
    call();
    b.send(relayForB, 440);
    awaitHeard(a, 20);
    byte[] blob = WavFile.encodePcm16(Signals.sine(1000, 16000, 16000 * 3 / 10, 8000), 16000); // 300 ms at 16 kHz
    Map<String, Object> r = play("from-tag", "A", "blob", new String(blob, StandardCharsets.ISO_8859_1), "repeat-times", 3);
    assertEquals("ok", r.get("result"), r::toString);
    assertEquals(300L, ((Number) r.get("duration")).longValue());
    awaitHeard(a, 20 + 45 + 40);
    b.stopSending();
    List<ToneParty.Heard> heard = a.heard();
    assertEquals(List.of("440", "1000 x45", "440"), ToneParty.runs(heard).stream().map(s -> s.startsWith("440") ? "440" : s).toList(),
        () -> "three passes of 300 ms, resampled from 16 kHz: " + ToneParty.runs(heard));
    assertOneContinuousStream(heard);
  }

  @Test
  void stopMediaEndsPlaybackMidFileAndTellsTheFramePosition() throws IOException {
    call();
    b.send(relayForB, 440);
    awaitHeard(a, 20);
    String file = wav("long.wav", 1000, 48000, 5000);
    assertEquals("ok", play("from-tag", "A", "file", file).get("result"));
    awaitHeard(a, 20 + 30);
    Map<String, Object> r = ng.ok("command", "stop media", "call-id", callId, "from-tag", "A");
    long pos = ((Number) r.get("last-frame-pos")).longValue();
    assertTrue(pos > 5 && pos < 200, "stopped about 0.6 s into a 5 s file, frame " + pos);
    awaitHeard(a, a.heard().size() + 40);
    b.stopSending();
    List<ToneParty.Heard> heard = a.heard();
    List<String> runs = ToneParty.runs(heard);
    assertEquals(3, runs.size(), () -> "B, file, B: " + runs);
    assertTrue(runs.get(1).startsWith("1000"), runs::toString);
    int played = Integer.parseInt(runs.get(1).substring(6));
    assertTrue(played < 250, "the 5 s file (250 packets) was cut short: " + runs);
    assertEquals(played, pos, 2, "last-frame-pos counts the frames played");
    assertOneContinuousStream(heard);
    assertEquals("Not currently playing media", ng.error("command", "stop media", "call-id", callId, "from-tag", "A"));
  }

  @Test
  void blockAndSilenceMediaTakeThePartysMediaFromItsPeerUntilUndone() {
    call();
    b.send(relayForB, 440);
    awaitHeard(a, 10);
    ng.ok("command", "block media", "call-id", callId, "from-tag", "B");
    sleep(100);
    a.forget();
    sleep(400);
    assertEquals(List.of(), ToneParty.runs(a.heard()), "nothing of B reaches A while B is blocked");
    assertTrue(blockedDrops() >= 15, "B's packets are counted as dropped (blocked): " + blockedDrops());
    ng.ok("command", "unblock media", "call-id", callId, "from-tag", "B");
    awaitHeard(a, 10);
    assertEquals("440", ToneParty.runs(a.heard()).get(0).split(" ")[0], "B is heard again");

    ng.ok("command", "silence media", "call-id", callId, "from-tag", "B");
    sleep(100);
    a.forget();
    awaitHeard(a, 15);
    List<ToneParty.Heard> silenced = a.heard();
    assertEquals(List.of("silence x" + silenced.size()), ToneParty.runs(silenced), "B's packets arrive, but silent");
    assertEquals(b.ssrc, silenced.get(0).ssrc(), "silence keeps B's stream: its SSRC");
    assertOneContinuousStream(silenced);
    ng.ok("command", "unsilence media", "call-id", callId, "from-tag", "B");
    sleep(100);
    a.forget();
    awaitHeard(a, 10);
    assertEquals(List.of("440 x" + a.heard().size()), ToneParty.runs(a.heard()));

    // Without from-tag the whole call is blocked: A's media no longer reaches B either.
    a.send(relayForA, 1000);
    awaitHeard(b, 10);
    ng.ok("command", "block media", "call-id", callId);
    sleep(100);
    a.forget();
    b.forget();
    sleep(400);
    assertEquals(0, a.heard().size() + b.heard().size(), "a blocked call carries nothing");
    ng.ok("command", "unblock media", "call-id", callId);
    awaitHeard(b, 10);
    awaitHeard(a, 10);
  }

  @Test
  void mediaEchoBackwardsReturnsTheCallersOwnToneOnAStreamOfItsOwn() {
    call("media echo", "backwards");
    a.send(relayForA, 1000);
    b.send(relayForB, 440);
    awaitHeard(a, 30);
    a.stopSending();
    b.stopSending();
    List<ToneParty.Heard> heard = a.heard();
    assertEquals(List.of("1000 x" + heard.size()), ToneParty.runs(heard), "A hears itself, not B");
    assertNotEquals(a.ssrc, heard.get(0).ssrc(), "the echo comes with an SSRC of its own");
    assertOneContinuousStream(heard);
    assertEquals(0, b.heard().size(), "B gets nothing: A's media goes back to A");
  }

  @Test
  void mediaEchoBothAndBlackholeInAnAnswer() {
    call();
    // The answer (from B) turns echo on for both; a later one makes the call a black hole.
    ng.ok("command", "answer", "call-id", callId, "from-tag", "A", "to-tag", "B", "sdp", sdp(b.port(), "sendrecv"),
        "media-echo", "both");
    a.send(relayForA, 1000);
    b.send(relayForB, 440);
    awaitHeard(a, 20);
    awaitHeard(b, 20);
    assertEquals("1000", ToneParty.runs(a.heard()).get(0).split(" ")[0], () -> "A hears itself: " + ToneParty.runs(a.heard()));
    assertEquals(1, ToneParty.runs(a.heard()).size(), () -> ToneParty.runs(a.heard()).toString());
    assertEquals(List.of("440 x" + b.heard().size()), ToneParty.runs(b.heard()), "B hears itself");
    ng.ok("command", "answer", "call-id", callId, "from-tag", "A", "to-tag", "B", "sdp", sdp(b.port(), "sendrecv"),
        "media-echo", "blackhole");
    sleep(100);
    a.forget();
    b.forget();
    sleep(400);
    assertEquals(0, a.heard().size() + b.heard().size(), "a black hole returns nothing to anyone");
  }

  @Test
  void musicOnHoldPlaysToThePeerWhileThePartyHolds() throws IOException {
    String moh = wav("moh.wav", 1000, 8000, 2000);
    call("moh", Map.of("file", moh));
    a.send(relayForA, 440);
    awaitHeard(b, 10);
    // A holds: its re-offer says sendonly; B now hears the music, not A.
    String toB = SdpView.of(ng.ok("command", "offer", "call-id", callId, "from-tag", "A", "sdp", sdp(a.port(), "sendonly"))).text();
    assertTrue(toB.contains("a=sendonly") && !toB.contains("0.0.0.0"), toB);
    ng.ok("command", "answer", "call-id", callId, "from-tag", "A", "to-tag", "B", "sdp", sdp(b.port(), "recvonly"));
    sleep(200);
    b.forget();
    awaitHeard(b, 30);
    assertEquals(List.of("1000 x" + b.heard().size()), ToneParty.runs(b.heard()), "B hears the music on hold");
    // A resumes: B hears A again, on the same stream.
    ng.ok("command", "offer", "call-id", callId, "from-tag", "A", "sdp", sdp(a.port(), "sendrecv"));
    ng.ok("command", "answer", "call-id", callId, "from-tag", "A", "to-tag", "B", "sdp", sdp(b.port(), "sendrecv"));
    int before = b.heard().size();
    awaitHeard(b, before + 30);
    a.stopSending();
    List<ToneParty.Heard> heard = b.heard();
    List<String> runs = ToneParty.runs(heard);
    assertEquals("440", runs.get(runs.size() - 1).split(" ")[0], () -> "B hears A again: " + runs);
    assertOneContinuousStream(heard);
  }

  /** RTP payloads of payload type {@code pt} that arrive on {@code socket} until it is quiet for 1 s. */
  private static List<byte[]> payloads(java.net.DatagramSocket socket, int pt, int max) throws IOException {
    List<byte[]> out = new ArrayList<>();
    byte[] buf = new byte[2048];
    socket.setSoTimeout(1000);
    try {
      while (out.size() < max) {
        java.net.DatagramPacket d = new java.net.DatagramPacket(buf, buf.length);
        socket.receive(d);
        if ((buf[1] & 0x7F) == pt) out.add(java.util.Arrays.copyOfRange(buf, 12, d.getLength()));
      }
    } catch (java.net.SocketTimeoutException e) {
      // quiet: done
    }
    return out;
  }

  private static short[] decode(List<byte[]> payloads, rtpmesh.media.codec.AudioDecoder dec, int frame) {
    short[] all = new short[payloads.size() * frame];
    short[] pcm = new short[5760];
    int n = 0;
    for (byte[] p : payloads) {
      int k = dec.decode(p, 0, p.length, pcm);
      System.arraycopy(pcm, 0, all, n, k);
      n += k;
    }
    return java.util.Arrays.copyOf(all, n);
  }

  @Test
  void playsInTheCodecThePartyReceivesG722PassedThroughOrOpusTranscoded() throws IOException {
    String file = wav("tone8k.wav", 1000, 8000, 600);
    // G.722 on both sides: nothing transcoded, nothing relayed yet; the file is resampled to 16 kHz.
    String g722 = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio %d RTP/AVP 9\r\na=rtpmap:9 G722/8000\r\na=sendrecv\r\n";
    try (java.net.DatagramSocket sock = new java.net.DatagramSocket(new java.net.InetSocketAddress("127.0.0.1", 0))) {
      ng.ok("command", "offer", "call-id", callId, "from-tag", "A", "sdp", String.format(g722, sock.getLocalPort()));
      ng.ok("command", "answer", "call-id", callId, "from-tag", "A", "to-tag", "B", "sdp", String.format(g722, b.port()));
      assertEquals("ok", play("from-tag", "A", "file", file).get("result"));
      List<byte[]> got = payloads(sock, 9, 100);
      assertEquals(30, got.size(), "600 ms in 20 ms packets");
      short[] pcm = decode(got, new rtpmesh.media.codec.G722Decoder(), 320);
      assertEquals(1000, Signals.peakFrequency(pcm, 1600, 4096, 16000), 8.0, "A hears the file's tone in G.722");
    }

    // A speaks Opus, B PCMU: transcoded; A gets the file in Opus.
    String callOpus = callId + "-opus";
    String opusSdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio %d RTP/AVP 111\r\na=rtpmap:111 opus/48000/2\r\na=sendrecv\r\n";
    try (java.net.DatagramSocket sock = new java.net.DatagramSocket(new java.net.InetSocketAddress("127.0.0.1", 0))) {
      ng.ok("command", "offer", "call-id", callOpus, "from-tag", "A", "sdp", String.format(opusSdp, sock.getLocalPort()),
          "codec", Map.of("mask", List.of("opus"), "transcode", List.of("PCMU")));
      ng.ok("command", "answer", "call-id", callOpus, "from-tag", "A", "to-tag", "B", "sdp", sdp(b.port(), "sendrecv"));
      Map<String, Object> r = ng.ok("command", "play media", "call-id", callOpus, "from-tag", "A", "file", file);
      assertEquals(600L, ((Number) r.get("duration")).longValue());
      List<byte[]> got = payloads(sock, 111, 100);
      assertEquals(30, got.size(), "600 ms in 20 ms packets");
      rtpmesh.media.codec.AudioDecoder opus = rtpmesh.media.codec.Opus.decoder(48000, 1);
      short[] pcm = decode(got, opus, 960);
      opus.close();
      assertEquals(1000, Signals.peakFrequency(pcm, 9600, 16384, 48000), 8.0, "A hears the file's tone in Opus");
    }
  }

  @Test
  void musicOnHoldModeAndConnectionShapeTheSdpTheHeldPartyGets() throws IOException {
    call("moh", Map.of("file", wav("moh.wav", 1000, 8000, 500), "mode", "sendrecv", "connection", "zero"));
    String toB = SdpView.of(ng.ok("command", "offer", "call-id", callId, "from-tag", "A", "sdp", sdp(a.port(), "sendonly"))).text();
    assertTrue(toB.contains("c=IN IP4 0.0.0.0") && toB.contains("a=sendrecv") && !toB.contains("a=sendonly"), toB);
    String resumed = SdpView.of(ng.ok("command", "offer", "call-id", callId, "from-tag", "A", "sdp", sdp(a.port(), "sendrecv"))).text();
    assertTrue(!resumed.contains("0.0.0.0") && resumed.contains("a=sendrecv"), resumed);
  }

  @Test
  void badRequestsAreRefusedWithAReasonAndTheCallGoesOn() throws IOException {
    call();
    b.send(relayForB, 440);
    Path garbage = dir.resolve("garbage.wav");
    Files.writeString(garbage, "this is not a WAV file at all");
    String missing = dir.resolve("missing.wav").toString();
    assertEquals("Media file '" + missing + "' not found", NgClient.errorReason(play("from-tag", "A", "file", missing)));
    assertTrue(NgClient.errorReason(play("from-tag", "A", "file", garbage.toString())).contains("Not a WAV file"));
    assertTrue(NgClient.errorReason(play("from-tag", "A", "blob", "RIFF....WAVEjunk")).startsWith("WAV file without"));
    assertEquals("From-tag given, but no such tag exists", NgClient.errorReason(play("from-tag", "nobody", "file", missing)));
    assertEquals("No media file specified (file or blob)", NgClient.errorReason(play("from-tag", "A")));
    assertEquals("Playback from a database (db-id) is not supported", NgClient.errorReason(play("from-tag", "A", "db-id", 5)));
    assertEquals("Unknown call-id", ng.error("command", "play media", "call-id", "no-such-call", "from-tag", "A", "file", missing));
    assertEquals("Unknown call-id", ng.error("command", "block media", "call-id", "no-such-call"));
    a.forget();
    awaitHeard(a, 20);
    b.stopSending();
    assertEquals("440", ToneParty.runs(a.heard()).get(0).split(" ")[0], "the call still relays B to A");
    assertOneContinuousStream(a.heard());
  }
}
