package rtpmesh.media.rtp;

import io.netty.buffer.ByteBuf;

/** RTCP helpers that need no state. Pure functions, safe from any thread. */
public final class Rtcp {
  private Rtcp() {}

  /** Lowest packet type byte treated as RTCP when multiplexed (RFC 5761 §4: RTP PT 64..95 + marker). */
  public static final int MUX_MIN_TYPE = 192;
  /** Highest packet type byte treated as RTCP when multiplexed (RFC 5761 §4). */
  public static final int MUX_MAX_TYPE = 223;

  /** Minimum RTCP packet: the 4-byte common header (RFC 3550 §6.4.1). */
  public static final int HEADER_LENGTH = 4;

  /**
   * RFC 5761 §4: a packet on a multiplexed port is RTCP when its second octet is in 192..223; that
   * range covers every RTCP packet type (SR 200 .. 207, and the legacy 192..195) and is why RTP
   * payload types 64..95 must not be used with rtcp-mux.
   */
  public static boolean isRtcp(ByteBuf buf, int offset, int length) {
    if (length < HEADER_LENGTH) {
      return false;
    }
    int type = buf.getUnsignedByte(offset + 1);
    return type >= MUX_MIN_TYPE && type <= MUX_MAX_TYPE;
  }

  /** {@link #isRtcp(ByteBuf, int, int)} over the readable bytes of {@code buf}. */
  public static boolean isRtcp(ByteBuf buf) {
    return isRtcp(buf, buf.readerIndex(), buf.readableBytes());
  }
}
