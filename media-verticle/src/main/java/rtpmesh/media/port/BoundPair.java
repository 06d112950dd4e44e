package rtpmesh.media.port;

import io.netty.channel.socket.DatagramChannel;
import java.net.InetAddress;

/**
 * One reserved and bound RTP/RTCP socket pair on local {@code address}; channels are registered but
 * not reading yet. {@code pair} is the block's pair index, or {@link #FOREIGN} for an adopted pair
 * outside the block's range (closed on release, never pooled).
 */
public record BoundPair(int pair, InetAddress address, int rtpPort, DatagramChannel rtp, DatagramChannel rtcp) {
  public static final int FOREIGN = -1;

  public boolean foreign() {
    return pair == FOREIGN;
  }
}
