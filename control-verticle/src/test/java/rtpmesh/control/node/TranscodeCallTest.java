package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import rtpmesh.media.codec.AudioDecoder;
import rtpmesh.media.codec.AudioEncoder;
import rtpmesh.media.codec.G711;
import rtpmesh.media.codec.G722Decoder;
import rtpmesh.media.codec.G722Encoder;
import rtpmesh.media.codec.Opus;
import rtpmesh.media.codec.OpusFmtp;
import rtpmesh.media.codec.Signals;
import rtpmesh.media.codec.TelephoneEvent;
import rtpmesh.media.dtmf.DtmfDetector;

/**
 * Transcoded calls through a node over real sockets: each party sends a tone in its own codec and
 * the other decodes what arrives in its own codec and finds the tone (FFT); DTMF crosses from RFC
 * 4733 to in-band tones and is detected back.
 */
class TranscodeCallTest {
  private TestNode node;
  private final List<Party> parties = new ArrayList<>();

  @AfterEach
  void stop() {
    parties.forEach(Party::close);
    if (node != null) node.close();
  }

  /** One RTP endpoint: sends packets it builds, collects what arrives. */
  static final class Party implements AutoCloseable {
    final DatagramSocket socket;
    int seq = 100;
    long ts = 1000;
    final int ssrc;

    Party(int ssrc) {
      this.ssrc = ssrc;
      try {
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    int port() {
      return socket.getLocalPort();
    }

    void send(int relayPort, int pt, byte[] payload, int len, int tsStep) {
      byte[] p = new byte[12 + len];
      p[0] = (byte) 0x80;
      p[1] = (byte) pt;
      p[2] = (byte) (seq >> 8);
      p[3] = (byte) seq++;
      for (int i = 0; i < 4; i++) p[4 + i] = (byte) (ts >> (24 - 8 * i));
      for (int i = 0; i < 4; i++) p[8 + i] = (byte) (ssrc >> (24 - 8 * i));
      System.arraycopy(payload, 0, p, 12, len);
      ts += tsStep;
      try {
        socket.send(new DatagramPacket(p, p.length, new InetSocketAddress("127.0.0.1", relayPort)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** RTP packets received until {@code count} arrived or the socket was quiet for 2 s. */
    List<byte[]> receive(int count) {
      List<byte[]> got = new ArrayList<>();
      byte[] buf = new byte[2048];
      try {
        socket.setSoTimeout(2000);
        while (got.size() < count) {
          DatagramPacket d = new DatagramPacket(buf, buf.length);
          socket.receive(d);
          got.add(java.util.Arrays.copyOf(d.getData(), d.getLength()));
        }
      } catch (SocketTimeoutException e) {
        return got;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return got;
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  private Party party(int ssrc) {
    Party p = new Party(ssrc);
    parties.add(p);
    return p;
  }

  private static String sdp(int port, String formats, String... attrs) {
    StringBuilder sb = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n")
        .append("m=audio ").append(port).append(" RTP/AVP ").append(formats).append("\r\n");
    for (String a : attrs) sb.append("a=").append(a).append("\r\n");
    return sb.append("a=sendrecv\r\n").toString();
  }

  /** Offer and answer; returns {relay port for A, relay port for B} and checks the m= lines. */
  private int[] call(NgClient ng, String callId, String offer, Map<String, Object> codec, List<String> flags, String answer,
      String offerFormats, String answerFormats) {
    Map<String, Object> o = ng.ok("command", "offer", "call-id", callId, "from-tag", "a", "sdp", offer, "codec", codec,
        "flags", flags);
    SdpView toB = SdpView.of(o);
    assertEquals("RTP/AVP " + offerFormats, toB.protoAndFormats(), toB.text());
    Map<String, Object> a = ng.ok("command", "answer", "call-id", callId, "from-tag", "a", "to-tag", "b", "sdp", answer);
    SdpView toA = SdpView.of(a);
    assertEquals("RTP/AVP " + answerFormats, toA.protoAndFormats(), toA.text());
    return new int[] {toA.port(), toB.port()};
  }

  private static byte[] payload(byte[] rtp) {
    return java.util.Arrays.copyOfRange(rtp, 12, rtp.length);
  }

  private static int pt(byte[] rtp) {
    return rtp[1] & 0x7F;
  }

  /** Sends 1 s of 20 ms frames, paced like a phone so that no socket buffer overflows. */
  private static void sendFrames(Party from, int relayPort, int pt, AudioEncoder enc, short[] pcm, int frame, int tsStep) {
    byte[] out = new byte[1500];
    for (int f = 0; f < 50; f++) {
      int len = enc.encode(pcm, f * frame, frame, out, 0);
      from.send(relayPort, pt, out, len, tsStep);
      sleep(5);
    }
  }

  private static void sleep(int ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Decodes what arrived (only payload type {@code pt}) into one PCM array. */
  private static short[] decodeAll(List<byte[]> packets, int pt, AudioDecoder dec, int frame) {
    short[] all = new short[packets.size() * frame];
    short[] pcm = new short[5760];
    int n = 0;
    for (byte[] p : packets) {
      if (pt(p) != pt) continue;
      byte[] pay = payload(p);
      int k = dec.decode(pay, 0, pay.length, pcm);
      System.arraycopy(pcm, 0, all, n, k);
      n += k;
    }
    return java.util.Arrays.copyOf(all, n);
  }

  @Test
  void opusCallerAndPcmuCalleeHearEachOthersTones() {
    node = TestNode.start();
    Party a = party(0xA);
    Party b = party(0xB);
    int[] relay = call(node.ng(), "opus-pcmu",
        sdp(a.port(), "111 101", "rtpmap:111 opus/48000/2", "fmtp:111 minptime=10;useinbandfec=1", "rtpmap:101 telephone-event/48000"),
        Map.of("mask", List.of("opus"), "transcode", List.of("PCMU")), List.of(),
        sdp(b.port(), "0", "rtpmap:0 PCMU/8000"), "0", "111 101");

    sendFrames(a, relay[0], 111, Opus.encoder(48000, OpusFmtp.DEFAULT), Signals.sine(1000, 48000, 48000, 8000), 960, 960);
    List<byte[]> atB = b.receive(50);
    assertTrue(atB.size() >= 45, "B got " + atB.size() + " of 50");
    for (byte[] p : atB) assertEquals(0, pt(p));
    short[] heardB = decodeAll(atB, 0, new G711.Ulaw(), 160);
    assertEquals(1000, Signals.peakFrequency(heardB, 1600, 4096, 8000), 4.0, "B hears A's tone");

    sendFrames(b, relay[1], 0, new G711.Ulaw(), Signals.sine(440, 8000, 8000, 8000), 160, 160);
    List<byte[]> atA = a.receive(50);
    assertTrue(atA.size() >= 45, "A got " + atA.size() + " of 50");
    AudioDecoder opus = Opus.decoder(48000, 1);
    short[] heardA = decodeAll(atA, 111, opus, 960);
    assertEquals(440, Signals.peakFrequency(heardA, 9600, 16384, 48000), 4.0, "A hears B's tone");
    opus.close();
  }

  @Test
  void g722CallerAndPcmuCalleeHearEachOthersTones() {
    node = TestNode.start();
    Party a = party(0xA);
    Party b = party(0xB);
    int[] relay = call(node.ng(), "g722-pcmu", sdp(a.port(), "9", "rtpmap:9 G722/8000"),
        Map.of("mask", List.of("G722"), "transcode", List.of("PCMU")), List.of(),
        sdp(b.port(), "0", "rtpmap:0 PCMU/8000"), "0", "9");

    // G.722: 320 samples of 16 kHz audio per 20 ms, 160 bytes, 160 timestamp units (8000 Hz clock).
    sendFrames(a, relay[0], 9, new G722Encoder(), Signals.sine(1000, 16000, 16000, 8000), 320, 160);
    short[] heardB = decodeAll(b.receive(50), 0, new G711.Ulaw(), 160);
    assertTrue(heardB.length >= 160 * 45, "B got " + heardB.length / 160 + " frames");
    assertEquals(1000, Signals.peakFrequency(heardB, 1600, 4096, 8000), 4.0);

    sendFrames(b, relay[1], 0, new G711.Ulaw(), Signals.sine(600, 8000, 8000, 8000), 160, 160);
    short[] heardA = decodeAll(a.receive(50), 9, new G722Decoder(), 320);
    assertTrue(heardA.length >= 320 * 45, "A got " + heardA.length / 320 + " frames");
    assertEquals(600, Signals.peakFrequency(heardA, 3200, 8192, 16000), 4.0);
  }

  @Test
  void rfc4733InBecomesInBandOutAndIsDetectedBack() throws Exception {
    DatagramSocket dtmfLog = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    dtmfLog.setSoTimeout(3000);
    node = TestNode.startWith(new JsonObject().put("dtmfLogDest", "127.0.0.1:" + dtmfLog.getLocalPort()));
    LinkedBlockingQueue<JsonObject> adminEvents = new LinkedBlockingQueue<>();
    node.vertx.eventBus().<JsonObject>consumer("rtpmesh.admin.events", m -> adminEvents.add(m.body()));
    Party a = party(0xA);
    Party b = party(0xB);
    // A speaks RFC 4733; B, a phone without telephone-event, only hears tones.
    int[] relay = call(node.ng(), "dtmf-inband",
        sdp(a.port(), "0 101", "rtpmap:0 PCMU/8000", "rtpmap:101 telephone-event/8000", "fmtp:101 0-16"),
        Map.of(), List.of("always transcode", "detect DTMF"),
        sdp(b.port(), "0", "rtpmap:0 PCMU/8000"), "0 101", "0 101");

    byte[] silence = new byte[160];
    java.util.Arrays.fill(silence, (byte) 0xFF);
    byte[] ev = new byte[4];
    for (int i = 0; i < 5; i++) a.send(relay[0], 0, silence, 160, 160);
    long eventTs = a.ts;
    for (int d = 160; d <= 1600; d += 160) { // '5' for 200 ms, the end sent three times
      TelephoneEvent.write(ev, 0, 5, d == 1600, 10, d);
      a.ts = eventTs;
      for (int r = 0; r < (d == 1600 ? 3 : 1); r++) a.send(relay[0], 101, ev, 4, 0);
      sleep(5);
    }
    a.ts = eventTs + 1600;
    for (int i = 0; i < 10; i++) {
      a.send(relay[0], 0, silence, 160, 160);
      sleep(5);
    }
    List<byte[]> atB = b.receive(25);
    StringBuilder heard = new StringBuilder();
    DtmfDetector detector = new DtmfDetector(8000, (digit, ms) -> heard.append(digit));
    short[] pcm = decodeAll(atB, 0, new G711.Ulaw(), 160);
    detector.process(pcm, 0, pcm.length);
    assertEquals("5", heard.toString(), "B hears the digit as a tone");

    // The tone B heard, sent back: the node detects it and tells A as RFC 4733 events.
    byte[] frame = new byte[160];
    for (int k = 0; k + 160 <= pcm.length; k += 160) {
      new G711.Ulaw().encode(pcm, k, 160, frame, 0);
      b.send(relay[1], 0, frame, 160, 160);
      sleep(5);
    }
    for (int i = 0; i < 5; i++) b.send(relay[1], 0, silence, 160, 160);
    List<byte[]> atA = a.receive(40);
    byte[] event = null;
    for (byte[] p : atA) if (pt(p) == 101) event = payload(p);
    assertTrue(event != null, "A gets telephone-event packets");
    assertEquals(5, TelephoneEvent.event(event, 0));
    assertTrue(TelephoneEvent.end(event, 0));

    // Reported to the operator: B's digit (detected), and A's (RFC 4733).
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      JsonObject e = adminEvents.poll(3, TimeUnit.SECONDS);
      assertTrue(e != null, "admin event " + i);
      seen.add(e.getString("tag") + ":" + e.getString("digit") + ":" + e.getString("source"));
    }
    assertTrue(seen.contains("a:5:rfc4733") && seen.contains("b:5:inband"), seen.toString());
    byte[] buf = new byte[2048];
    DatagramPacket d = new DatagramPacket(buf, buf.length);
    dtmfLog.receive(d);
    JsonObject log = new JsonObject(new String(d.getData(), 0, d.getLength(), StandardCharsets.UTF_8));
    assertEquals("dtmf-inband", log.getString("callid"));
    assertEquals(5, log.getInteger("event"));
    dtmfLog.close();
  }

  @Test
  void playDtmfReachesTheOtherPartyAndNeedsATranscodedStream() {
    node = TestNode.start();
    Party a = party(0xA);
    Party b = party(0xB);
    NgClient ng = node.ng();
    int[] relay = call(ng, "play", sdp(a.port(), "0", "rtpmap:0 PCMU/8000"), Map.of(), List.of("inject DTMF"),
        sdp(b.port(), "0", "rtpmap:0 PCMU/8000"), "0", "0");
    ng.ok("command", "play DTMF", "call-id", "play", "from-tag", "a", "code", "3", "duration", 200);
    byte[] silence = new byte[160];
    java.util.Arrays.fill(silence, (byte) 0xFF);
    for (int i = 0; i < 25; i++) {
      a.send(relay[0], 0, silence, 160, 160);
      sleep(5);
    }
    StringBuilder heard = new StringBuilder();
    DtmfDetector detector = new DtmfDetector(8000, (digit, ms) -> heard.append(digit));
    short[] pcm = decodeAll(b.receive(25), 0, new G711.Ulaw(), 160);
    detector.process(pcm, 0, pcm.length);
    assertEquals("3", heard.toString());

    // A plain call has no decoder in its path to play into.
    Party c = party(0xC);
    Party d = party(0xD);
    call(ng, "plain", sdp(c.port(), "0"), Map.of(), List.of(), sdp(d.port(), "0"), "0", "0");
    assertTrue(NgClient.errorReason(ng.request("command", "play DTMF", "call-id", "plain", "from-tag", "a", "code", "1"))
        .contains("not transcoded"));
    assertEquals("Unknown call-id", NgClient.errorReason(ng.request("command", "play DTMF", "call-id", "nope", "code", "1")));
  }
}
