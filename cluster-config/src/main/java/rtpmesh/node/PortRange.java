package rtpmesh.node;

import java.util.ArrayList;
import java.util.List;

/** An inclusive range of local UDP ports owned by one media block. */
public record PortRange(int min, int max) {

  /** Number of RTP/RTCP pairs (even RTP port, RTCP = RTP + 1) that fit in [min, max]. */
  public static int pairs(int min, int max) {
    int start = min + (min & 1);
    return max < start + 1 ? 0 : (max - start + 1) / 2;
  }

  /**
   * Splits [min, max] into {@code blocks} contiguous ranges, each starting on an even port and
   * holding whole pairs; the pair counts differ by at most one (the first blocks get the extra).
   * An odd {@code min} and a trailing even {@code max} are left out: they cannot form a pair.
   *
   * @throws IllegalArgumentException when there are fewer pairs than blocks
   */
  public static List<PortRange> split(int min, int max, int blocks) {
    int pairs = pairs(min, max);
    if (blocks < 1 || pairs < blocks) {
      throw new IllegalArgumentException(
          "port range " + min + "-" + max + " has " + pairs + " port pairs, fewer than " + blocks
              + " media blocks");
    }
    List<PortRange> out = new ArrayList<>(blocks);
    int port = min + (min & 1);
    for (int i = 0; i < blocks; i++) {
      int n = pairs / blocks + (i < pairs % blocks ? 1 : 0);
      out.add(new PortRange(port, port + 2 * n - 1));
      port += 2 * n;
    }
    return out;
  }
}
