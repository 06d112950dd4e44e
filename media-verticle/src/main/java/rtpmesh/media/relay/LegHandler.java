package rtpmesh.media.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import rtpmesh.media.port.ConnectedSocket;

/**
 * Reader of one socket of a {@link Leg}: a Netty channel's (the pair's sockets) or a party's
 * {@link ConnectedSocket}. On epoll a forwarded packet leaves at once (one sendto, {@code
 * Leg.send}) while the block keeps up; what goes through Netty's write path instead (a block that
 * batches its reads, other transports, fork copies, DTLS) is flushed once when the read burst
 * ends, one flush per peer socket: several datagrams go out in one sendmmsg.
 *
 * <p>Owned by one event loop; holds no lock.
 */
final class LegHandler extends ChannelInboundHandlerAdapter implements ConnectedSocket.Reader {
  private final Leg leg;
  private final boolean rtcpSocket;
  private Channel unflushed;

  LegHandler(Leg leg, boolean rtcpSocket) {
    this.leg = leg;
    this.rtcpSocket = rtcpSocket;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof DatagramPacket packet) {
      read(packet);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void read(DatagramPacket packet) {
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
    readComplete();
  }

  @Override
  public void readComplete() {
    leg.flushForks();
    if (unflushed != null) {
      unflushed.flush();
      unflushed = null;
    }
  }

  /** The pair's sockets are not connected, so they never hear of ICMP errors: this is a real one. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    leg.socketError(rtcpSocket);
  }

  @Override
  public void readFailed(Throwable cause) {
    leg.socketError(rtcpSocket);
  }
}
