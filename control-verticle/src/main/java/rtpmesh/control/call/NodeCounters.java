package rtpmesh.control.call;

/** Node-wide call counters for {@code statistics}; touched only on the control event loop. */
public final class NodeCounters {
  public final long startedMs = System.currentTimeMillis();
  public long managed;
  public long rejected;
  public long timeout;
  public long silentTimeout;
  public long regular;
  /** Calls the operator ended ({@code terminate} on the CLI). */
  public long forced;
  public long totalDurationMs;

  void ended(Call c, boolean regularly) {
    if (regularly) regular++;
    totalDurationMs += System.currentTimeMillis() - c.createdMs;
  }
}
