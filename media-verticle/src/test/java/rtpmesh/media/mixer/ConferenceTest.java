package rtpmesh.media.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rtpmesh.media.codec.AudioDecoder;
import rtpmesh.media.codec.AudioEncoder;
import rtpmesh.media.codec.Signals;
import rtpmesh.media.transcode.AudioCodecs;
import rtpmesh.media.transcode.CodecSpec;

/** The mix itself, without sockets: who hears which tone, RTP continuity, join and leave. */
class ConferenceTest {
  static final CodecSpec PCMU = new CodecSpec(0, "PCMU", 8000, 1, null, 20, -1, -1);
  static final CodecSpec PCMA = new CodecSpec(8, "PCMA", 8000, 1, null, 20, -1, -1);
  static final CodecSpec G722 = new CodecSpec(9, "G722", 8000, 1, null, 20, -1, -1);
  static final CodecSpec OPUS = new CodecSpec(111, "opus", 48000, 2, null, 20, -1, -1);

  /** One simulated party: sends its tone, keeps what it hears decoded at its codec's rate. */
  static final class Party {
    final CodecSpec spec;
    final double tone;
    final AudioEncoder enc;
    final AudioDecoder dec;
    final int rate;
    final short[] pcm;
    MixParticipant p;
    int sent;
    final List<short[]> heard = new ArrayList<>();
    final List<byte[]> packets = new ArrayList<>();

    Party(CodecSpec spec, double tone) {
      this.spec = spec;
      this.tone = tone;
      this.rate = AudioCodecs.pcmRate(spec);
      this.enc = AudioCodecs.encoder(spec, rate);
      this.dec = AudioCodecs.decoder(spec, rate, 1);
      this.pcm = Signals.sine(tone, rate, rate * 4, 8000);
    }

    void send(Conference c) {
      int frame = rate / 50;
      byte[] out = new byte[1500];
      short[] in = new short[frame * enc.channels()];
      for (int i = 0; i < frame; i++) {
        for (int ch = 0; ch < enc.channels(); ch++) in[i * enc.channels() + ch] = pcm[(sent * frame + i) % pcm.length];
      }
      int len = enc.encode(in, 0, frame, out, 0);
      sent++;
      assertTrue(c.receive(p, spec.pt(), out, 0, len));
    }

    void hear(byte[] rtp, int len) {
      packets.add(java.util.Arrays.copyOf(rtp, len));
      short[] s = new short[5760];
      int n = dec.decode(rtp, 12, len - 12, s);
      heard.add(java.util.Arrays.copyOf(s, n));
    }

    /** What it heard in the last {@code frames} packets, concatenated. */
    short[] last(int frames) {
      List<short[]> tail = heard.subList(heard.size() - frames, heard.size());
      int n = tail.stream().mapToInt(a -> a.length).sum();
      short[] all = new short[n];
      int k = 0;
      for (short[] a : tail) {
        System.arraycopy(a, 0, all, k, a.length);
        k += a.length;
      }
      return all;
    }
  }

  /** Amplitude of the {@code freq} component (Goertzel over the whole array). */
  static double level(short[] s, double freq, int rate) {
    return Signals.amplitude(s, freq, rate);
  }

  /** {@code parties} send one frame each per tick; everyone in the room hears. */
  private static void run(Conference c, List<Party> parties, int ticks) {
    for (int t = 0; t < ticks; t++) {
      for (Party p : parties) p.send(c);
      c.tick((to, rtp, len) -> ((Party) to.owner()).hear(rtp, len));
    }
  }

  private static void assertHears(Party who, List<Party> all) {
    short[] s = who.last(25);
    for (Party other : all) {
      double l = level(s, other.tone, who.rate);
      if (other == who) {
        assertTrue(l < 200, who.tone + " Hz party hears its own tone at " + l);
      } else {
        assertTrue(l > 3000, who.tone + " Hz party hears " + other.tone + " Hz only at " + l);
      }
    }
  }

  @Test
  void eachOfThreeHearsTheOtherTwoAndNotItself() {
    Conference c = new Conference(0);
    List<Party> parties = List.of(new Party(PCMU, 440), new Party(PCMU, 1000), new Party(PCMU, 1600));
    for (Party p : parties) p.p = c.join(p, p.spec);
    assertEquals(8000, c.rate());
    run(c, parties, 60);
    for (Party p : parties) assertHears(p, parties);
  }

  @Test
  void mixedCodecsMixAt48kHz() {
    Conference c = new Conference(0);
    List<Party> parties = List.of(new Party(PCMU, 440), new Party(G722, 1000), new Party(OPUS, 1600), new Party(PCMA, 2400));
    for (Party p : parties) p.p = c.join(p, p.spec);
    assertEquals(48000, c.rate());
    run(c, parties, 60);
    for (Party p : parties) assertHears(p, parties);
  }

  @Test
  void outgoingStreamKeepsOneSsrcAndContinuousSequenceAcrossAJoin() {
    Conference c = new Conference(0);
    Party a = new Party(PCMU, 440);
    Party b = new Party(PCMU, 1000);
    a.p = c.join(a, a.spec);
    b.p = c.join(b, b.spec);
    run(c, List.of(a, b), 20);
    Party d = new Party(OPUS, 1600); // raises the mix rate to 48 kHz while the room runs
    d.p = c.join(d, d.spec);
    run(c, List.of(a, b, d), 40);
    assertHears(a, List.of(a, b, d));
    for (int i = 1; i < a.packets.size(); i++) {
      byte[] p = a.packets.get(i - 1);
      byte[] q = a.packets.get(i);
      assertEquals(java.nio.ByteBuffer.wrap(p, 8, 4).getInt(), java.nio.ByteBuffer.wrap(q, 8, 4).getInt(), "SSRC");
      assertEquals((seq(p) + 1) & 0xFFFF, seq(q), "sequence number");
      assertEquals(java.nio.ByteBuffer.wrap(p, 4, 4).getInt() + 160, java.nio.ByteBuffer.wrap(q, 4, 4).getInt(), "timestamp");
    }
    c.leave(d.p);
    assertEquals(8000, c.rate());
    c.leave(d.p); // twice: nothing happens
    assertEquals(2, c.participants().size());
  }

  @Test
  void silentPartyIsSilenceAndForeignPayloadIsRefused() {
    Conference c = new Conference(0);
    Party a = new Party(PCMU, 440);
    Party b = new Party(PCMU, 1000);
    a.p = c.join(a, a.spec);
    b.p = c.join(b, b.spec);
    assertTrue(!c.receive(a.p, 8, new byte[160], 0, 160), "PCMA into a PCMU participant");
    run(c, List.of(a), 30); // b sends nothing
    assertTrue(level(b.last(20), 440, 8000) > 3000);
    assertTrue(Signals.rms(a.last(20), 0, 3200) < 50, "a hears only silence");
  }

  @Test
  void unsupportedCodecCannotJoin() {
    Conference c = new Conference(0);
    assertThrows(IllegalArgumentException.class, () -> c.join("x", new CodecSpec(18, "G729", 8000, 1, null, 20, -1, -1)));
    assertEquals(0, c.participants().size());
  }

  private static int seq(byte[] p) {
    return ((p[2] & 0xFF) << 8) | (p[3] & 0xFF);
  }
}
