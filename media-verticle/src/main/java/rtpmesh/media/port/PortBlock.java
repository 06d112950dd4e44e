package rtpmesh.media.port;

import java.util.BitSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bookkeeping of the RTP/RTCP port pairs of one block: pair {@code i} is RTP port
 * {@code firstRtp + 2i} (even) and RTCP port {@code firstRtp + 2i + 1}. Only records which pairs
 * this block holds; whether the OS lets us bind a pair is {@link PairBinder}'s business.
 *
 * <p>Owned by one event loop; holds no lock.
 */
public final class PortBlock {
  private final int firstRtp;
  private final int pairCount;
  private final BitSet used;
  private int usedCount;

  /** A block over [portMin, portMax]; an odd portMin is rounded up so RTP ports are even. */
  public PortBlock(int portMin, int portMax) {
    if (portMin < 1 || portMax > 65535 || portMin > portMax) {
      throw new IllegalArgumentException("port range " + portMin + "-" + portMax + ", expected 1 <= min <= max <= 65535");
    }
    this.firstRtp = (portMin + 1) & ~1;
    this.pairCount = Math.max(0, (portMax - firstRtp + 1) / 2);
    this.used = new BitSet(pairCount);
  }

  public int pairCount() {
    return pairCount;
  }

  public int usedCount() {
    return usedCount;
  }

  public int freeCount() {
    return pairCount - usedCount;
  }

  public int rtpPort(int pair) {
    return firstRtp + 2 * pair;
  }

  /** The pair whose RTP port is {@code rtpPort}, or -1 when that is not an RTP port of this block. */
  public int pairOf(int rtpPort) {
    int delta = rtpPort - firstRtp;
    if (delta < 0 || (delta & 1) != 0 || delta / 2 >= pairCount) {
      return -1;
    }
    return delta / 2;
  }

  public boolean isUsed(int pair) {
    return used.get(pair);
  }

  /** A random pair index to start a scan from (rtpengine picks ports at random, not in order). */
  public int randomPair() {
    return pairCount == 0 ? 0 : ThreadLocalRandom.current().nextInt(pairCount);
  }

  public void reserve(int pair) {
    if (used.get(pair)) {
      throw new IllegalStateException("pair " + pair + " (port " + rtpPort(pair) + ") already reserved");
    }
    used.set(pair);
    usedCount++;
  }

  public void free(int pair) {
    if (used.get(pair)) {
      used.clear(pair);
      usedCount--;
    }
  }
}
