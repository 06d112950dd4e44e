package rtpmesh.media;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.transport.Transport;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

/**
 * The one thread a media block runs on, as a Netty event loop (for sockets) and a Vert.x context
 * (for the control consumer and timers), plus the datagram channel type that fits that loop.
 *
 * <p>Normally this is the verticle's own event loop and the channels come from Vert.x's transport,
 * so they always match. When the config names a transport other than Vert.x's (say io_uring sockets
 * under an epoll Vert.x), the block gets a dedicated single-thread loop of that type and a Vert.x
 * context built on it: control and packets still share one thread, so nothing needs a lock.
 */
final class MediaLoop {
  private final ContextInternal context;
  private final EventLoop eventLoop;
  private final Transport transport;
  private final EventLoopGroup dedicated;

  private MediaLoop(ContextInternal context, Transport transport, EventLoopGroup dedicated) {
    this.context = context;
    this.eventLoop = context.nettyEventLoop();
    this.transport = transport;
    this.dedicated = dedicated;
  }

  static MediaLoop open(VertxInternal vertx, ContextInternal verticleContext, MediaTransport wanted, int block) {
    Transport current = vertx.transport();
    io.vertx.core.transport.Transport requested = wanted.vertxTransport();
    if (requested == null || current.getClass() == implementationClass(requested)) {
      return new MediaLoop(verticleContext, current, null);
    }
    if (!requested.available()) {
      throw new IllegalStateException("transport " + wanted.configName() + " unavailable: "
          + requested.unavailabilityCause());
    }
    Transport impl = requested.implementation();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("rtpmesh-media-" + block + "-" + wanted.configName()), impl.ioHandlerFactory());
    ContextInternal context = vertx.contextBuilder().withEventLoop(group.next()).build();
    return new MediaLoop(context, impl, group);
  }

  private static Class<?> implementationClass(io.vertx.core.transport.Transport t) {
    return t.available() ? t.implementation().getClass() : null;
  }

  ContextInternal context() {
    return context;
  }

  EventLoop eventLoop() {
    return eventLoop;
  }

  /** Name of the transport the sockets use, for logs and stats. */
  String transportName() {
    return transport.getClass().getSimpleName();
  }

  /**
   * A datagram channel of the local address's own family. Vert.x's epoll and io_uring transports
   * ignore the family and open dual-stack IPv6 sockets, so every IPv4 packet would take the kernel's
   * IPv6 path with mapped addresses; rtpengine's sockets are AF_INET, and so are ours.
   */
  @SuppressWarnings("deprecation") // Vert.x 5's Transport SPI still takes InternetProtocolFamily.
  DatagramChannel newDatagramChannel(InetAddress local) {
    boolean v6 = local instanceof Inet6Address;
    SocketProtocolFamily family = v6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
    if (eventLoop instanceof IoEventLoop io && io.isIoType(EpollIoHandler.class)) {
      return new EpollDatagramChannel(family);
    }
    if (eventLoop instanceof IoEventLoop io && io.isIoType(IoUringIoHandler.class)) {
      return new IoUringDatagramChannel(family);
    }
    return transport.datagramChannel(v6 ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4);
  }

  /** Stops the dedicated loop, if any; call after every socket is closed. */
  Future<Void> close() {
    if (dedicated == null) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    dedicated.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(f -> done.complete());
    return done.future();
  }
}
