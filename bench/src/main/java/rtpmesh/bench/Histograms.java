package rtpmesh.bench;

import org.HdrHistogram.Histogram;

/** Latency histograms in nanoseconds (HdrHistogram, 3 significant digits, up to 60 s). */
final class Histograms {
  private Histograms() {}

  /** A latency recorder; one thread. Values over 60 s are clamped. */
  static final class Latency {
    private static final long MAX_NS = 60_000_000_000L;
    private final Histogram h = new Histogram(MAX_NS, 3);

    void record(long ns) {
      h.recordValue(Math.max(0, Math.min(ns, MAX_NS)));
    }

    long count() {
      return h.getTotalCount();
    }

    /** The percentile in milliseconds, 0 when empty. */
    double percentileMs(double p) {
      return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p) / 1e6;
    }

    double maxMs() {
      return h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1e6;
    }
  }
}
