package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
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

/**
 * Conference rooms through a node over real sockets: parties join a room with ng, each sends its own
 * tone in its own codec, and each must hear the others' tones and not its own (Goertzel); parties
 * join and leave while the room runs; bad requests fail with a reason and leave the room working.
 */
class ConferenceRoomTest {
  private static final int AMPLITUDE = 6000;
  private TestNode node;
  private final List<Party> parties = new ArrayList<>();

  @AfterEach
  void stop() {
    parties.forEach(Party::close);
    if (node != null) node.close();
  }

  /** A phone in the room: its codec, its tone, a socket, and a thread that keeps what it hears. */
  static final class Party implements AutoCloseable {
    final String tag;
    final String codec;
    final double tone;
    final int pt;
    final int rate;
    final int tsStep;
    final AudioEncoder enc;
    final DatagramSocket socket;
    final List<byte[]> heard = new ArrayList<>();
    final Thread reader;
    final short[] pcm;
    int relayPort;
    int seq = 1;
    int ts;
    int frames;

    Party(String tag, String codec, double tone) {
      this.tag = tag;
      this.codec = codec;
      this.tone = tone;
      switch (codec) {
        case "PCMU" -> { pt = 0; rate = 8000; tsStep = 160; enc = new G711.Ulaw(); }
        case "PCMA" -> { pt = 8; rate = 8000; tsStep = 160; enc = new G711.Alaw(); }
        case "G722" -> { pt = 9; rate = 16000; tsStep = 160; enc = new G722Encoder(); }
        default -> { pt = 111; rate = 48000; tsStep = 960; enc = Opus.encoder(48000, OpusFmtp.DEFAULT); }
      }
      pcm = Signals.sine(tone, rate, rate, AMPLITUDE);
      try {
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      reader = new Thread(this::read, "party-" + tag);
      reader.setDaemon(true);
      reader.start();
    }

    String sdp() {
      String formats = switch (codec) {
        case "PCMU" -> "0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000";
        case "PCMA" -> "8\r\na=rtpmap:8 PCMA/8000";
        case "G722" -> "9\r\na=rtpmap:9 G722/8000";
        default -> "111\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1";
      };
      return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          + "m=audio " + socket.getLocalPort() + " RTP/AVP " + formats + "\r\na=sendrecv\r\n";
    }

    private void read() {
      byte[] buf = new byte[2048];
      while (!socket.isClosed()) {
        DatagramPacket d = new DatagramPacket(buf, buf.length);
        try {
          socket.receive(d);
        } catch (SocketException e) {
          return;
        } catch (IOException e) {
          continue;
        }
        synchronized (heard) {
          heard.add(Arrays.copyOf(d.getData(), d.getLength()));
        }
      }
    }

    /** One 20 ms frame of its tone to its port of the room. */
    void sendFrame() {
      int frame = rate / 50;
      byte[] p = new byte[1500];
      short[] in = new short[frame];
      for (int i = 0; i < frame; i++) in[i] = pcm[(frames * frame + i) % pcm.length];
      frames++;
      byte[] q = new byte[1500];
      int len = enc.encode(in, 0, frame, q, 0);
      System.arraycopy(q, 0, p, 12, len);
      p[0] = (byte) 0x80;
      p[1] = (byte) pt;
      p[2] = (byte) (seq >> 8);
      p[3] = (byte) seq++;
      for (int i = 0; i < 4; i++) p[4 + i] = (byte) (ts >> (24 - 8 * i));
      for (int i = 0; i < 4; i++) p[8 + i] = (byte) ((0x1000 + (int) tone) >> (24 - 8 * i));
      ts += tsStep;
      try {
        socket.send(new DatagramPacket(p, 12 + len, new InetSocketAddress("127.0.0.1", relayPort)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    List<byte[]> takeHeard() {
      synchronized (heard) {
        List<byte[]> out = new ArrayList<>(heard);
        heard.clear();
        return out;
      }
    }

    /** What it heard, decoded in its codec at its rate (the first {@code skip} packets left out). */
    short[] decode(List<byte[]> packets, int skip) {
      AudioDecoder dec = switch (codec) {
        case "PCMU" -> new G711.Ulaw();
        case "PCMA" -> new G711.Alaw();
        case "G722" -> new G722Decoder();
        default -> Opus.decoder(48000, 1);
      };
      short[] all = new short[packets.size() * 960 + 1];
      short[] buf = new short[5760];
      int n = 0;
      for (int i = skip; i < packets.size(); i++) {
        byte[] p = packets.get(i);
        assertEquals(pt, p[1] & 0x7F, tag + " gets its own payload type");
        int k = dec.decode(p, 12, p.length - 12, buf);
        System.arraycopy(buf, 0, all, n, k);
        n += k;
      }
      dec.close();
      return Arrays.copyOf(all, n);
    }

    @Override
    public void close() {
      socket.close();
      enc.close();
    }
  }

  private Party party(String tag, String codec, double tone) {
    Party p = new Party(tag, codec, tone);
    parties.add(p);
    return p;
  }

  private Map<String, Object> join(String room, Party p) {
    Map<String, Object> r = node.ng().ok("command", "join room", "call-id", room, "from-tag", p.tag, "sdp", p.sdp());
    SdpView answer = SdpView.of(r);
    p.relayPort = answer.port();
    assertTrue(TestNode.inRelayRange(p.relayPort), answer.text());
    assertTrue(answer.text().contains("a=rtpmap:" + p.pt + " "), answer.text());
    return r;
  }

  /** {@code senders} send their tones for {@code frames} x 20 ms, paced like phones. */
  private static void talk(List<Party> senders, int frames) {
    long next = System.nanoTime();
    for (int f = 0; f < frames; f++) {
      for (Party p : senders) p.sendFrame();
      next += 20_000_000L;
      LockSupport.parkNanos(next - System.nanoTime());
    }
    LockSupport.parkNanos(100_000_000L);
  }

  /** Amplitude of the {@code freq} component of {@code s} (Goertzel). */
  static double level(short[] s, double freq, int rate) {
    return Signals.amplitude(s, freq, rate);
  }

  /** Each listener heard every speaker's tone except its own, in the last phase. */
  private static void assertMix(List<Party> listeners, List<Party> speakers) {
    assertMix(listeners, speakers, List.of());
  }

  /** As above, and nobody heard the {@code unheard} (they send, but are not in the room). */
  private static void assertMix(List<Party> listeners, List<Party> speakers, List<Party> unheard) {
    for (Party who : listeners) {
      List<byte[]> got = who.takeHeard();
      assertTrue(got.size() >= 40, who.tag + " got " + got.size() + " packets");
      assertOneStream(who, got);
      short[] s = who.decode(got, 15);
      for (Party other : speakers) {
        double l = level(s, other.tone, who.rate);
        if (other == who || unheard.contains(other)) {
          assertTrue(l < AMPLITUDE / 20.0, who.tag + " hears " + other.tag + "'s " + other.tone + " Hz at " + l);
        } else {
          assertTrue(l > AMPLITUDE / 3.0, who.tag + " hears " + other.tag + "'s " + other.tone + " Hz only at " + l);
        }
      }
    }
  }

  /** One SSRC, sequence numbers that follow on (loopback loses nothing). */
  private static void assertOneStream(Party who, List<byte[]> got) {
    int ssrc = java.nio.ByteBuffer.wrap(got.get(0), 8, 4).getInt();
    for (int i = 1; i < got.size(); i++) {
      byte[] p = got.get(i - 1);
      byte[] q = got.get(i);
      assertEquals(ssrc, java.nio.ByteBuffer.wrap(q, 8, 4).getInt(), who.tag + ": one SSRC");
      int sp = ((p[2] & 0xFF) << 8) | (p[3] & 0xFF);
      int sq = ((q[2] & 0xFF) << 8) | (q[3] & 0xFF);
      assertEquals((sp + 1) & 0xFFFF, sq, who.tag + ": continuous sequence numbers");
    }
  }

  @Test
  void threePartiesHearEachOtherNotThemselvesThenOneJoinsAndOneLeaves() {
    node = TestNode.start();
    Party a = party("a", "PCMU", 440);
    Party b = party("b", "PCMU", 1000);
    Party c = party("c", "PCMU", 1600);
    assertEquals(1L, join("room-1", a).get("participants"));
    join("room-1", b);
    assertEquals(3L, join("room-1", c).get("participants"));
    List<Party> abc = List.of(a, b, c);
    talk(abc, 30);
    abc.forEach(Party::takeHeard);
    talk(abc, 75);
    assertMix(abc, abc);

    // d (Opus) joins while the room runs; the mix goes to 48 kHz, everyone's stream goes on.
    Party d = party("d", "opus", 2400);
    assertEquals(4L, join("room-1", d).get("participants"));
    List<Party> all = List.of(a, b, c, d);
    talk(all, 30);
    all.forEach(Party::takeHeard);
    talk(all, 75);
    assertMix(all, all);

    // b leaves: it goes on sending to its old port, and nobody hears it any more; b hears nothing.
    Map<String, Object> left = node.ng().ok("command", "leave room", "call-id", "room-1", "from-tag", "b");
    assertEquals(3L, left.get("participants"));
    talk(all, 30);
    all.forEach(Party::takeHeard);
    talk(all, 75);
    assertMix(List.of(a, c, d), List.of(a, c, d), List.of(b));
    assertEquals(0, b.takeHeard().size(), "b hears nothing after leaving");

    // A participant's delete (what a proxy sends on its BYE) is its leave.
    assertEquals(2L, node.ng().ok("command", "delete", "call-id", "room-1", "from-tag", "c").get("participants"));
    // Deleting the room ends it for everyone.
    node.ng().ok("command", "delete", "call-id", "room-1");
    LockSupport.parkNanos(200_000_000L);
    all.forEach(Party::takeHeard);
    talk(List.of(a), 10);
    assertEquals(0, a.takeHeard().size(), "nothing after delete");
  }

  @Test
  void mixedCodecsEachHearTheOthersInTheirOwnCodec() {
    node = TestNode.start();
    Party a = party("a", "PCMU", 440);
    Party b = party("b", "G722", 1000);
    Party c = party("c", "opus", 1600);
    Party d = party("d", "PCMA", 2400);
    List<Party> all = List.of(a, b, c, d);
    // rtpmesh's `offer` with the `conference` flag is the same as join room.
    for (Party p : all) {
      Map<String, Object> r = node.ng().ok("command", "offer", "call-id", "room-mixed", "from-tag", p.tag,
          "sdp", p.sdp(), "flags", List.of("conference"));
      p.relayPort = SdpView.of(r).port();
    }
    talk(all, 30);
    all.forEach(Party::takeHeard);
    talk(all, 75);
    assertMix(all, all);
  }

  @Test
  void roomTakenOverFromItsRecordMixesOnTheSamePorts() {
    TestNode first = TestNode.start();
    node = first;
    Party a = party("a", "PCMU", 440);
    Party b = party("b", "PCMA", 1000);
    Party c = party("c", "G722", 1600);
    List<Party> abc = List.of(a, b, c);
    for (Party p : abc) join("room-3", p);
    talk(abc, 20);
    abc.forEach(Party::takeHeard);
    io.vertx.core.json.JsonObject record = first.control.record("room-3").await();
    first.close();
    node = TestNode.start(); // as a cluster survivor: the same ports, from the room's record
    node.control.adopt(record).await();
    talk(abc, 30);
    abc.forEach(Party::takeHeard);
    talk(abc, 75);
    assertMix(abc, abc);
  }

  @Test
  void badRequestsFailWithAReasonAndTheRoomGoesOn() {
    node = TestNode.start();
    NgClient ng = node.ng();
    Party a = party("a", "PCMU", 440);
    Party b = party("b", "PCMA", 1000);
    join("room-2", a);
    join("room-2", b);

    assertEquals("Unknown call-id", ng.error("command", "leave room", "call-id", "no-such-room", "from-tag", "a"));
    assertEquals("Unknown participant 'x' in conference room 'room-2'",
        ng.error("command", "leave room", "call-id", "room-2", "from-tag", "x"));
    String g729 = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio 4000 RTP/AVP 18\r\na=rtpmap:18 G729/8000\r\n";
    assertEquals("No codec the conference can mix (PCMU, PCMA, G722, opus) in the offer: G729/8000",
        ng.error("command", "join room", "call-id", "room-2", "from-tag", "z", "sdp", g729));
    String video = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=video 4000 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n";
    assertEquals("No audio stream in the SDP to join the conference with",
        ng.error("command", "join room", "call-id", "room-2", "from-tag", "z", "sdp", video));
    String savp = a.sdp().replace("RTP/AVP", "RTP/SAVP");
    assertTrue(ng.error("command", "join room", "call-id", "room-2", "from-tag", "z", "sdp", savp)
        .startsWith("Conference rooms take plain RTP"));
    assertEquals("No from-tag in message", ng.error("command", "join room", "call-id", "room-2", "sdp", a.sdp()));
    // A room is not a two-party call, and a call is not a room.
    assertEquals("Call-ID is a conference room: use 'join room' or the 'conference' flag",
        ng.error("command", "offer", "call-id", "room-2", "from-tag", "q", "sdp", a.sdp()));
    Party p = party("p", "PCMU", 300);
    ng.ok("command", "offer", "call-id", "plain-call", "from-tag", "p", "sdp", p.sdp());
    assertEquals("Call-ID is in use by a call that is not a conference room",
        ng.error("command", "join room", "call-id", "plain-call", "from-tag", "z", "sdp", a.sdp()));
    assertEquals("Call-ID is in use by a call that is not a conference room",
        ng.error("command", "leave room", "call-id", "plain-call", "from-tag", "p"));
    // The failed joins left no participant behind, and the room still mixes.
    List<Party> ab = List.of(a, b);
    talk(ab, 30);
    ab.forEach(Party::takeHeard);
    talk(ab, 60);
    assertMix(ab, ab);
    Map<?, ?> tags = (Map<?, ?>) ng.ok("command", "query", "call-id", "room-2").get("tags");
    assertEquals(List.of("a", "b"), List.copyOf(tags.keySet()), "query lists the participants");
    // Leaving twice: the second time there is no such participant.
    assertEquals(1L, ng.ok("command", "leave room", "call-id", "room-2", "from-tag", "b").get("participants"));
    assertEquals("Unknown participant 'b' in conference room 'room-2'",
        ng.error("command", "leave room", "call-id", "room-2", "from-tag", "b"));
    // The last one out ends the room.
    assertEquals(0L, ng.ok("command", "leave room", "call-id", "room-2", "from-tag", "a").get("participants"));
    assertEquals("Unknown call-id", ng.error("command", "leave room", "call-id", "room-2", "from-tag", "a"));
  }
}
