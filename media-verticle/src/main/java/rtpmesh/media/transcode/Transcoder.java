package rtpmesh.media.transcode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.ThreadLocalRandom;
import rtpmesh.media.codec.AudioDecoder;
import rtpmesh.media.codec.AudioEncoder;
import rtpmesh.media.codec.ComfortNoise;
import rtpmesh.media.codec.Resampler;
import rtpmesh.media.codec.TelephoneEvent;
import rtpmesh.media.dtmf.DtmfDetector;
import rtpmesh.media.dtmf.DtmfTone;
import rtpmesh.media.rtp.RtpHeader;

/**
 * One direction of a transcoded stream: RTP in the sending party's codec becomes RTP in the
 * receiving party's codec. decode → (resample) → PCM queue → encode one receiver ptime at a time, so
 * 20 ms in can become 30/40 ms out and back. The outgoing stream is ours: its own SSRC, sequence
 * numbers and timestamps (mapped from the incoming ones so gaps stay gaps), and our own RTCP sender
 * reports every 5 s instead of the sender's. telephone-event passes with its payload type and clock
 * mapped when the receiver has it, and becomes in-band tones when it does not; CN passes when both
 * have it and becomes noise otherwise.
 *
 * <p>Buffers and codec state are allocated once per stream; per packet only the outgoing buffers
 * come from the (pooled) allocator. Owned by one event loop; not thread-safe.
 */
public final class Transcoder {
  /** Where output goes: RTP (or an RTCP report, {@code rtcp}) for the receiving party; takes ownership. */
  public interface Sink {
    void emit(ByteBuf packet, boolean rtcp);
  }

  /** Gets each DTMF digit the sending party sent, once it ended: RFC 4733 or detected in-band. */
  public interface DtmfEvents {
    void dtmf(char digit, int durationMs, int volume, boolean inband);
  }

  static final int SR_INTERVAL_MS = 5000;
  private static final int MAX_FRAME = 5760 * 2;

  private final CodecSpec from;
  private final CodecSpec to;
  private final AudioDecoder decoder;
  private final AudioEncoder encoder;
  private final Resampler resampler;
  private final int channels;
  private final int frame;
  private final int frameTs;
  private final short[] decoded = new short[MAX_FRAME];
  private final short[] resampled;
  private short[] fifo;
  private int fifoLen;
  private final byte[] in = new byte[1500];
  private final byte[] out = new byte[1500];
  private final ComfortNoise noise = new ComfortNoise();
  private final DtmfTone tone;
  private final RtpHeader view = new RtpHeader();
  private final ByteBufAllocator alloc;

  private final int ssrc;
  private int seq;
  private boolean marker = true;
  private boolean started;
  private int lastInTs;
  private long inPos;
  private final int outBase;
  private int nextTs;

  private boolean toneActive;
  private int toneTs;
  private int toneDone;

  private DtmfEvents events;
  private boolean blockDtmf;
  private DtmfDetector detector;
  private char detected;
  private int detectedMs;
  private int reportedTs = Integer.MIN_VALUE;
  private boolean reportedAny;
  private final DtmfPlayer player;

  private long packets;
  private long octets;
  private long lastSrMs = -1;

  public Transcoder(CodecSpec from, CodecSpec to, ByteBufAllocator alloc) {
    this.from = from;
    this.to = to;
    this.alloc = alloc;
    this.encoder = AudioCodecs.encoder(to, AudioCodecs.pcmRate(from) == 48000 ? AudioCodecs.pcmRate(to) : AudioCodecs.pcmRate(from));
    this.channels = encoder.channels();
    this.decoder = AudioCodecs.decoder(from, encoder.sampleRate(), channels);
    this.resampler = decoder.sampleRate() == encoder.sampleRate() ? null : new Resampler(decoder.sampleRate(), encoder.sampleRate());
    this.resampled = new short[MAX_FRAME * 6];
    this.frame = encoder.sampleRate() * to.ptime() / 1000;
    this.frameTs = (int) ((long) frame * to.rate() / encoder.sampleRate());
    this.fifo = new short[Math.max(frame * channels * 4, MAX_FRAME * 2)];
    this.tone = new DtmfTone(decoder.sampleRate());
    this.player = new DtmfPlayer(decoder.sampleRate());
    ThreadLocalRandom r = ThreadLocalRandom.current();
    this.ssrc = r.nextInt();
    this.seq = r.nextInt(1 << 16);
    this.outBase = r.nextInt();
  }

  /**
   * DTMF options: where digits are reported ({@code events}, null = nowhere), whether in-band tones
   * are listened for ({@code detect}; always when the receiver takes RFC 4733 and the sender has
   * none, to convert them), and whether digits are kept from the receiver ({@code block}).
   */
  public void dtmfOptions(DtmfEvents events, boolean detect, boolean block) {
    this.events = events;
    this.blockDtmf = block;
    boolean listen = detect || (from.dtmfPt() < 0 && to.dtmfPt() >= 0);
    if (listen && detector == null) {
      detector = new DtmfDetector(decoder.sampleRate(), this::inbandDigit);
    } else if (!listen) {
      detector = null;
    }
  }

  /** Queues digits to send to the receiver as if the sender had sent them (ng {@code play DTMF}). */
  public void play(String digits, int durationMs, int pauseMs, int volume) {
    player.queue(digits, durationMs, pauseMs, volume);
  }

  public CodecSpec from() {
    return from;
  }

  public CodecSpec to() {
    return to;
  }

  /** Our SSRC on the outgoing stream. */
  public int ssrc() {
    return ssrc;
  }

  /**
   * Takes one RTP packet from the sending party (read only; the caller keeps ownership) and emits
   * what it turns into (none while a longer outgoing ptime fills). False when it cannot be decoded:
   * not RTP, an unnegotiated payload type, or a corrupt payload.
   */
  public boolean rtp(ByteBuf buf, long nowMs, Sink sink) {
    int off = buf.readerIndex();
    int len = buf.readableBytes();
    if (!view.wrap(buf, off, len).isValid()) return false;
    int hl = view.headerLength();
    if (hl < 0) return false;
    int plen = len - hl - (view.padding() ? buf.getUnsignedByte(off + len - 1) : 0);
    if (plen < 0 || plen > in.length) return false;
    int pt = view.payloadType();
    int ts = (int) view.timestamp();
    advance(ts);
    buf.getBytes(off + hl, in, 0, plen);
    if (pt == from.dtmfPt()) return dtmf(plen, ts, view.marker(), nowMs, sink);
    if (pt == from.cnPt()) return comfortNoise(plen, ts, nowMs, sink);
    if (pt != from.pt()) return false;
    if (toneActive) {
      // The party sends audio beside its event; the receiver hears the tone we make instead.
      if ((ts - toneTs) - toneDone < from.rate() / 10) return true;
      toneActive = false;
    }
    int n = decoder.decode(in, 0, plen, decoded);
    if (n < 0) return false;
    if (detector != null && decoder.channels() == 1) {
      detected = 0;
      detector.process(decoded, 0, n);
      if (detected != 0) inbandDone(ts, nowMs, sink);
    }
    if (player.active()) {
      if (to.dtmfPt() >= 0) {
        playEvents(n, ts, nowMs, sink);
      } else {
        player.fillTone(decoded, n, decoder.channels());
      }
    }
    push(decoded, n, ts, nowMs, sink);
    return true;
  }

  private void inbandDigit(char digit, int ms) {
    detected = digit;
    detectedMs = ms;
  }

  /** An in-band digit ended: report it, and send it as RFC 4733 to a receiver that takes events. */
  private void inbandDone(int ts, long nowMs, Sink sink) {
    if (events != null) events.dtmf(detected, detectedMs, 10, true);
    if (blockDtmf || to.dtmfPt() < 0) return;
    int event = TelephoneEvent.eventOf(detected);
    int duration = (int) Math.min(0xFFFF, (long) detectedMs * to.rate() / 1000);
    int start = mapTs(ts) - duration;
    marker = true;
    for (int i = 0; i < 3; i++) {
      TelephoneEvent.write(out, 0, event, true, 10, duration);
      emit(to.dtmfPt(), start, out, TelephoneEvent.LENGTH, nowMs, sink);
    }
  }

  /** play DTMF towards a receiver that takes RFC 4733: events on our timestamps, the audio muted. */
  private void playEvents(int n, int ts, long nowMs, Sink sink) {
    DtmfPlayer.Step step = player.advance(n);
    java.util.Arrays.fill(decoded, 0, n * decoder.channels(), (short) 0);
    if (step == null) return;
    int duration = (int) Math.min(0xFFFF, (long) step.samplesDone() * to.rate() / player.rate());
    if (step.started()) {
      marker = true;
      player.eventTs = mapTs(ts);
    }
    TelephoneEvent.write(out, 0, TelephoneEvent.eventOf(step.digit()), step.ended(), step.volume(), duration);
    for (int i = 0; i < (step.ended() ? 3 : 1); i++) emit(to.dtmfPt(), player.eventTs, out, TelephoneEvent.LENGTH, nowMs, sink);
  }

  /** Unwraps the 32-bit input timestamp into a running position (reordering tolerated). */
  private void advance(int ts) {
    if (!started) {
      started = true;
      lastInTs = ts;
      inPos = 0;
      return;
    }
    inPos += ts - lastInTs;
    lastInTs = ts;
  }

  /** Output timestamp of an input timestamp that {@link #advance} has seen. */
  private int mapTs(int ts) {
    long pos = inPos + (ts - lastInTs);
    return outBase + (int) (pos * to.rate() / from.rate());
  }

  private void push(short[] pcm, int samples, int ts, long nowMs, Sink sink) {
    if (fifoLen == 0) {
      int mapped = mapTs(ts);
      if (mapped != nextTs) marker = true; // a gap (DTX, loss): a new talkspurt for the receiver
      nextTs = mapped;
    }
    short[] src = pcm;
    int n = samples;
    if (resampler != null) {
      n = resampler.process(pcm, 0, samples, resampled);
      src = resampled;
    }
    int decCh = decoder.channels();
    int need = fifoLen + n * channels;
    if (need > fifo.length) {
      short[] bigger = new short[need * 2];
      System.arraycopy(fifo, 0, bigger, 0, fifoLen);
      fifo = bigger;
    }
    if (decCh == channels) {
      System.arraycopy(src, 0, fifo, fifoLen, n * channels);
    } else if (channels == 2) {
      for (int i = 0; i < n; i++) fifo[fifoLen + 2 * i] = fifo[fifoLen + 2 * i + 1] = src[i];
    } else {
      for (int i = 0; i < n; i++) fifo[fifoLen + i] = (short) ((src[2 * i] + src[2 * i + 1]) >> 1);
    }
    fifoLen += n * channels;
    int step = frame * channels;
    while (fifoLen >= step) {
      int bytes = encoder.encode(fifo, 0, frame, out, 0);
      fifoLen -= step;
      System.arraycopy(fifo, step, fifo, 0, fifoLen);
      if (bytes > 0) emit(to.pt(), nextTs, out, bytes, nowMs, sink);
      nextTs += frameTs;
    }
  }

  private boolean dtmf(int plen, int ts, boolean mark, long nowMs, Sink sink) {
    if (plen < TelephoneEvent.LENGTH) return false;
    int event = TelephoneEvent.event(in, 0);
    boolean end = TelephoneEvent.end(in, 0);
    int volume = TelephoneEvent.volume(in, 0);
    int duration = TelephoneEvent.duration(in, 0);
    if (end && (!reportedAny || ts != reportedTs)) {
      reportedTs = ts;
      reportedAny = true;
      char d = TelephoneEvent.digit(event);
      if (events != null && d != 0) events.dtmf(d, (int) ((long) duration * 1000 / from.rate()), volume, false);
    }
    if (blockDtmf) return true;
    if (to.dtmfPt() >= 0) {
      int scaled = (int) Math.min(0xFFFF, (long) duration * to.rate() / from.rate());
      TelephoneEvent.write(out, 0, event, end, volume, scaled);
      marker = mark;
      emit(to.dtmfPt(), mapTs(ts), out, TelephoneEvent.LENGTH, nowMs, sink);
      return true;
    }
    char digit = TelephoneEvent.digit(event);
    if (digit == 0) return true; // not DTMF: nothing to play
    if (!toneActive || ts != toneTs) {
      if (ts == toneTs && !toneActive) return true; // a repeated end packet of a finished event
      toneTs = ts;
      toneDone = 0;
      toneActive = true;
      tone.reset();
    }
    int more = duration - toneDone;
    if (more > 0) {
      int rate = decoder.sampleRate();
      int samples = (int) ((long) more * rate / from.rate());
      int start = ts + toneDone;
      toneDone = duration;
      for (int done = 0; done < samples; ) {
        int chunk = Math.min(samples - done, rate / 50);
        tone.fill(digit, volume, decoded, 0, chunk);
        if (decoder.channels() == 2) {
          for (int i = chunk - 1; i >= 0; i--) decoded[2 * i] = decoded[2 * i + 1] = decoded[i];
        }
        push(decoded, chunk, start + (int) ((long) done * from.rate() / rate), nowMs, sink);
        done += chunk;
      }
    }
    if (end) toneActive = false;
    return true;
  }

  private boolean comfortNoise(int plen, int ts, long nowMs, Sink sink) {
    if (!ComfortNoise.valid(plen, in, 0)) return false;
    if (to.cnPt() >= 0) {
      System.arraycopy(in, 0, out, 0, plen);
      emit(to.cnPt(), mapTs(ts), out, plen, nowMs, sink);
      return true;
    }
    int samples = decoder.sampleRate() * from.ptime() / 1000;
    noise.fill(ComfortNoise.level(in, 0), decoded, samples);
    if (decoder.channels() == 2) {
      for (int i = samples - 1; i >= 0; i--) decoded[2 * i] = decoded[2 * i + 1] = decoded[i];
    }
    push(decoded, samples, ts, nowMs, sink);
    return true;
  }

  private void emit(int pt, int ts, byte[] payload, int len, long nowMs, Sink sink) {
    // Room for an SRTP tag and MKI when the receiver's leg protects in place.
    ByteBuf p = alloc.directBuffer(RtpHeader.FIXED_LENGTH + len + 32);
    p.writeByte(0x80);
    p.writeByte((marker ? 0x80 : 0) | (pt & 0x7F));
    p.writeShort(seq++);
    p.writeInt(ts);
    p.writeInt(ssrc);
    p.writeBytes(payload, 0, len);
    marker = false;
    packets++;
    octets += len;
    sink.emit(p, false);
    if (lastSrMs < 0) {
      lastSrMs = nowMs;
    } else if (nowMs - lastSrMs >= SR_INTERVAL_MS) {
      lastSrMs = nowMs;
      ByteBuf r = alloc.directBuffer(RtcpReport.length() + 32);
      RtcpReport.writeSr(r, ssrc, nowMs, ts, packets, octets);
      sink.emit(r, true);
    }
  }

  public long packetsSent() {
    return packets;
  }

  /** Frees native codec state (libopus); the transcoder must not be used afterwards. */
  public void close() {
    decoder.close();
    encoder.close();
  }
}
