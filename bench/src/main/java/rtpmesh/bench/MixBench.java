package rtpmesh.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import rtpmesh.media.codec.AudioEncoder;
import rtpmesh.media.codec.Opus;
import rtpmesh.media.mixer.Conference;
import rtpmesh.media.mixer.MixParticipant;
import rtpmesh.media.transcode.AudioCodecs;
import rtpmesh.media.transcode.CodecSpec;

/**
 * Conference (MCU) mixing cost, in-process on one thread: a room of N participants, each sending
 * 50 packets a second of its own voice-band signal; per 20 ms tick every packet is decoded (and
 * resampled to the mix rate), the room is mixed, and every participant's mix-minus-self is resampled
 * and encoded in its codec. Participants per core = 1 s of audio / thread CPU time per participant
 * per second of audio. Sockets are not included (the relay's per-packet receive and send cost comes
 * on top, see README).
 *
 * <pre>java -cp bench/target/rtpmesh-bench.jar rtpmesh.bench.MixBench [seconds-of-audio]</pre>
 */
public final class MixBench {
  private static final CodecSpec PCMU = new CodecSpec(0, "PCMU", 8000, 1, null, 20, -1, -1);
  private static final CodecSpec G722 = new CodecSpec(9, "G722", 8000, 1, null, 20, -1, -1);
  private static final CodecSpec OPUS = new CodecSpec(111, "opus", 48000, 2, "useinbandfec=1", 20, -1, -1);

  private MixBench() {}

  public static void main(String[] args) {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    System.out.println("opus implementation: " + Opus.implementation() + ", complexity " + Opus.COMPLEXITY);
    for (int n : new int[] {3, 10, 30}) {
      run("PCMU, 8 kHz mix", n, i -> PCMU, seconds);
    }
    for (int n : new int[] {3, 10, 30}) {
      run("opus, 48 kHz mix", n, i -> OPUS, seconds);
    }
    for (int n : new int[] {3, 10, 30}) {
      run("PCMU+G722+opus, 48 kHz", n, i -> i % 3 == 0 ? PCMU : i % 3 == 1 ? G722 : OPUS, seconds);
    }
  }

  /** 50 RTP payloads (1 s) of a voice-band signal in {@code spec}, different per {@code seed}. */
  private static byte[][] payloads(CodecSpec spec, int seed) {
    int rate = AudioCodecs.pcmRate(spec);
    AudioEncoder enc = AudioCodecs.encoder(spec, rate);
    Random r = new Random(seed);
    double f1 = 200 + 150 * seed % 1800;
    short[] pcm = new short[rate * enc.channels()];
    for (int i = 0; i < rate; i++) {
      short v = (short) (4000 * Math.sin(2 * Math.PI * f1 * i / rate) + 2000 * Math.sin(2 * Math.PI * 1700 * i / rate)
          + r.nextGaussian() * 400);
      for (int ch = 0; ch < enc.channels(); ch++) pcm[i * enc.channels() + ch] = v;
    }
    int frame = rate / 50;
    byte[][] out = new byte[50][];
    byte[] buf = new byte[1500];
    for (int f = 0; f < 50; f++) {
      int len = enc.encode(pcm, f * frame * enc.channels(), frame, buf, 0);
      out[f] = java.util.Arrays.copyOf(buf, len);
    }
    enc.close();
    return out;
  }

  private static void run(String name, int n, java.util.function.IntFunction<CodecSpec> codec, int seconds) {
    byte[][][] in = new byte[n][][];
    for (int i = 0; i < n; i++) in[i] = payloads(codec.apply(i), i + 1);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long[] bytes = {0};
    Conference.Output out = (to, rtp, len) -> bytes[0] += len;
    long cpu = 0;
    int ticks = 0;
    int rate = 0;
    for (int round = 0; round < 2; round++) { // round 0 warms up the JIT
      Conference room = new Conference(0);
      MixParticipant[] p = new MixParticipant[n];
      for (int i = 0; i < n; i++) p[i] = room.join(i, codec.apply(i));
      rate = room.rate();
      ticks = (round == 0 ? Math.max(10, seconds / 3) : seconds) * 50;
      long c0 = mx.getCurrentThreadCpuTime();
      for (int t = 0; t < ticks; t++) {
        for (int i = 0; i < n; i++) {
          byte[] pay = in[i][t % 50];
          room.receive(p[i], p[i].spec().pt(), pay, 0, pay.length);
        }
        room.tick(out);
      }
      cpu = mx.getCurrentThreadCpuTime() - c0;
      room.close();
    }
    double audioSeconds = ticks / 50.0;
    double cpuPerParticipantSecond = cpu / 1e9 / audioSeconds / n;
    System.out.printf("%-24s N=%2d (mix %5d Hz): %6.0f participants/core, %6.1f us CPU per participant per 20 ms, %7.1f us per room tick%n",
        name, n, rate, 1 / cpuPerParticipantSecond, cpu / 1e3 / ticks / n, cpu / 1e3 / ticks);
  }
}
