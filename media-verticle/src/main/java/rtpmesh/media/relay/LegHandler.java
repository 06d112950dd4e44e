package rtpmesh.media.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.PortUnreachableException;

/**
 * Netty adapter of one socket of a {@link Leg}. On epoll a forwarded packet leaves at once (one
 * sendto, {@code Leg.send}) while the block keeps up; what goes through Netty's write path instead
 * (a block that batches its reads, other transports, fork copies, DTLS) is flushed once when the
 * read burst ends, one flush per peer socket: several datagrams go out in one sendmmsg.
 *
 * <p>Owned by one event loop; holds no lock.
 */
final class LegHandler extends ChannelInboundHandlerAdapter {
  private final Leg leg;
  private final boolean rtcpSocket;
  private Channel unflushed;

  LegHandler(Leg leg, boolean rtcpSocket) {
    this.leg = leg;
    this.rtcpSocket = rtcpSocket;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof DatagramPacket packet)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    Channel out = leg.receive(packet, rtcpSocket, System.currentTimeMillis());
    if (out != null && out != unflushed) {
      if (unflushed != null) {
        unflushed.flush();
      }
      unflushed = out;
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    leg.flushForks();
    if (unflushed != null) {
      unflushed.flush();
      unflushed = null;
    }
  }

  /**
   * ICMP port unreachable reaches only a party's connected socket ({@code Leg#direct}); the pair's
   * socket, like rtpengine's, never hears of it, so it is no error here either.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof PortUnreachableException)) {
      leg.socketError(rtcpSocket);
    }
  }
}
