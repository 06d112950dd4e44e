package rtpmesh.bench;

import java.util.ArrayList;
import java.util.List;

/** Comma-separated port ranges, e.g. {@code 22000-29999,42000-49999}; iterated in order. */
record PortRanges(List<int[]> ranges) {

  static PortRanges parse(String spec) {
    List<int[]> l = new ArrayList<>();
    for (String part : spec.split(",")) {
      String[] ab = part.trim().split("-");
      int a = Integer.parseInt(ab[0]);
      int b = ab.length > 1 ? Integer.parseInt(ab[1]) : a;
      if (a < 1024 || b > 65535 || a > b) {
        throw new IllegalArgumentException("bad port range " + part + " (expected e.g. 42000-49999)");
      }
      l.add(new int[] {a, b});
    }
    return new PortRanges(List.copyOf(l));
  }

  /** Number of RTP/RTCP pairs (even port + next odd port) the ranges hold. */
  int pairs() {
    int n = 0;
    for (int[] r : ranges) {
      int first = (r[0] + 1) & ~1;
      n += Math.max(0, (r[1] - first + 1) / 2);
    }
    return n;
  }

  /** The even RTP ports, in order. */
  int[] evenPorts() {
    int[] out = new int[pairs()];
    int i = 0;
    for (int[] r : ranges) {
      for (int p = (r[0] + 1) & ~1; p + 1 <= r[1]; p += 2) {
        out[i++] = p;
      }
    }
    return out;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (int[] r : ranges) {
      b.append(b.length() == 0 ? "" : ",").append(r[0]).append('-').append(r[1]);
    }
    return b.toString();
  }
}
