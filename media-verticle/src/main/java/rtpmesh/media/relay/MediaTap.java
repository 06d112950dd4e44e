package rtpmesh.media.relay;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A copy of a call's media for someone outside the media plane (the recorder): every RTP and RTCP
 * packet a party of the call sends, after SRTP was removed, before it is forwarded.
 *
 * <p>Called on the block's event loop, per packet: an implementation copies what it needs and
 * returns at once. It must not block, lock, log, keep or release {@code packet}, and must not
 * change its indices or bytes.
 */
public interface MediaTap {
  /**
   * One packet that the party of the leg at local RTP port {@code legPort} sent from {@code source}
   * to our {@code local}:{@code localPort}; {@code packet}'s readable bytes are the RTP or RTCP
   * packet in clear. {@code nowMs} is its arrival time (epoch ms).
   */
  void packet(int legPort, boolean rtcp, ByteBuf packet, InetSocketAddress source, InetAddress local, int localPort,
              long nowMs);

  /** The tap is off (stop, pause, call released): hand over what is buffered. On the loop. */
  void close();

  /** Hand over what is buffered, the tap staying on (the block's once-a-second tick). On the loop. */
  default void flush() {}

  /**
   * Where media blocks get a call's tap from: implemented by the recorder, registered per node in
   * {@link MediaTaps}. {@link #open} is called on the block's loop at control time (never per packet).
   */
  interface Source {
    /** A tap for the call's packets in block {@code block}, or null when the call is not being recorded. */
    MediaTap open(String callId, int block);
  }
}
