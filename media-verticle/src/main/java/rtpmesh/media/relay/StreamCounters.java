package rtpmesh.media.relay;

/**
 * What one leg received on one stream (RTP or RTCP) from its party. Owned by one event loop; holds
 * no lock; plain fields because only that loop writes them and stats are read on it too.
 */
public final class StreamCounters {
  private long packets;
  private long bytes;
  private long errors;
  private long last;

  void received(int length, long now) {
    packets++;
    bytes += length;
    last = now;
  }

  void error() {
    errors++;
  }

  /** Adds this stream's counts to {@code total} (used to keep a released leg's traffic in block totals). */
  public void addTo(StreamCounters total) {
    total.packets += packets;
    total.bytes += bytes;
    total.errors += errors;
    total.last = Math.max(total.last, last);
  }

  public long packets() {
    return packets;
  }

  public long bytes() {
    return bytes;
  }

  public long errors() {
    return errors;
  }

  /** Epoch ms of the last packet received, 0 if none. */
  public long last() {
    return last;
  }
}
