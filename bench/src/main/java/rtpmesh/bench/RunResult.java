package rtpmesh.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one load run against one relay. CPU figures are -1 when no relay pid was given.
 * {@code media} is {@code rtp} (plain both sides) or {@code srtp} (SDES-SRTP callers, plain
 * callees); {@code srtpFailures} (packets that failed to unprotect) are also in {@code errors}.
 * {@link #toJson} is the machine-readable line the runner collects; {@link Table} reads it back.
 */
record RunResult(
    String label, int calls, double warmupS, double durationS,
    long sentInWindow, long receivedInWindow, double lossPct, long duplicates,
    double latP50Ms, double latP99Ms, double latP999Ms, double latMaxMs,
    double relayCpuUsPerPacket, double relayCpuPct, double relaySysUsPerPacket, double forwardedPps, double relayRssMb,
    double genCpuUsPerPacket, double genCpuPct, double maxSendLagMs,
    double ngP50Ms, double ngP99Ms, double callsPerSecond, long errors,
    String media, long srtpFailures) {

  /** Largest-N criterion of the ramp: nothing lost and p99 one-way latency under 20 ms. */
  static final double P99_LIMIT_MS = 20;

  /** The generator fell a whole packet interval behind its schedule: the load measures it too. */
  boolean generatorLimited() {
    return maxSendLagMs > 20;
  }

  boolean sustainable() {
    return sentInWindow > 0 && receivedInWindow >= sentInWindow && latP99Ms < P99_LIMIT_MS;
  }

  Map<String, Object> fields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", label);
    m.put("calls", calls);
    m.put("warmupS", warmupS);
    m.put("durationS", durationS);
    m.put("sentInWindow", sentInWindow);
    m.put("receivedInWindow", receivedInWindow);
    m.put("lossPct", lossPct);
    m.put("duplicates", duplicates);
    m.put("latP50Ms", latP50Ms);
    m.put("latP99Ms", latP99Ms);
    m.put("latP999Ms", latP999Ms);
    m.put("latMaxMs", latMaxMs);
    m.put("relayCpuUsPerPacket", relayCpuUsPerPacket);
    m.put("relayCpuPct", relayCpuPct);
    m.put("relaySysUsPerPacket", relaySysUsPerPacket);
    m.put("forwardedPps", forwardedPps);
    m.put("relayRssMb", relayRssMb);
    m.put("genCpuUsPerPacket", genCpuUsPerPacket);
    m.put("genCpuPct", genCpuPct);
    m.put("maxSendLagMs", maxSendLagMs);
    m.put("ngP50Ms", ngP50Ms);
    m.put("ngP99Ms", ngP99Ms);
    m.put("callsPerSecond", callsPerSecond);
    m.put("errors", errors);
    m.put("media", media);
    m.put("srtpFailures", srtpFailures);
    return m;
  }

  String toJson() {
    StringBuilder b = new StringBuilder("{");
    fields().forEach((k, v) -> {
      b.append(b.length() == 1 ? "" : ",").append('"').append(k).append("\":");
      if (v instanceof String s) {
        b.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      } else if (v instanceof Double d) {
        b.append(String.format(Locale.ROOT, "%.4f", d));
      } else {
        b.append(v);
      }
    });
    return b.append('}').toString();
  }

  String summary() {
    return String.format(Locale.ROOT,
        "%s%s %d calls: relay %.2f us/pkt (%.2f in the kernel, %.0f%% cpu, %.0f pkt/s, rss %.0f MB), loss %.3f%% (%d/%d), "
            + "dup %d, latency p50 %.3f p99 %.3f p99.9 %.3f max %.3f ms; ng p50 %.2f p99 %.2f ms, "
            + "%.0f calls/s; generator %.2f us/pkt (%.0f%% cpu, max send lag %.1f ms), errors %d (srtp %d)",
        label, "srtp".equals(media) ? " (SRTP<->RTP)" : "", calls, relayCpuUsPerPacket, relaySysUsPerPacket, relayCpuPct, forwardedPps, relayRssMb, lossPct,
        sentInWindow - receivedInWindow, sentInWindow, duplicates, latP50Ms, latP99Ms, latP999Ms,
        latMaxMs, ngP50Ms, ngP99Ms, callsPerSecond, genCpuUsPerPacket, genCpuPct, maxSendLagMs,
        errors, srtpFailures) + (generatorLimited() ? " [GENERATOR-LIMITED]" : "");
  }
}
