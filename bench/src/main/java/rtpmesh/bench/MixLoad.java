package rtpmesh.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import rtpmesh.media.codec.AudioEncoder;
import rtpmesh.media.transcode.AudioCodecs;
import rtpmesh.media.transcode.CodecSpec;

/**
 * Conference rooms through a running node, over real sockets: {@code rooms} rooms of {@code size}
 * participants join over ng, every participant sends 50 packets/s of its codec, and the node's
 * process CPU (/proc) over the measuring window gives CPU per participant, sockets included. The
 * generator reads what comes back (and counts it) on the same thread.
 *
 * <pre>java -cp bench/target/rtpmesh-bench.jar rtpmesh.bench.MixLoad NG_HOST:PORT NODE_PID CODEC ROOMS SIZE SECONDS</pre>
 * CODEC is PCMU or opus.
 */
public final class MixLoad {
  private MixLoad() {}

  public static void main(String[] args) throws Exception {
    String[] ng = args[0].split(":");
    InetSocketAddress ngAddr = new InetSocketAddress(ng[0], Integer.parseInt(ng[1]));
    long pid = Long.parseLong(args[1]);
    boolean opus = args[2].equalsIgnoreCase("opus");
    int rooms = Integer.parseInt(args[3]);
    int size = Integer.parseInt(args[4]);
    int seconds = Integer.parseInt(args[5]);
    CodecSpec spec = opus ? new CodecSpec(111, "opus", 48000, 2, null, 20, -1, -1)
        : new CodecSpec(0, "PCMU", 8000, 1, null, 20, -1, -1);
    byte[][] frames = frames(spec);
    int n = rooms * size;
    DatagramChannel[] socks = new DatagramChannel[n];
    InetSocketAddress[] relay = new InetSocketAddress[n];
    String run = Long.toHexString(ThreadLocalRandom.current().nextLong());
    try (DatagramChannel control = DatagramChannel.open()) {
      control.connect(ngAddr);
      for (int i = 0; i < n; i++) {
        socks[i] = DatagramChannel.open();
        socks[i].setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        socks[i].bind(new InetSocketAddress("127.0.0.1", 0));
        socks[i].configureBlocking(false);
        int port = socks[i].socket().getLocalPort();
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + port + " RTP/AVP "
            + spec.pt() + "\r\na=rtpmap:" + spec.pt() + " " + (opus ? "opus/48000/2" : "PCMU/8000") + "\r\na=sendrecv\r\n";
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("command", "join room");
        req.put("call-id", "mixload-" + run + "-" + (i / size));
        req.put("from-tag", "p" + i);
        req.put("sdp", sdp);
        String answer = (String) request(control, req).get("sdp");
        int at = answer.indexOf("m=audio ") + 8;
        relay[i] = new InetSocketAddress("127.0.0.1", Integer.parseInt(answer.substring(at, answer.indexOf(' ', at))));
      }
      System.out.printf("%d rooms x %d %s participants joined%n", rooms, size, spec.name());
      long received = 0;
      ByteBuffer in = ByteBuffer.allocateDirect(2048);
      ByteBuffer out = ByteBuffer.allocateDirect(2048);
      long next = System.nanoTime();
      long warmupEnd = next + 5_000_000_000L;
      long end = warmupEnd + seconds * 1_000_000_000L;
      long cpu0 = -1;
      int seq = 0;
      while (true) {
        long now = System.nanoTime();
        if (cpu0 < 0 && now >= warmupEnd) {
          cpu0 = ProcStat.cpuNs(pid);
          received = 0;
        }
        if (now >= end) break;
        for (int i = 0; i < n; i++) {
          byte[] pay = frames[(seq + i) % frames.length];
          out.clear();
          out.put((byte) 0x80).put((byte) spec.pt()).putShort((short) seq).putInt(seq * (spec.rate() / 50)).putInt(i + 1).put(pay);
          out.flip();
          socks[i].send(out, relay[i]);
        }
        seq++;
        next += 20_000_000L;
        while (System.nanoTime() < next) {
          for (DatagramChannel s : socks) {
            in.clear();
            while (s.receive(in) != null) {
              received++;
              in.clear();
            }
          }
          LockSupport.parkNanos(1_000_000L);
        }
      }
      long cpu = ProcStat.cpuNs(pid) - cpu0;
      double perParticipant = cpu / 1e9 / seconds / n;
      System.out.printf("node CPU %.2f s over %d s: %.1f%% of a core; %.1f us per participant per 20 ms -> %.0f participants/core;"
          + " received %.1f%% of expected%n", cpu / 1e9, seconds, 100.0 * cpu / 1e9 / seconds, perParticipant * 1e6 / 50,
          1 / perParticipant, 100.0 * received / ((double) n * 50 * seconds));
      for (int r = 0; r < rooms; r++) {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("command", "delete");
        req.put("call-id", "mixload-" + run + "-" + r);
        req.put("delete-delay", 0L);
        request(control, req);
      }
    } finally {
      for (DatagramChannel s : socks) if (s != null) s.close();
    }
  }

  private static byte[][] frames(CodecSpec spec) {
    int rate = AudioCodecs.pcmRate(spec);
    AudioEncoder enc = AudioCodecs.encoder(spec, rate);
    int frame = rate / 50;
    short[] pcm = new short[frame * enc.channels()];
    byte[][] out = new byte[50][];
    byte[] buf = new byte[1500];
    java.util.Random r = new java.util.Random(7);
    for (int f = 0; f < 50; f++) {
      for (int i = 0; i < frame; i++) {
        short v = (short) (4000 * Math.sin(2 * Math.PI * 440 * (f * frame + i) / rate) + r.nextGaussian() * 300);
        for (int ch = 0; ch < enc.channels(); ch++) pcm[i * enc.channels() + ch] = v;
      }
      int len = enc.encode(pcm, 0, frame, buf, 0);
      out[f] = java.util.Arrays.copyOf(buf, len);
    }
    enc.close();
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> request(DatagramChannel control, Map<String, Object> req) throws IOException {
    String cookie = Long.toHexString(ThreadLocalRandom.current().nextLong()) + " ";
    byte[] body = Bencode.encode(req);
    ByteBuffer msg = ByteBuffer.allocate(cookie.length() + body.length);
    msg.put(cookie.getBytes(StandardCharsets.US_ASCII)).put(body).flip();
    control.write(msg);
    ByteBuffer reply = ByteBuffer.allocate(65536);
    control.read(reply);
    byte[] b = java.util.Arrays.copyOf(reply.array(), reply.position());
    int sp = indexOf(b, (byte) ' ');
    Map<String, Object> r = (Map<String, Object>) Bencode.decode(b, sp + 1, b.length);
    if (!"ok".equals(r.get("result"))) throw new IOException("ng: " + r);
    return r;
  }

  private static int indexOf(byte[] b, byte c) {
    for (int i = 0; i < b.length; i++) if (b[i] == c) return i;
    return -1;
  }
}
