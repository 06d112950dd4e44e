package rtpmesh.media.port;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Function;

/**
 * Binds a free RTP/RTCP pair of a {@link PortBlock} on a local address: starting at a random pair,
 * it scans the block once; a pair that some other socket holds (another process, a phone inside
 * the range) is skipped. Whatever fails halfway is closed and given back, so ports never leak.
 *
 * <p>Owned by one event loop (the one the channels are registered on); holds no lock.
 */
public final class PairBinder {
  /**
   * rtpengine reads into 64 KB; RTP is MTU-sized but a truncated datagram would silently break
   * byte-identical forwarding, and the pooled allocator makes the larger buffer cheap.
   */
  public static final int MAX_DATAGRAM = 8192;

  /** Bootstrap insists on a handler; the relay adds its own once the leg exists. */
  private static final ChannelHandler NOOP = new Noop();

  private final EventLoop loop;
  private final PortBlock block;
  private final Bootstrap bootstrap;
  private final Function<InetAddress, DatagramChannel> channels;

  /** {@code channels} creates an unregistered channel of the loop's transport for the address family. */
  public PairBinder(EventLoop loop, PortBlock block, Function<InetAddress, DatagramChannel> channels) {
    this.loop = loop;
    this.block = block;
    this.channels = channels;
    // Channels start without reading: the relay installs its handler first, then turns reading on.
    this.bootstrap = new Bootstrap()
        .group(loop)
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.ALLOCATOR, ByteBufAllocator.DEFAULT)
        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
        .handler(NOOP);
  }

  public PortBlock block() {
    return block;
  }

  /**
   * Binds one pair on {@code address}; fails with {@link NoFreePortException} when every pair is
   * reserved or busy, or with the bind error when the address itself cannot be bound.
   */
  public Future<BoundPair> bind(InetAddress address) {
    Promise<BoundPair> promise = loop.newPromise();
    new Scan(address, promise).next();
    return promise;
  }

  /** Closes both channels and gives the pair back; completes when both sockets are closed. */
  public Future<Void> unbind(BoundPair pair) {
    Promise<Void> done = loop.newPromise();
    block.free(pair.pair());
    pair.rtp().close().addListener(f -> pair.rtcp().close().addListener(g -> done.setSuccess(null)));
    return done;
  }

  private ChannelFuture open(InetAddress address, int port) {
    return bootstrap.clone()
        .channelFactory(() -> channels.apply(address))
        .bind(new InetSocketAddress(address, port));
  }

  /** One scan over the block for one pair; recursion is bounded by Netty's listener stack guard. */
  private final class Scan {
    private final InetAddress address;
    private final Promise<BoundPair> promise;
    private final int start = block.randomPair();
    private int scanned;

    Scan(InetAddress address, Promise<BoundPair> promise) {
      this.address = address;
      this.promise = promise;
    }

    void next() {
      int n = block.pairCount();
      while (scanned < n) {
        int pair = (start + scanned++) % n;
        if (!block.isUsed(pair)) {
          tryPair(pair);
          return;
        }
      }
      promise.setFailure(new NoFreePortException());
    }

    private void tryPair(int pair) {
      block.reserve(pair);
      int rtpPort = block.rtpPort(pair);
      open(address, rtpPort).addListener((ChannelFuture rtp) -> {
        if (!rtp.isSuccess()) {
          failed(pair, rtp.cause());
          return;
        }
        open(address, rtpPort + 1).addListener((ChannelFuture rtcp) -> {
          if (!rtcp.isSuccess()) {
            rtp.channel().close().addListener(f -> failed(pair, rtcp.cause()));
            return;
          }
          promise.setSuccess(new BoundPair(pair, rtpPort,
              (DatagramChannel) rtp.channel(), (DatagramChannel) rtcp.channel()));
        });
      });
    }

    private void failed(int pair, Throwable cause) {
      block.free(pair);
      if (isPortBusy(cause)) {
        next();
      } else {
        promise.setFailure(cause);
      }
    }
  }

  /** EADDRINUSE, worded alike by the JDK ("Address already in use") and Netty's native transports. */
  static boolean isPortBusy(Throwable cause) {
    String message = cause.getMessage();
    return message != null && message.contains("already in use");
  }

  @ChannelHandler.Sharable
  private static final class Noop extends ChannelHandlerAdapter {}
}
