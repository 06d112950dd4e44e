package rtpmesh.recording;

import io.netty.buffer.ByteBuf;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import rtpmesh.media.relay.MediaTap;

/**
 * The recorder's tap on one call in one media block: copies each packet into the block's
 * {@link TapRing} tagged with the call's recording session.
 *
 * <p>Owned by the block's event loop; holds no lock.
 */
final class CallTap implements MediaTap {
  private final TapRing ring;
  private final int session;
  private InetAddress local;
  private byte[] localBytes;
  private boolean localV6;

  CallTap(TapRing ring, int session) {
    this.ring = ring;
    this.session = session;
  }

  @Override
  public void packet(int legPort, boolean rtcp, ByteBuf packet, InetSocketAddress source, InetAddress localAddress,
                     int localPort, long nowMs) {
    if (localAddress != local) { // a leg's address object is fixed: converted once per leg, not per packet
      local = localAddress;
      localBytes = localAddress.getAddress();
      localV6 = localAddress instanceof Inet6Address;
    }
    ring.append(session, legPort, rtcp, packet, source.getAddress(), source.getPort(), localBytes, localV6, localPort,
        nowMs);
  }

  @Override
  public void close() {
    ring.handOver();
  }

  @Override
  public void flush() {
    ring.handOver();
  }
}
