package rtpmesh.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code RESULT} and {@code RAMP} lines of runs against two relays (labels rtpmesh and
 * rtpengine, or the two labels found) and prints one Markdown table: per figure and load, the
 * median over repeated runs for each relay and the ratio first/second. A third relay (the C
 * forwarder, {@code cfwd}) gets a second table against the first. Runs with {@code media}
 * {@code srtp} get a table of their own and a comparison of CPU per packet, plain vs SRTP⇄RTP.
 */
final class Table {
  /** Derived per run: relay CPU per packet less its kernel part. */
  private static final String USER_US = "relayUserUsPerPacket";
  private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\"[^\"]*\"|[-0-9.eE]+)");

  /** Row label, JSON field, decimals. */
  private record Figure(String name, String field, int decimals, boolean min) {
    Figure(String name, String field, int decimals) {
      this(name, field, decimals, false);
    }
  }

  private static final List<Figure> FIGURES = List.of(
      new Figure("relay CPU µs / forwarded packet", "relayCpuUsPerPacket", 2),
      new Figure("relay CPU µs / forwarded packet, min of runs", "relayCpuUsPerPacket", 2, true),
      new Figure("of it in the kernel (stime)", "relaySysUsPerPacket", 2),
      new Figure("of it in user space (utime)", USER_US, 2),
      new Figure("relay CPU % of its core", "relayCpuPct", 0),
      new Figure("forwarded packets/s", "forwardedPps", 0),
      new Figure("loss %", "lossPct", 3),
      new Figure("duplicates", "duplicates", 0),
      new Figure("one-way latency p50 ms", "latP50Ms", 3),
      new Figure("one-way latency p99 ms", "latP99Ms", 3),
      new Figure("one-way latency p99.9 ms", "latP999Ms", 3),
      new Figure("relay RSS MB (end of window)", "relayRssMb", 0),
      new Figure("ng offer/answer RTT p50 ms", "ngP50Ms", 2),
      new Figure("ng offer/answer RTT p99 ms", "ngP99Ms", 2),
      new Figure("calls set up/s (offer+answer)", "callsPerSecond", 0),
      new Figure("generator CPU µs / packet", "genCpuUsPerPacket", 2),
      new Figure("generator CPU % of its core", "genCpuPct", 0),
      new Figure("generator max send lag ms (> 20: generator-limited)", "maxSendLagMs", 1));

  private Table() {}

  static void main(List<String> files) throws IOException {
    List<Map<String, String>> results = new ArrayList<>();
    List<Map<String, String>> ramps = new ArrayList<>();
    for (String f : files) {
      for (String line : Files.readAllLines(Path.of(f))) {
        if (line.startsWith("RESULT {")) {
          results.add(fields(line));
        } else if (line.startsWith("RAMP {")) {
          ramps.add(fields(line));
        }
      }
    }
    System.out.print(render(results, ramps));
  }

  static String render(List<Map<String, String>> results, List<Map<String, String>> ramps) {
    List<Map<String, String>> plain = new ArrayList<>();
    List<Map<String, String>> srtp = new ArrayList<>();
    for (Map<String, String> r : results) {
      ("srtp".equals(r.get("media")) ? srtp : plain).add(r);
    }
    if (srtp.isEmpty()) {
      return renderAll(plain, ramps);
    }
    StringBuilder out = new StringBuilder();
    if (!plain.isEmpty() || !ramps.isEmpty()) {
      out.append("Plain RTP both sides:\n\n").append(renderAll(plain, ramps)).append('\n');
    }
    out.append("SRTP⇄RTP (callers SDES-SRTP AES_CM_128_HMAC_SHA1_80, callees plain RTP):\n\n")
        .append(renderAll(srtp, List.of()));
    out.append('\n').append(srtpCost(plain, srtp));
    return out.toString();
  }

  /** Relay CPU per forwarded packet, plain vs SRTP⇄RTP, per relay and load (medians). */
  static String srtpCost(List<Map<String, String>> plain, List<Map<String, String>> srtp) {
    List<Map<String, String>> all = new ArrayList<>(plain);
    all.addAll(srtp);
    List<String> labels = labels(all, List.of());
    TreeSet<Integer> loads = new TreeSet<>();
    all.forEach(r -> loads.add(Integer.parseInt(r.get("calls"))));
    StringBuilder out = new StringBuilder("| relay CPU µs / forwarded packet | calls |");
    StringBuilder rule = new StringBuilder("|---|--:|");
    for (String l : labels) {
      out.append(' ').append(l).append(" plain | ").append(l).append(" SRTP⇄RTP | added | ")
          .append(l).append(" SRTP loss % |");
      rule.append("--:|--:|--:|--:|");
    }
    if (labels.size() > 1) {
      out.append(" SRTP ratio ").append(labels.get(0)).append('/').append(labels.get(1)).append(" |");
      rule.append("--:|");
    }
    out.append('\n').append(rule).append('\n');
    for (int n : loads) {
      out.append("| median | ").append(n).append(" |");
      for (String l : labels) {
        Double p = pick(plain, l, n, "relayCpuUsPerPacket", false);
        Double s = pick(srtp, l, n, "relayCpuUsPerPacket", false);
        out.append(' ').append(fmt(p, 2)).append(" | ").append(fmt(s, 2)).append(" | ")
            .append(p == null || s == null || p < 0 || s < 0 ? "-" : String.format(Locale.ROOT, "%+.2f", s - p))
            .append(" | ").append(fmt(pick(srtp, l, n, "lossPct", false), 3)).append(" |");
      }
      if (labels.size() > 1) {
        out.append(' ').append(ratio(pick(srtp, labels.get(0), n, "relayCpuUsPerPacket", false),
            pick(srtp, labels.get(1), n, "relayCpuUsPerPacket", false))).append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** The first relay against the second, then against each further one (e.g. the C forwarder). */
  private static String renderAll(List<Map<String, String>> results, List<Map<String, String>> ramps) {
    List<String> labels = labels(results, ramps);
    String a = labels.get(0);
    StringBuilder out = new StringBuilder(renderOne(results, ramps, a, labels.size() > 1 ? labels.get(1) : "?"));
    for (String other : labels.subList(Math.min(2, labels.size()), labels.size())) {
      out.append('\n').append(a).append(" against ").append(other).append(":\n\n")
          .append(renderOne(results, ramps, a, other));
    }
    return out.toString();
  }

  private static String renderOne(List<Map<String, String>> results, List<Map<String, String>> ramps,
                                  String a, String b) {
    TreeSet<Integer> loads = new TreeSet<>();
    results.forEach(r -> loads.add(Integer.parseInt(r.get("calls"))));
    StringBuilder out = new StringBuilder();
    out.append("| figure |");
    StringBuilder rule = new StringBuilder("|---|");
    for (int n : loads) {
      out.append(' ').append(n).append(' ').append(a).append(" | ").append(b).append(" | ratio |");
      rule.append("--:|--:|--:|");
    }
    out.append('\n').append(rule).append('\n');
    for (Figure f : FIGURES) {
      out.append("| ").append(f.name()).append(" |");
      for (int n : loads) {
        Double x = pick(results, a, n, f.field(), f.min());
        Double y = pick(results, b, n, f.field(), f.min());
        out.append(' ').append(fmt(x, f.decimals())).append(" | ").append(fmt(y, f.decimals()))
            .append(" | ").append(ratio(x, y)).append(" |");
      }
      out.append('\n');
    }
    int runs = 0;
    for (int n : loads) {
      runs = Math.max(runs, count(results, a, n));
    }
    out.append("\n(median of ").append(runs).append(" run(s) per cell; ratio = ").append(a)
        .append(" / ").append(b).append(")\n");
    if (!ramps.isEmpty()) {
      Double x = pick(ramps, a, -1, "maxCalls", false);
      Double y = pick(ramps, b, -1, "maxCalls", false);
      out.append("\n| largest load with 0 loss and p99 < 20 ms | ").append(a).append(" | ").append(b)
          .append(" | ratio |\n|---|--:|--:|--:|\n| calls | ").append(fmt(x, 0)).append(" | ")
          .append(fmt(y, 0)).append(" | ").append(ratio(x, y)).append(" |\n");
    }
    return out.toString();
  }

  private static List<String> labels(List<Map<String, String>> results, List<Map<String, String>> ramps) {
    TreeSet<String> found = new TreeSet<>();
    results.forEach(r -> found.add(r.get("label")));
    ramps.forEach(r -> found.add(r.get("label")));
    List<String> l = new ArrayList<>();
    for (String preferred : List.of("rtpmesh", "rtpengine")) {
      if (found.remove(preferred)) {
        l.add(preferred);
      }
    }
    l.addAll(found);
    if (l.isEmpty()) {
      l.add("?");
    }
    return l;
  }

  private static int count(List<Map<String, String>> rows, String label, int calls) {
    int c = 0;
    for (Map<String, String> r : rows) {
      if (label.equals(r.get("label")) && (calls < 0 || Integer.parseInt(r.get("calls")) == calls)) {
        c++;
      }
    }
    return c;
  }

  /** The median (lower middle for an even count) or the minimum of a field, null without data. */
  private static Double pick(List<Map<String, String>> rows, String label, int calls, String field,
                             boolean min) {
    List<Double> v = new ArrayList<>();
    for (Map<String, String> r : rows) {
      if (label.equals(r.get("label")) && (calls < 0 || Integer.parseInt(r.get("calls")) == calls)
          && r.containsKey(field)) {
        v.add(Double.parseDouble(r.get(field)));
      }
    }
    if (v.isEmpty()) {
      return null;
    }
    Collections.sort(v);
    return min ? v.get(0) : v.get((v.size() - 1) / 2);
  }

  private static String fmt(Double v, int decimals) {
    if (v == null || v < 0) {
      return "-";
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String ratio(Double x, Double y) {
    if (x == null || y == null || x < 0 || y < 0) {
      return "-";
    }
    if (y == 0) {
      return x == 0 ? "=" : "inf";
    }
    return String.format(Locale.ROOT, "%.2f", x / y);
  }

  static Map<String, String> fields(String line) {
    Map<String, String> m = new TreeMap<>();
    Matcher mt = FIELD.matcher(line);
    while (mt.find()) {
      String v = mt.group(2);
      m.put(mt.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
    }
    if (m.containsKey("relayCpuUsPerPacket") && m.containsKey("relaySysUsPerPacket")) {
      double cpu = Double.parseDouble(m.get("relayCpuUsPerPacket"));
      double sys = Double.parseDouble(m.get("relaySysUsPerPacket"));
      // a negative CPU figure means "not measured" (fmt prints -); keep it so
      m.put(USER_US, String.valueOf(cpu < 0 || sys < 0 ? -1 : cpu - sys));
    }
    return m;
  }
}
