package rtpmesh.media.port;

import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;

/**
 * How the media sockets read, chosen for a relay where each socket gets about one packet per
 * wakeup (one RTP stream at 50 packets/s): read once per readiness instead of until EAGAIN, which
 * halves the receive syscalls per packet. That needs level-triggered epoll (NIO's selector is
 * level-triggered anyway), so a socket with more queued is simply reported again on the next
 * poll. {@code recvmmsg > 1} makes that one read a recvmmsg of up to that many datagrams on epoll.
 *
 * <p>Settable with system properties for measurements ({@code -Drtpmesh.media.epollMode=et}, {@code
 * -Drtpmesh.media.readsPerWakeup=16}, {@code -Drtpmesh.media.recvmmsg=4}); bench/README.md has
 * the figures behind the defaults.
 */
public record SocketTuning(boolean levelTriggered, int readsPerWakeup, int recvmmsg) {

  public static final SocketTuning DEFAULT = fromSystemProperties();

  /** Edge-triggered epoll must read until EAGAIN, so it keeps Netty's 16 reads per wakeup. */
  private static SocketTuning fromSystemProperties() {
    boolean lt = !"et".equalsIgnoreCase(System.getProperty("rtpmesh.media.epollMode", "lt"));
    return new SocketTuning(lt,
        Integer.getInteger("rtpmesh.media.readsPerWakeup", lt ? 1 : 16),
        Integer.getInteger("rtpmesh.media.recvmmsg", 1));
  }

  public SocketTuning {
    if (readsPerWakeup < 1 || recvmmsg < 1) {
      throw new IllegalArgumentException("readsPerWakeup " + readsPerWakeup + " and recvmmsg "
          + recvmmsg + ", expected both >= 1");
    }
  }

  /**
   * Sets the receive buffer (a fixed {@code maxDatagram}, times {@link #recvmmsg} on epoll) and the
   * read mode of a channel before it is registered. Other transports (io_uring) keep Netty's
   * read loop, which submits its reads ahead.
   */
  public void apply(DatagramChannel channel, int maxDatagram) {
    RecvByteBufAllocator allocator;
    if (channel instanceof EpollDatagramChannel epoll) {
      epoll.config().setEpollMode(levelTriggered ? EpollMode.LEVEL_TRIGGERED : EpollMode.EDGE_TRIGGERED);
      if (recvmmsg > 1) {
        epoll.config().setOption(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, maxDatagram);
      }
      allocator = new FixedRecvByteBufAllocator(maxDatagram * recvmmsg).maxMessagesPerRead(readsPerWakeup);
    } else if (channel instanceof NioDatagramChannel) {
      allocator = new FixedRecvByteBufAllocator(maxDatagram).maxMessagesPerRead(readsPerWakeup);
    } else {
      allocator = new FixedRecvByteBufAllocator(maxDatagram);
    }
    channel.config().setRecvByteBufAllocator(allocator);
  }
}
