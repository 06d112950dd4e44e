package rtpmesh.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rtpmesh.media.codec.AudioDecoder;
import rtpmesh.media.codec.AudioEncoder;
import rtpmesh.media.codec.G711;
import rtpmesh.media.codec.G722Encoder;
import rtpmesh.media.codec.Opus;
import rtpmesh.media.codec.OpusFmtp;
import rtpmesh.media.codec.Signals;
import rtpmesh.media.codec.TelephoneEvent;
import rtpmesh.media.dtmf.DtmfDetector;
import rtpmesh.media.rtp.RtpHeader;

class TranscoderTest {
  static final CodecSpec PCMU20 = new CodecSpec(0, "PCMU", 8000, 1, null, 20, 101, -1);
  static final CodecSpec PCMU40 = new CodecSpec(0, "PCMU", 8000, 1, null, 40, 101, -1);
  static final CodecSpec PCMA30 = new CodecSpec(8, "PCMA", 8000, 1, null, 30, -1, -1);
  static final CodecSpec OPUS = new CodecSpec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", 20, 110, -1);
  static final CodecSpec G722 = new CodecSpec(9, "G722", 8000, 1, null, 20, -1, -1);

  private final List<ByteBuf> rtp = new ArrayList<>();
  private final List<ByteBuf> rtcp = new ArrayList<>();
  private final Transcoder.Sink sink = (p, isRtcp) -> (isRtcp ? rtcp : rtp).add(p);

  @AfterEach
  void release() {
    rtp.forEach(ByteBuf::release);
    rtcp.forEach(ByteBuf::release);
  }

  static ByteBuf packet(int pt, int seq, long ts, int ssrc, byte[] payload, int off, int len) {
    ByteBuf b = Unpooled.buffer();
    b.writeByte(0x80).writeByte(pt).writeShort(seq).writeInt((int) ts).writeInt(ssrc);
    b.writeBytes(payload, off, len);
    return b;
  }

  private static RtpHeader view(ByteBuf b) {
    return new RtpHeader().wrap(b);
  }

  private static byte[] payload(ByteBuf b) {
    RtpHeader h = view(b);
    byte[] p = new byte[b.readableBytes() - h.headerLength()];
    b.getBytes(b.readerIndex() + h.headerLength(), p);
    return p;
  }

  /** Feeds {@code ms} of 8 kHz PCM as PCMU packets of {@code ptime}; returns the transcoder. */
  private Transcoder feedPcmu(Transcoder t, short[] pcm, int ptime, long now) {
    int n = 8 * ptime;
    byte[] wire = new byte[pcm.length];
    new G711.Ulaw().encode(pcm, 0, pcm.length, wire, 0);
    for (int i = 0; i + n <= pcm.length; i += n) {
      ByteBuf in = packet(0, 1000 + i / n, 5000 + i, 0x11111111, wire, i, n);
      assertTrue(t.rtp(in, now + i / 8, sink));
      in.release();
    }
    return t;
  }

  @ParameterizedTest
  @CsvSource({"20, 40", "40, 20", "20, 30", "30, 20"})
  void repacketizesWithContinuousTimestampsAndOwnSsrc(int inPtime, int outPtime) {
    CodecSpec in = new CodecSpec(0, "PCMU", 8000, 1, null, inPtime, -1, -1);
    CodecSpec out = new CodecSpec(8, "PCMA", 8000, 1, null, outPtime, -1, -1);
    Transcoder t = new Transcoder(in, out, UnpooledByteBufAllocator.DEFAULT);
    feedPcmu(t, Signals.sine(1000, 8000, 9600, 8000), inPtime, 0);
    assertEquals(9600 / (8 * outPtime), rtp.size());
    for (int i = 0; i < rtp.size(); i++) {
      RtpHeader h = view(rtp.get(i));
      assertEquals(8, h.payloadType());
      assertEquals(8 * outPtime, rtp.get(i).readableBytes() - 12);
      assertEquals(t.ssrc(), h.ssrc());
      assertNotEquals(0x11111111, h.ssrc());
      assertEquals(i == 0, h.marker());
      if (i > 0) {
        RtpHeader prev = view(rtp.get(i - 1));
        assertEquals((prev.sequenceNumber() + 1) & 0xFFFF, h.sequenceNumber());
        assertEquals((prev.timestamp() + 8L * outPtime) & 0xFFFFFFFFL, h.timestamp());
      }
    }
  }

  @Test
  void gapInInputIsAGapWithAMarkerInOutput() {
    Transcoder t = new Transcoder(PCMU20, PCMA30.withPtime(20), UnpooledByteBufAllocator.DEFAULT);
    byte[] pay = new byte[160];
    for (int k : new int[] {0, 1, 2, 10, 11}) {
      ByteBuf in = packet(0, k, 160L * k, 1, pay, 0, 160);
      t.rtp(in, 20L * k, sink);
      in.release();
    }
    assertEquals(5, rtp.size());
    assertEquals(160L * 8, (view(rtp.get(3)).timestamp() - view(rtp.get(2)).timestamp()) & 0xFFFFFFFFL);
    assertTrue(view(rtp.get(3)).marker());
    assertFalse(view(rtp.get(4)).marker());
  }

  @Test
  void pcmuToneComesOutOfOpusAndBack() {
    Transcoder up = new Transcoder(PCMU20, OPUS, UnpooledByteBufAllocator.DEFAULT);
    feedPcmu(up, Signals.sine(1000, 8000, 16000, 8000), 20, 0);
    assertEquals(100, rtp.size());
    AudioDecoder dec = Opus.decoder(48000, 1);
    short[] pcm = new short[5760];
    short[] all = new short[96000];
    long prevTs = -1;
    for (int i = 0; i < rtp.size(); i++) {
      RtpHeader h = view(rtp.get(i));
      assertEquals(111, h.payloadType());
      if (prevTs >= 0) assertEquals(960, (h.timestamp() - prevTs) & 0xFFFFFFFFL, "48 kHz clock, 20 ms");
      prevTs = h.timestamp();
      byte[] p = payload(rtp.get(i));
      assertEquals(960, dec.decode(p, 0, p.length, pcm));
      System.arraycopy(pcm, 0, all, i * 960, 960);
    }
    assertEquals(1000, Signals.peakFrequency(all, 48000, 32768, 48000), 2.0);
    dec.close();
    up.close();

    // And an Opus caller's 1.5 kHz reaches a PCMU callee.
    rtp.forEach(ByteBuf::release);
    rtp.clear();
    Transcoder down = new Transcoder(OPUS, PCMU20, UnpooledByteBufAllocator.DEFAULT);
    AudioEncoder enc = Opus.encoder(48000, OpusFmtp.DEFAULT);
    short[] sine = Signals.sine(1500, 48000, 96000, 8000);
    byte[] pkt = new byte[1500];
    for (int f = 0; f < 100; f++) {
      int len = enc.encode(sine, f * 960, 960, pkt, 0);
      ByteBuf in = packet(111, f, 960L * f, 7, pkt, 0, len);
      assertTrue(down.rtp(in, 20L * f, sink));
      in.release();
    }
    assertEquals(100, rtp.size());
    short[] heard = new short[16000];
    int k = 0;
    for (ByteBuf b : rtp) {
      byte[] p = payload(b);
      new G711.Ulaw().decode(p, 0, p.length, tmp);
      System.arraycopy(tmp, 0, heard, k, 160);
      k += 160;
    }
    assertEquals(1500, Signals.peakFrequency(heard, 4000, 8192, 8000), 2.0);
    enc.close();
    down.close();
  }

  private final short[] tmp = new short[5760];

  @Test
  void g722ToneReachesPcmu() {
    Transcoder t = new Transcoder(G722, PCMU20, UnpooledByteBufAllocator.DEFAULT);
    short[] sine = Signals.sine(700, 16000, 32000, 8000);
    byte[] wire = new byte[16000];
    new G722Encoder().encode(sine, 0, 32000, wire, 0);
    for (int f = 0; f < 100; f++) {
      ByteBuf in = packet(9, f, 160L * f, 3, wire, f * 160, 160); // 8000 Hz RTP clock for 16 kHz audio
      assertTrue(t.rtp(in, 20L * f, sink));
      in.release();
    }
    assertEquals(100, rtp.size());
    short[] heard = new short[16000];
    for (int i = 0; i < 100; i++) {
      new G711.Ulaw().decode(payload(rtp.get(i)), 0, 160, tmp);
      System.arraycopy(tmp, 0, heard, i * 160, 160);
      if (i > 0) assertEquals(160, (view(rtp.get(i)).timestamp() - view(rtp.get(i - 1)).timestamp()) & 0xFFFFFFFFL);
    }
    assertEquals(700, Signals.peakFrequency(heard, 4000, 8192, 8000), 2.0);
    assertTrue(Signals.toneSnr(heard, 4000, 8000, 700, 8000) > 20, "G.722 -> PCMU SNR");
  }

  @Test
  void telephoneEventIsMappedToTheReceiversPayloadTypeAndClock() {
    Transcoder t = new Transcoder(PCMU20, OPUS, UnpooledByteBufAllocator.DEFAULT);
    byte[] ev = new byte[4];
    for (int d = 160; d <= 800; d += 160) {
      TelephoneEvent.write(ev, 0, 5, d == 800, 10, d);
      ByteBuf in = packet(101, d / 160, 8000, 1, ev, 0, 4);
      assertTrue(t.rtp(in, d / 8, sink));
      in.release();
    }
    assertEquals(5, rtp.size());
    byte[] last = payload(rtp.get(4));
    assertEquals(110, view(rtp.get(4)).payloadType());
    assertEquals(5, TelephoneEvent.event(last, 0));
    assertTrue(TelephoneEvent.end(last, 0));
    assertEquals(4800, TelephoneEvent.duration(last, 0), "800 at 8 kHz is 4800 at 48 kHz");
    assertEquals(view(rtp.get(0)).timestamp(), view(rtp.get(4)).timestamp(), "one event, one timestamp");
  }

  @Test
  void telephoneEventBecomesInBandToneForAReceiverWithoutIt() {
    Transcoder t = new Transcoder(PCMU20, PCMA30.withPtime(20), UnpooledByteBufAllocator.DEFAULT);
    byte[] ev = new byte[4];
    int seq = 0;
    for (int d = 160; d <= 1600; d += 160) {
      TelephoneEvent.write(ev, 0, 11, d == 1600, 10, d);
      ByteBuf in = packet(101, seq++, 16000, 1, ev, 0, 4);
      t.rtp(in, 0, sink);
      in.release();
    }
    for (int r = 0; r < 2; r++) { // the end packet's retransmissions add nothing
      ByteBuf in = packet(101, seq++, 16000, 1, ev, 0, 4);
      t.rtp(in, 0, sink);
      in.release();
    }
    assertEquals(10, rtp.size());
    StringBuilder digits = new StringBuilder();
    DtmfDetector det = new DtmfDetector(8000, (c, ms) -> digits.append(c));
    for (ByteBuf b : rtp) {
      assertEquals(8, view(b).payloadType());
      byte[] p = payload(b);
      new G711.Alaw().decode(p, 0, p.length, tmp);
      det.process(tmp, 0, p.length);
    }
    det.process(new short[800], 0, 800);
    assertEquals("#", digits.toString());
  }

  @Test
  void senderReportEveryFiveSecondsAndUnknownPayloadRefused() {
    Transcoder t = new Transcoder(PCMU20, PCMA30, UnpooledByteBufAllocator.DEFAULT);
    feedPcmu(t, new short[8 * 12000], 20, 0); // 12 s
    assertEquals(2, rtcp.size());
    ByteBuf sr = rtcp.get(0);
    assertEquals(200, sr.getUnsignedByte(1));
    assertEquals(t.ssrc(), sr.getInt(4));
    assertEquals(202, sr.getUnsignedByte(29), "SDES follows the SR");
    ByteBuf odd = packet(18, 1, 0, 1, new byte[20], 0, 20);
    assertFalse(t.rtp(odd, 0, sink));
    ByteBuf junk = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
    assertFalse(t.rtp(junk, 0, sink));
    odd.release();
  }

  private final List<String> reported = new ArrayList<>();
  private final Transcoder.DtmfEvents events = (d, ms, vol, inband) -> reported.add(d + (inband ? "/inband" : "/rfc4733"));

  private List<byte[]> eventsOut(int pt) {
    List<byte[]> out = new ArrayList<>();
    for (ByteBuf b : rtp) if (view(b).payloadType() == pt) out.add(payload(b));
    return out;
  }

  @Test
  void inBandDigitIsDetectedReportedAndSentAsRfc4733() {
    CodecSpec noEvents = new CodecSpec(0, "PCMU", 8000, 1, null, 20, -1, -1);
    Transcoder t = new Transcoder(noEvents, PCMU20, UnpooledByteBufAllocator.DEFAULT);
    t.dtmfOptions(events, false, false);
    short[] pcm = new short[8000];
    new rtpmesh.media.dtmf.DtmfTone(8000).fill('7', 8, pcm, 800, 1600); // 200 ms of '7' after 100 ms
    feedPcmu(t, pcm, 20, 0);
    assertEquals(List.of("7/inband"), reported);
    List<byte[]> ev = eventsOut(101);
    assertEquals(3, ev.size(), "three end packets");
    assertEquals(7, TelephoneEvent.event(ev.get(0), 0));
    assertTrue(TelephoneEvent.end(ev.get(0), 0));
    assertEquals(1600, TelephoneEvent.duration(ev.get(0), 0), 160);
  }

  @Test
  void rfc4733DigitIsReportedOnceAndBlocked() {
    Transcoder t = new Transcoder(PCMU20, OPUS, UnpooledByteBufAllocator.DEFAULT);
    t.dtmfOptions(events, false, true);
    byte[] ev = new byte[4];
    for (int d = 160; d <= 960; d += 160) {
      TelephoneEvent.write(ev, 0, 1, d >= 800, 10, Math.min(d, 800));
      ByteBuf in = packet(101, d / 160, 4000, 1, ev, 0, 4);
      t.rtp(in, 0, sink);
      in.release();
    }
    assertEquals(List.of("1/rfc4733"), reported);
    assertEquals(0, rtp.size(), "blocked: nothing reaches the receiver");
  }

  @Test
  void playedDigitsAreTonesForAReceiverWithoutEvents() {
    Transcoder t = new Transcoder(PCMU20, PCMA30.withPtime(20), UnpooledByteBufAllocator.DEFAULT);
    t.play("12", 100, 100, 8);
    feedPcmu(t, new short[8000], 20, 0);
    StringBuilder digits = new StringBuilder();
    DtmfDetector det = new DtmfDetector(8000, (c, ms) -> digits.append(c));
    for (ByteBuf b : rtp) {
      byte[] p = payload(b);
      new G711.Alaw().decode(p, 0, p.length, tmp);
      det.process(tmp, 0, p.length);
    }
    assertEquals("12", digits.toString());
  }

  @Test
  void playedDigitIsRfc4733ForAReceiverWithEvents() {
    Transcoder t = new Transcoder(PCMU20, OPUS, UnpooledByteBufAllocator.DEFAULT);
    t.play("9", 100, 50, 8);
    feedPcmu(t, new short[8000], 20, 0);
    List<byte[]> ev = eventsOut(110);
    assertEquals(5 + 2, ev.size(), "one per 20 ms, the end three times");
    byte[] last = ev.get(ev.size() - 1);
    assertEquals(9, TelephoneEvent.event(last, 0));
    assertTrue(TelephoneEvent.end(last, 0));
    assertEquals(4800, TelephoneEvent.duration(last, 0), "100 ms at 48 kHz");
    assertFalse(TelephoneEvent.end(ev.get(0), 0));
  }
}
