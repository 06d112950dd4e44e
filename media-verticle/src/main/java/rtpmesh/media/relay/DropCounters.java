package rtpmesh.media.relay;

/** Dropped packets per {@link DropReason} for one block. Owned by one event loop; holds no lock. */
public final class DropCounters {
  private static final DropReason[] REASONS = DropReason.values();
  private final long[] counts = new long[REASONS.length];

  public void count(DropReason reason) {
    counts[reason.ordinal()]++;
  }

  public long get(DropReason reason) {
    return counts[reason.ordinal()];
  }

  public long total() {
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    return sum;
  }
}
