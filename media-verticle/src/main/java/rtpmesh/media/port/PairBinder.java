package rtpmesh.media.port;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Binds a free RTP/RTCP pair of a {@link PortBlock} on a local address: starting at a random pair,
 * it scans the block once; a pair that some other socket holds (another process, a phone inside
 * the range) is skipped. Whatever fails halfway is closed and given back, so ports never leak.
 *
 * <p>It also binds given pairs ({@link #bindExact}) to adopt the ports of a failed node: a pair of
 * this block's range comes out of the pool, any other pair is foreign, tracked per local address
 * and port, and never enters the pool.
 *
 * <p>Owned by one event loop (the one the channels are registered on); holds no lock.
 */
public final class PairBinder {
  /**
   * rtpengine reads into 64 KB; RTP is MTU-sized but a truncated datagram would silently break
   * byte-identical forwarding, and the pooled allocator makes the larger buffer cheap.
   */
  public static final int MAX_DATAGRAM = 8192;

  /** How often {@link #bindExact} retries a pair that some other socket still holds. */
  public static final long RETRY_MS = 50;

  /** Bootstrap insists on a handler; the relay adds its own once the leg exists. */
  private static final ChannelHandler NOOP = new Noop();

  private final EventLoop loop;
  private final PortBlock block;
  private final Bootstrap bootstrap;
  private final Function<InetAddress, DatagramChannel> channels;
  private final int tos;
  private final SocketTuning tuning;
  private final ReadBatch reads;
  /** Foreign pairs held or being bound, by local address and RTP port. */
  private final Set<InetSocketAddress> foreign = new HashSet<>();

  /**
   * {@code channels} creates an unregistered channel of the loop's transport for the address family;
   * every socket gets IP TOS {@code tos} (IPv6: traffic class), or the system's default with -1.
   */
  public PairBinder(EventLoop loop, PortBlock block, Function<InetAddress, DatagramChannel> channels, int tos) {
    this(loop, block, channels, tos, SocketTuning.DEFAULT);
  }

  PairBinder(EventLoop loop, PortBlock block, Function<InetAddress, DatagramChannel> channels, int tos,
      SocketTuning tuning) {
    this.loop = loop;
    this.tuning = tuning;
    this.reads = tuning.newReadBatch(MAX_DATAGRAM);
    this.block = block;
    this.channels = channels;
    this.tos = tos;
    // Channels start without reading: the relay installs its handler first, then turns reading on.
    // The buffer allocators are set per channel, by SocketTuning: the block's ReadBatch on epoll.
    this.bootstrap = new Bootstrap()
        .group(loop)
        .option(ChannelOption.AUTO_READ, false)
        .handler(NOOP);
    if (tos >= 0) {
      bootstrap.option(ChannelOption.IP_TOS, tos);
    }
  }

  public PortBlock block() {
    return block;
  }

  /** How the block's sockets batch their reads; {@link ReadBatch#tick} it on the loop. */
  public ReadBatch reads() {
    return reads;
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

  /** Foreign pairs held (or being bound) now. */
  public int foreignCount() {
    return foreign.size();
  }

  /** Whether this block holds (or is binding) the pair of {@code rtpPort}: in its pool, or as foreign. */
  public boolean isHeld(InetAddress address, int rtpPort) {
    int pair = block.pairOf(rtpPort);
    return pair >= 0 ? block.isUsed(pair) : foreign.contains(new InetSocketAddress(address, rtpPort));
  }

  /**
   * Binds exactly the pair of {@code rtpPort} (even) on {@code address}, which this block must not
   * hold (see {@link #isHeld}). A failed bind is retried every {@link #RETRY_MS} ms on the loop's
   * timer (never blocking it) until {@code deadlineNanos} ({@link System#nanoTime}), so that a
   * process that is dying may let go of the port; then fails with the last bind error. The pair
   * stays reserved while retrying, so no other allocation or adoption of this block takes it.
   */
  public Future<BoundPair> bindExact(InetAddress address, int rtpPort, long deadlineNanos) {
    Promise<BoundPair> promise = loop.newPromise();
    int pair = block.pairOf(rtpPort);
    InetSocketAddress key = new InetSocketAddress(address, rtpPort);
    if (pair >= 0) {
      block.reserve(pair);
    } else if (!foreign.add(key)) {
      throw new IllegalStateException("foreign pair " + key + " already held");
    }
    Exact exact = new Exact(pair >= 0 ? pair : BoundPair.FOREIGN, key, deadlineNanos, promise);
    exact.attempt();
    return promise;
  }

  private void giveBack(int pair, InetSocketAddress foreignKey) {
    if (pair == BoundPair.FOREIGN) {
      foreign.remove(foreignKey);
    } else {
      block.free(pair);
    }
  }

  /** Closes both channels and gives the pair back; completes when both sockets are closed. */
  public Future<Void> unbind(BoundPair pair) {
    Promise<Void> done = loop.newPromise();
    giveBack(pair.pair(), new InetSocketAddress(pair.address(), pair.rtpPort()));
    close(pair.rtp()).addListener(f -> close(pair.rtcp()).addListener(g -> done.setSuccess(null)));
    return done;
  }

  /**
   * Closes {@code channel}; completes once the OS has let go of its port. The JDK (NIO) frees a
   * registered channel's socket only at its selector's next select, so completion waits for the
   * loop's next turn: a task scheduled from the loop runs only after the loop's next I/O poll.
   * Without this, a port released (or a failed adoption) could still be busy for the caller's next step.
   */
  private Future<Void> close(Channel channel) {
    Promise<Void> done = loop.newPromise();
    channel.close().addListener(f -> loop.schedule(() -> done.setSuccess(null), 0, TimeUnit.MILLISECONDS));
    return done;
  }

  /**
   * Opens a second socket on the RTP port of {@code pair}, connected to {@code remote}: the
   * party's own socket once its endpoint is learned (relay/Leg). The kernel hands it every datagram
   * from {@code remote} (Linux's UDP lookup ranks a connected socket first) and the rest still
   * to the pair's socket; it reads without a sender address and sends without a
   * destination or route lookup. Both sockets need {@code SO_REUSEPORT}; the pair's socket gets it
   * only now, so no other socket could share its port before. Epoll only; the socket is registered
   * and reads into {@code reader} from the loop's next turn. Fails when the transport has no such
   * sockets or the OS refuses.
   */
  public Future<ConnectedSocket> connect(BoundPair pair, InetSocketAddress remote, ConnectedSocket.Reader reader) {
    if (!(pair.rtp() instanceof EpollDatagramChannel rtp) || !(loop instanceof IoEventLoop io)) {
      return loop.newFailedFuture(new UnsupportedOperationException("connected sockets need epoll"));
    }
    InetSocketAddress local = new InetSocketAddress(pair.address(), pair.rtpPort());
    LinuxSocket socket = LinuxSocket.newSocketDgram(pair.address() instanceof Inet6Address);
    try {
      rtp.config().setOption(EpollChannelOption.SO_REUSEPORT, true);
      socket.setReusePort(true);
      if (tos >= 0) {
        socket.setTrafficClass(tos);
      }
      socket.bind(local);
      socket.connect(remote);
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
      return loop.newFailedFuture(e);
    }
    ConnectedSocket connected = new ConnectedSocket(socket, local, remote, rtp.alloc(), reads, reader);
    Promise<ConnectedSocket> promise = loop.newPromise();
    io.register(connected).addListener((Future<IoRegistration> f) -> {
      if (f.isSuccess()) {
        connected.start(f.getNow());
        promise.setSuccess(connected);
      } else {
        closeQuietly(socket);
        promise.setFailure(f.cause());
      }
    });
    return promise;
  }

  private static void closeQuietly(LinuxSocket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to give back
    }
  }

  /** Binds RTP then RTCP; if RTCP fails the RTP socket is closed before failing. Reserves nothing. */
  private Future<BoundPair> open(int pair, InetAddress address, int rtpPort) {
    Promise<BoundPair> promise = loop.newPromise();
    open(address, rtpPort).addListener((ChannelFuture rtp) -> {
      if (!rtp.isSuccess()) {
        promise.setFailure(rtp.cause());
        return;
      }
      open(address, rtpPort + 1).addListener((ChannelFuture rtcp) -> {
        if (!rtcp.isSuccess()) {
          close(rtp.channel()).addListener(f -> promise.setFailure(rtcp.cause()));
          return;
        }
        promise.setSuccess(new BoundPair(pair, address, rtpPort,
            (DatagramChannel) rtp.channel(), (DatagramChannel) rtcp.channel()));
      });
    });
    return promise;
  }

  private ChannelFuture open(InetAddress address, int port) {
    return bootstrap.clone()
        .channelFactory(() -> newChannel(address))
        .bind(new InetSocketAddress(address, port));
  }

  /** An unregistered channel of the loop's transport, read the block's way ({@link SocketTuning}). */
  private DatagramChannel newChannel(InetAddress address) {
    DatagramChannel c = channels.apply(address);
    tuning.apply(c, reads);
    return c;
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
      open(pair, address, block.rtpPort(pair)).addListener((Future<BoundPair> f) -> {
        if (f.isSuccess()) {
          promise.setSuccess(f.getNow());
        } else {
          failed(pair, f.cause());
        }
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

  /** One given pair, already reserved, bound or retried on the loop's timer until the deadline. */
  private final class Exact {
    private final int pair;
    private final InetSocketAddress rtp;
    private final long deadlineNanos;
    private final Promise<BoundPair> promise;

    Exact(int pair, InetSocketAddress rtp, long deadlineNanos, Promise<BoundPair> promise) {
      this.pair = pair;
      this.rtp = rtp;
      this.deadlineNanos = deadlineNanos;
      this.promise = promise;
    }

    void attempt() {
      open(pair, rtp.getAddress(), rtp.getPort()).addListener((Future<BoundPair> f) -> {
        if (f.isSuccess()) {
          promise.setSuccess(f.getNow());
        } else if (System.nanoTime() - deadlineNanos < 0) {
          loop.schedule(this::attempt, RETRY_MS, TimeUnit.MILLISECONDS);
        } else {
          giveBack(pair, rtp);
          promise.setFailure(f.cause());
        }
      });
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
