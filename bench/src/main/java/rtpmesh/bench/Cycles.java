package rtpmesh.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;

/**
 * The soak's signalling load: {@code n} calls that each get an offer, an answer and a delete
 * (delete-delay 0), pipelined {@code window} at a time, with no media. Every reply must be
 * {@code result: ok} (the pipeline throws otherwise). Prints one {@code CYCLES {json}} line.
 */
final class Cycles {
  private Cycles() {}

  static String sdp(int port) {
    return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=soak\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio " + port + " RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
        + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n";
  }

  static Map<String, Object> request(String command, String callId, Object... more) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", command);
    m.put("call-id", callId);
    m.put("from-tag", "soak-a");
    for (int i = 0; i < more.length; i += 2) m.put((String) more[i], more[i + 1]);
    return m;
  }

  static void run(InetSocketAddress ng, int n, int window) throws IOException {
    Histograms.Latency latency = new Histograms.Latency();
    Queue<NgPipeline.Step> jobs = new ArrayDeque<>();
    String prefix = "soak-" + Long.toHexString(System.nanoTime()) + "-";
    for (int i = 0; i < n; i++) {
      String id = prefix + i;
      NgPipeline.Step delete = new NgPipeline.Step(request("delete", id, "delete-delay", 0), r -> null);
      NgPipeline.Step answer = new NgPipeline.Step(
          request("answer", id, "to-tag", "soak-b", "sdp", sdp(20000 + 2 * (i % 10000) + 2)), r -> delete);
      jobs.add(new NgPipeline.Step(request("offer", id, "sdp", sdp(20000 + 2 * (i % 10000))), r -> answer));
    }
    long start = System.nanoTime();
    try (NgPipeline p = new NgPipeline(ng, window, latency)) {
      p.run(jobs);
    }
    double s = (System.nanoTime() - start) / 1e9;
    System.out.println(String.format(Locale.ROOT, "cycles: %d offer/answer/delete in %.1f s (%.0f cycles/s, %.0f ng/s)",
        n, s, n / s, 3 * n / s));
    System.out.println(String.format(Locale.ROOT, "CYCLES {\"cycles\":%d,\"seconds\":%.1f}", n, s));
  }
}
