package rtpmesh.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import rtpmesh.media.codec.G711;
import rtpmesh.media.relay.MediaTap;
import rtpmesh.recording.Recorder;
import rtpmesh.recording.RecordingConfig;

/**
 * Recording cost, in-process: {@code calls} PCMU calls (two streams of 50 packets/s each) are fed
 * through the recorder's taps on this thread (what a media loop does per packet) and written by
 * the recorder's writer thread to {@code dir}. Recorded calls per core = seconds of call audio
 * recorded / CPU seconds spent (tap copy on the "loop" + writer thread), per method: pcap, wav,
 * pcap+wav. Files go through the page cache (no fsync), as they do in a node.
 *
 * <pre>java -cp bench/target/rtpmesh-bench.jar rtpmesh.bench.RecordingBench [calls] [seconds] [dir]</pre>
 */
public final class RecordingBench {
  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("rtpmesh-recbench");
    System.out.printf("%d calls x %d s of PCMU audio each way, files in %s%n", calls, seconds, dir);
    System.out.println("method      packets  loop-cpu-s  writer-cpu-s  MB-written  calls/core  dropped");
    for (String[] m : new String[][] {{"pcap"}, {"wav"}, {"pcap", "wav"}}) {
      run(m, calls, seconds, dir);
    }
  }

  private static void run(String[] methods, int calls, int seconds, Path root) throws Exception {
    Path dir = root.resolve(String.join("+", methods));
    Files.createDirectories(dir);
    JsonArray ms = new JsonArray();
    for (String m : methods) ms.add(m);
    Recorder r = new Recorder(RecordingConfig.from(new JsonObject().put("nodeId", "bench").put("dir", dir.toString())
        .put("methods", ms)));
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Thread writer = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("rtpmesh-recorder-bench")).findFirst().orElseThrow();
    List<MediaTap> taps = new ArrayList<>();
    for (int c = 0; c < calls; c++) {
      JsonObject codecs = new JsonObject().put("pt", 0).put("name", "PCMU").put("rate", 8000);
      JsonArray parties = new JsonArray();
      for (String tag : new String[] {"a", "b"}) {
        parties.add(new JsonObject().put("tag", tag).put("legs", new JsonArray().add(new JsonObject()
            .put("port", tag.equals("a") ? 30000 : 30002).put("index", 1).put("codecs", new JsonArray().add(codecs)))));
      }
      r.start(new JsonObject().put("call", "bench-" + c).put("file", "bench-" + c).put("parties", parties))
          .get(10, TimeUnit.SECONDS);
      taps.add(r.open("bench-" + c, 0));
    }
    ByteBuf[] packets = {tone(440), tone(1000)};
    InetSocketAddress a = new InetSocketAddress("10.0.0.1", 5000);
    InetSocketAddress b = new InetSocketAddress("10.0.0.2", 5002);
    InetAddress local = InetAddress.getByName("10.0.0.100");
    long base = System.currentTimeMillis();
    long writerCpu0 = mx.getThreadCpuTime(writer.getId());
    long loopCpu = 0;
    long sent = 0;
    for (int tick = 0; tick < seconds * 50; tick++) {
      long t0 = mx.getCurrentThreadCpuTime();
      long now = base + 20L * tick;
      for (int c = 0; c < calls; c++) {
        MediaTap tap = taps.get(c);
        for (int s = 0; s < 2; s++) {
          ByteBuf p = packets[s];
          p.setShort(2, tick).setInt(4, tick * 160);
          tap.packet(s == 0 ? 30000 : 30002, false, p, s == 0 ? a : b, local, s == 0 ? 30000 : 30002, now);
        }
      }
      loopCpu += mx.getCurrentThreadCpuTime() - t0;
      sent += 2L * calls;
      while (sent - r.counters().packets() - r.counters().dropped() > 8_000) { // well under the ring (~20k packets)
        Thread.sleep(1); // the bench waits for the writer; a media loop would drop and count instead
      }
    }
    for (MediaTap tap : taps) tap.close();
    for (int c = 0; c < calls; c++) r.stop("bench-" + c).get(60, TimeUnit.SECONDS);
    long writerCpu = mx.getThreadCpuTime(writer.getId()) - writerCpu0;
    r.close();
    long bytes;
    try (var files = Files.list(dir)) {
      bytes = files.mapToLong(f -> f.toFile().length()).sum();
    }
    double cpu = (loopCpu + writerCpu) / 1e9;
    System.out.printf("%-10s %8d  %10.2f  %12.2f  %10.1f  %10.0f  %7d%n", String.join("+", methods), sent,
        loopCpu / 1e9, writerCpu / 1e9, bytes / 1e6, calls * (double) seconds / cpu, r.counters().dropped());
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) Files.delete(f);
    }
  }

  private static ByteBuf tone(int freq) {
    byte[] p = new byte[172];
    p[0] = (byte) 0x80;
    for (int i = 0; i < 160; i++) p[12 + i] = G711.ulawEncode((int) (8000 * Math.sin(2 * Math.PI * freq * i / 8000)));
    return Unpooled.wrappedBuffer(p);
  }
}
