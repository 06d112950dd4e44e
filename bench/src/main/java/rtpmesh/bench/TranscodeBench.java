package rtpmesh.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import org.HdrHistogram.Histogram;
import rtpmesh.media.codec.AudioEncoder;
import rtpmesh.media.codec.G711;
import rtpmesh.media.codec.G722Encoder;
import rtpmesh.media.codec.Opus;
import rtpmesh.media.codec.OpusFmtp;
import rtpmesh.media.transcode.CodecSpec;
import rtpmesh.media.transcode.Transcoder;

/**
 * Transcoding cost and delay, in-process on one thread: one channel is both directions of a call
 * (e.g. PCMU→Opus and Opus→PCMU), 50 packets a second each way. Channels per core = 1 s of audio /
 * thread CPU time to transcode 1 s of one channel. Per-packet time percentiles are wall clock of one
 * {@code Transcoder.rtp} call. The delay the codecs add is measured on PCMU → X → PCMU by
 * cross-correlating noise in and out.
 *
 * <pre>java -cp bench/target/rtpmesh-bench.jar rtpmesh.bench.TranscodeBench [seconds-of-audio]</pre>
 */
public final class TranscodeBench {
  private static final CodecSpec PCMU = new CodecSpec(0, "PCMU", 8000, 1, null, 20, -1, -1);
  private static final CodecSpec OPUS = new CodecSpec(111, "opus", 48000, 2, "useinbandfec=1", 20, -1, -1);
  private static final CodecSpec G722 = new CodecSpec(9, "G722", 8000, 1, null, 20, -1, -1);

  public static void main(String[] args) {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    System.out.println("opus implementation: " + Opus.implementation() + ", complexity " + Opus.COMPLEXITY);
    run("Opus<->PCMU", OPUS, Opus.encoder(48000, OpusFmtp.DEFAULT), 960, 48000, 960, seconds);
    run("G.722<->PCMU", G722, new G722Encoder(), 320, 16000, 160, seconds);
    delay("PCMU->Opus->PCMU", OPUS);
    delay("PCMU->G.722->PCMU", G722);
  }

  /** Packets of one second of a voice-band signal in {@code codec}. */
  private static ByteBuf[] packets(int pt, AudioEncoder enc, int frame, int rate, int tsStep) {
    Random r = new Random(1);
    short[] pcm = new short[rate];
    for (int i = 0; i < rate; i++) {
      pcm[i] = (short) (6000 * Math.sin(2 * Math.PI * 440 * i / rate) + 3000 * Math.sin(2 * Math.PI * 1700 * i / rate)
          + r.nextGaussian() * 500);
    }
    ByteBuf[] out = new ByteBuf[50];
    byte[] payload = new byte[1500];
    for (int f = 0; f < 50; f++) {
      int len = enc.encode(pcm, f * frame, frame, payload, 0);
      ByteBuf b = Unpooled.directBuffer(12 + len);
      b.writeByte(0x80).writeByte(pt).writeShort(f).writeInt(f * tsStep).writeInt(0x1234).writeBytes(payload, 0, len);
      out[f] = b;
    }
    return out;
  }

  private static void run(String name, CodecSpec other, AudioEncoder otherEnc, int otherFrame, int otherRate, int otherTs,
      int seconds) {
    ByteBuf[] fromPhone = packets(0, new G711.Ulaw(), 160, 8000, 160);
    ByteBuf[] fromOther = packets(other.pt(), otherEnc, otherFrame, otherRate, otherTs);
    Transcoder.Sink release = (p, rtcp) -> p.release();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Histogram perPacket = new Histogram(1_000_000_000L, 3);
    Transcoder up = null;
    Transcoder down = null;
    long cpu = 0;
    int frames = 0;
    for (int round = 0; round < 2; round++) { // round 0 warms up the JIT
      if (up != null) {
        up.close();
        down.close();
      }
      up = new Transcoder(PCMU, other, PooledByteBufAllocator.DEFAULT);
      down = new Transcoder(other, PCMU, PooledByteBufAllocator.DEFAULT);
      perPacket.reset();
      frames = (round == 0 ? Math.max(10, seconds / 3) : seconds) * 50;
      long c0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < frames; i++) {
        ByteBuf a = fromPhone[i % 50];
        ByteBuf b = fromOther[i % 50];
        // The same packets again and again: rewrite the timestamps so the streams run on.
        a.setInt(4, i * 160);
        b.setInt(4, i * otherTs);
        long t0 = System.nanoTime();
        up.rtp(a, i * 20L, release);
        long t1 = System.nanoTime();
        down.rtp(b, i * 20L, release);
        long t2 = System.nanoTime();
        perPacket.recordValue(t1 - t0);
        perPacket.recordValue(t2 - t1);
      }
      cpu = mx.getCurrentThreadCpuTime() - c0;
    }
    double cpuPerAudioSecond = cpu / 1e9 / (frames / 50.0);
    System.out.printf("%-14s %6.0f channels/core (%.1f us CPU per 20 ms both ways); per packet p50 %.1f us, p99 %.1f us, max %.1f us%n",
        name, 1 / cpuPerAudioSecond, cpu / 1e3 / frames, perPacket.getValueAtPercentile(50) / 1e3,
        perPacket.getValueAtPercentile(99) / 1e3, perPacket.getMaxValue() / 1e3);
    up.close();
    down.close();
  }

  /** Lag of PCMU -> X -> PCMU output behind its input, by cross-correlation of noise. */
  private static void delay(String name, CodecSpec other) {
    Random r = new Random(2);
    int n = 8000 * 2;
    short[] in = new short[n];
    for (int i = 0; i < n; i++) in[i] = (short) (r.nextGaussian() * 3000);
    byte[] wire = new byte[n];
    new G711.Ulaw().encode(in, 0, n, wire, 0);
    Transcoder up = new Transcoder(PCMU, other, PooledByteBufAllocator.DEFAULT);
    Transcoder down = new Transcoder(other, PCMU, PooledByteBufAllocator.DEFAULT);
    short[] out = new short[n];
    int[] written = {0};
    short[] tmp = new short[160];
    Transcoder.Sink toPhone = (p, rtcp) -> {
      if (!rtcp) {
        byte[] pay = new byte[p.readableBytes() - 12];
        p.getBytes(12, pay);
        new G711.Ulaw().decode(pay, 0, pay.length, tmp);
        System.arraycopy(tmp, 0, out, written[0], Math.min(pay.length, n - written[0]));
        written[0] += pay.length;
      }
      p.release();
    };
    Transcoder.Sink toOther = (p, rtcp) -> {
      if (!rtcp) down.rtp(p, 0, toPhone);
      p.release();
    };
    for (int f = 0; f < n / 160; f++) {
      ByteBuf b = Unpooled.buffer(172);
      b.writeByte(0x80).writeByte(0).writeShort(f).writeInt(f * 160).writeInt(1).writeBytes(wire, f * 160, 160);
      up.rtp(b, f * 20L, toOther);
      b.release();
    }
    int best = 0;
    double bestCorr = -1;
    for (int lag = 0; lag < 800; lag++) {
      double c = 0;
      for (int i = 4000; i < 12000; i++) c += (double) in[i - lag] * out[i];
      if (c > bestCorr) {
        bestCorr = c;
        best = lag;
      }
    }
    System.out.printf("%-18s adds %.2f ms (both conversions; codec look-ahead and filters, no queueing at equal ptime)%n",
        name, best / 8.0);
    up.close();
    down.close();
  }
}
