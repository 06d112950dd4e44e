package rtpmesh.bench;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Command line of the load generator. One load:
 * {@code java -jar rtpmesh-bench.jar --ng 127.0.0.1:2223 --pid PID --calls 500 --duration 20 --warmup 5};
 * the largest sustainable load: {@code --ramp}; the soak's signalling load without media:
 * {@code --cycles N} (offer, answer, delete per call, {@code --ng-window} in flight); the comparison table of collected result lines:
 * {@code java -jar rtpmesh-bench.jar table FILE...}. Each load prints a summary and a
 * {@code RESULT {json}} line (a ramp also a {@code RAMP {json}} line) on stdout.
 */
public final class BenchMain {
  static final String DEFAULT_PHONE_PORTS = "23000-29999,42000-49999";
  private static final Set<String> FLAGS = Set.of("ramp", "help", "direct", "srtp", "fork");

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("jmh")) {
      // JMH's own command line; with no benchmark pattern it runs rtpmesh.bench.jmh.*
      String[] rest = List.of(args).subList(1, args.length).toArray(String[]::new);
      org.openjdk.jmh.Main.main(rest.length == 0 ? new String[] {"rtpmesh.bench.jmh"} : rest);
      return;
    }
    if (args.length > 0 && args[0].equals("table")) {
      Table.main(List.of(args).subList(1, args.length));
      return;
    }
    Map<String, String> a = parse(args);
    boolean direct = a.containsKey("direct");
    if (direct) {
      a.putIfAbsent("ng", "127.0.0.1:1"); // unused
      a.putIfAbsent("label", "direct");
    }
    if (a.containsKey("help") || !a.containsKey("ng")) {
      System.out.print(usage());
      System.exit(a.containsKey("help") ? 0 : 2);
    }
    InetSocketAddress ng = hostPort(a.get("ng"));
    if (!ng.getAddress().isLoopbackAddress()) {
      System.err.println("rtpmesh-bench: --ng must be on 127.0.0.0/8 (loopback only)");
      System.exit(2);
    }
    long waitMs = (long) (Double.parseDouble(a.getOrDefault("wait", "30")) * 1000);
    if (!direct && !NgPipeline.ping(ng, waitMs)) {
      System.err.println("rtpmesh-bench: no ng pong from " + a.get("ng"));
      System.exit(1);
    }
    if (a.containsKey("cycles")) {
      Cycles.run(ng, Integer.parseInt(a.get("cycles")), Integer.parseInt(a.getOrDefault("ng-window", "16")));
      return;
    }
    boolean ramp = a.containsKey("ramp");
    LoadRun.Options o = new LoadRun.Options(ng, Long.parseLong(a.getOrDefault("pid", "0")),
        a.getOrDefault("label", "relay"),
        PortRanges.parse(a.getOrDefault("phone-ports", DEFAULT_PHONE_PORTS)),
        Integer.parseInt(a.getOrDefault("phone-sockets", "32")), direct,
        Integer.parseInt(a.getOrDefault("ng-window", "16")),
        Double.parseDouble(a.getOrDefault("warmup", ramp ? "3" : "5")),
        Double.parseDouble(a.getOrDefault("duration", ramp ? "10" : "20")),
        Long.parseLong(a.getOrDefault("drain-ms", "500")), a.containsKey("srtp"), a.containsKey("fork"));
    if (ramp) {
      int max = Integer.parseInt(a.getOrDefault("ramp-max", "" + Math.min(4000, o.phonePorts().pairs() / 2)));
      Ramp.Outcome r = Ramp.search(o, Integer.parseInt(a.getOrDefault("calls", "250")), max,
          Integer.parseInt(a.getOrDefault("ramp-step", "50")), r1 -> print(r1, "STEP "));
      System.out.println(String.format(Locale.ROOT, "%s ramp: largest load with 0 loss and p99 < %.0f ms: %d calls (max tried %d)",
          o.label(), RunResult.P99_LIMIT_MS, r.maxCalls(), max));
      System.out.println("RAMP {\"label\":\"" + o.label() + "\",\"maxCalls\":" + r.maxCalls()
          + ",\"limit\":" + max + ",\"steps\":" + r.steps().size() + "}");
    } else {
      print(LoadRun.run(o, Integer.parseInt(a.getOrDefault("calls", "250"))), "RESULT ");
    }
  }

  /** Ramp steps are printed as STEP lines, so the table's per-load medians hold only full runs. */
  private static void print(RunResult r, String prefix) {
    System.out.println(r.summary());
    System.out.println(prefix + r.toJson());
    System.out.flush();
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String s = args[i];
      if (!s.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + s + "\n" + usage());
      }
      s = s.substring(2);
      int eq = s.indexOf('=');
      if (eq >= 0) {
        m.put(s.substring(0, eq), s.substring(eq + 1));
      } else if (FLAGS.contains(s)) {
        m.put(s, "true");
      } else if (i + 1 < args.length) {
        m.put(s, args[++i]);
      } else {
        throw new IllegalArgumentException("--" + s + " needs a value");
      }
    }
    return m;
  }

  static InetSocketAddress hostPort(String s) {
    int c = s.lastIndexOf(':');
    return new InetSocketAddress(s.substring(0, c), Integer.parseInt(s.substring(c + 1)));
  }

  static String usage() {
    return """
        Usage: rtpmesh-bench --ng HOST:PORT [options]      one load, or --ramp
               rtpmesh-bench table FILE...                  comparison table of RESULT/RAMP lines
               rtpmesh-bench jmh [JMH options]              microbenchmarks (rtpmesh.bench.jmh)
          --ng HOST:PORT        the relay's ng UDP port (loopback only)
          --pid PID             the relay's process id, for CPU per packet and RSS
          --label NAME          name of the relay in the output (default relay)
          --calls N             calls (default 250; with --ramp the first load tried)
          --warmup S            seconds of media before the measured window (default 5, ramp 3)
          --duration S          seconds of the measured window (default 20, ramp 10)
          --drain-ms MS         wait after the window for packets in flight (default 500)
          --phone-ports RANGES  the phones' ports, RTP even + RTCP odd (default %s)
          --phone-sockets N     RTP/RTCP socket pairs shared by all call sides (default 32)
          --direct              no relay, no ng: the sides of a call send to each other, to
                                show how many calls the generator itself can drive
          --srtp                every caller offers RTP/SAVP with its own SDES key
                                (AES_CM_128_HMAC_SHA1_80), every callee plain RTP/AVP: the
                                relay translates SRTP <-> RTP on every packet
          --fork                every call's caller is also copied to a subscriber (ng subscribe
                                request + subscribe answer) that one sink socket counts
          --ng-window N         ng requests in flight during setup (default 16)
          --wait S              wait this long for the relay to answer ping (default 30)
          --ramp                search the largest load with 0 loss and p99 < 20 ms
          --ramp-max N          largest load tried (default: what the phone ports hold, <= 4000)
          --ramp-step N         resolution of the search (default 50 calls, or 10 %%)
        """.formatted(DEFAULT_PHONE_PORTS);
  }
}
