package rtpmesh.media.srtp;

/**
 * Per-SSRC state of one direction: the packet index of the highest authenticated packet (ROC and
 * s_l, RFC 3711 §3.3.1), a 64-packet replay window behind it (§3.3.2), and for a sender of SRTCP
 * the next SRTCP index (§3.4). The same shape serves SRTP (48-bit index) and SRTCP (31-bit index).
 *
 * <p>State moves only on {@link #accept}, which callers invoke after authentication, so forged
 * packets cannot push the ROC or the window. Not thread-safe: owned by one {@link SrtpContext}.
 */
final class StreamState {
  static final int WINDOW = 64;
  private static final long ROC_MASK = 0xffff_ffffL;
  private static final int SRTCP_INDEX_MASK = 0x7fff_ffff;

  final int ssrc;
  private boolean started;
  private long highest;
  private long window; // bit d: index (highest - d) was accepted
  private int initialRoc;
  private int nextSrtcpIndex;

  StreamState(int ssrc) {
    this.ssrc = ssrc;
  }

  /**
   * The 48-bit index of a packet with sequence number {@code seq} (RFC 3711 Appendix A): the ROC
   * guess v is ROC-1, ROC or ROC+1, whichever puts the index nearest s_l. Returns -1 for a packet
   * from before ROC 0, which cannot be valid.
   */
  long estimateIndex(int seq) {
    if (!started) {
      return ((initialRoc & ROC_MASK) << 16) | seq;
    }
    long roc = highest >>> 16;
    int sl = (int) (highest & 0xffff);
    long v = roc;
    if (sl < 32768) {
      if (seq - sl > 32768) {
        v = roc - 1;
      }
    } else if (sl - 32768 > seq) {
      v = (roc + 1) & ROC_MASK;
    }
    return v < 0 ? -1 : (v << 16) | seq;
  }

  /** True when {@code index} was accepted before or is left of the window (RFC 3711 §3.3.2). */
  boolean isReplay(long index) {
    if (index < 0) {
      return true;
    }
    if (!started) {
      return false;
    }
    long delta = highest - index;
    if (delta < 0) {
      return false;
    }
    return delta >= WINDOW || ((window >>> delta) & 1) != 0;
  }

  /**
   * Records an authenticated (or just protected) index, advancing ROC and s_l when newer; true when
   * this index rolled the ROC over.
   */
  boolean accept(long index) {
    if (!started) {
      started = true;
      highest = index;
      window = 1;
      return false;
    }
    long delta = index - highest;
    if (delta > 0) {
      boolean rolled = (index >>> 16) != (highest >>> 16);
      window = delta >= WINDOW ? 1 : (window << delta) | 1;
      highest = index;
      return rolled;
    }
    window |= 1L << -delta;
    return false;
  }

  int roc() {
    return started ? (int) (highest >>> 16) : initialRoc;
  }

  /**
   * Sets the ROC, e.g. from the call record when a node takes over a stream. Before the first
   * packet it seeds the estimate; after, it moves s_l's ROC and keeps the window relative to it.
   */
  void setRoc(int roc) {
    if (started) {
      highest = ((roc & ROC_MASK) << 16) | (highest & 0xffff);
    } else {
      initialRoc = roc;
    }
  }

  /** The SRTCP index for the next protected packet, then advances it modulo 2^31. */
  int takeSrtcpIndex() {
    int i = nextSrtcpIndex;
    nextSrtcpIndex = (i + 1) & SRTCP_INDEX_MASK;
    return i;
  }

  int nextSrtcpIndex() {
    return nextSrtcpIndex;
  }

  void setNextSrtcpIndex(int index) {
    nextSrtcpIndex = index & SRTCP_INDEX_MASK;
  }
}
