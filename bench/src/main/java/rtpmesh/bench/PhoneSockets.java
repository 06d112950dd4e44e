package rtpmesh.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The phones' sockets: {@code count} RTP/RTCP pairs (even port, next odd port) on one event-loop
 * thread, shared by all call sides (side {@code i} uses pair {@code i % count}; {@code count} is
 * even so the two sides of a call never share one). Every side tells the relay its pair's port in
 * SDP, so the relay sends each side's media there and the side is read from the probe's payload.
 *
 * <p>Few sockets instead of one per side is what makes the generator cheap: on Linux the loop is
 * Netty's epoll, which sends everything written in one tick with one {@code sendmmsg} per socket
 * and reads up to {@link #DATAGRAMS_PER_READ} datagrams per {@code recvmmsg}. Elsewhere it falls
 * back to NIO (one syscall per packet). The sockets are AF_INET, as the relays' are.
 */
final class PhoneSockets implements AutoCloseable {
  static final int DATAGRAMS_PER_READ = 32;
  /** Larger than any probe or RTCP report, so nothing is truncated. */
  static final int MAX_DATAGRAM = 512;
  static final int SOCKET_BUFFER = 4 << 20; // the kernel caps this at net.core.[rw]mem_max

  final EventLoopGroup group;
  final DatagramChannel[] rtp;
  final DatagramChannel[] rtcp;
  final int[] ports;

  private PhoneSockets(EventLoopGroup group, int count) {
    this.group = group;
    this.rtp = new DatagramChannel[count];
    this.rtcp = new DatagramChannel[count];
    this.ports = new int[count];
  }

  static boolean epoll() {
    return Epoll.isAvailable();
  }

  /**
   * Binds {@code count} (rounded up to even) pairs from {@code ranges}, skipping pairs in use;
   * {@code rtpHandler} and {@code rtcpHandler} (sharable) get every datagram of the RTP and RTCP
   * sockets. Throws if the ranges run out.
   */
  static PhoneSockets bind(InetAddress address, PortRanges ranges, int count,
                           ChannelHandler rtpHandler, ChannelHandler rtcpHandler) throws IOException {
    count += count & 1;
    IoHandlerFactory io = epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    PhoneSockets s = new PhoneSockets(
        new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bench-media"), io), count);
    Bootstrap b = new Bootstrap()
        .group(s.group)
        .channelFactory(epoll() ? () -> new EpollDatagramChannel(SocketProtocolFamily.INET)
            : () -> new NioDatagramChannel(InternetProtocolFamily.IPv4))
        .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
        .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
        .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
        .option(ChannelOption.MAX_MESSAGES_PER_WRITE, 1024)
        .option(ChannelOption.WRITE_BUFFER_HIGH_WATER_MARK, 64 << 20)
        .handler(rtpHandler);
    if (epoll()) {
      b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
          .option(ChannelOption.RCVBUF_ALLOCATOR,
              new FixedRecvByteBufAllocator(MAX_DATAGRAM * DATAGRAMS_PER_READ));
    } else {
      b.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM));
    }
    int[] even = ranges.evenPorts();
    int next = 0;
    try {
      for (int i = 0; i < count; i++) {
        while (true) {
          if (next >= even.length) {
            throw new IOException("phone port ranges " + ranges + " hold fewer than " + count
                + " free RTP/RTCP pairs");
          }
          int port = even[next++];
          DatagramChannel r = tryBind(b, address, port);
          if (r == null) {
            continue;
          }
          DatagramChannel c = tryBind(b.clone().handler(rtcpHandler), address, port + 1);
          if (c == null) {
            r.close().syncUninterruptibly();
            continue;
          }
          s.rtp[i] = r;
          s.rtcp[i] = c;
          s.ports[i] = port;
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  private static DatagramChannel tryBind(Bootstrap b, InetAddress address, int port) throws IOException {
    var f = b.bind(new InetSocketAddress(address, port)).awaitUninterruptibly();
    if (f.isSuccess()) {
      return (DatagramChannel) f.channel();
    }
    if (f.cause() instanceof BindException || String.valueOf(f.cause().getMessage()).contains("already in use")) {
      return null;
    }
    throw new IOException("bind 127.0.0.1:" + port, f.cause());
  }

  int count() {
    return rtp.length;
  }

  @Override
  public void close() {
    for (int i = 0; i < rtp.length; i++) {
      if (rtp[i] != null) {
        rtp[i].close().awaitUninterruptibly();
      }
      if (rtcp[i] != null) {
        rtcp[i].close().awaitUninterruptibly();
      }
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
