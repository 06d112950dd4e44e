package rtpmesh.control.ng.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.util.logging.Logger;

/**
 * ng over TCP ({@code --listen-tcp-ng}): a stream of {@code cookie SP bencode-dict} messages without
 * length prefix, framed by {@link NgStreamFramer}; each answered with {@code cookie SP reply} on the
 * same connection, in request order, through the shared {@link CookieExchange}.
 *
 * <p>Bytes that are not bencode after a cookie close the connection (after the replies to the
 * messages before them) without an error reply: the stream cannot be re-synchronised, there is no
 * delimiter to skip to, and rtpengine never answers them either (it buffers until its limit, then
 * closes). So does more than {@link #MAX_BUFFERED} bytes without a complete message (rtpengine:
 * 1 KiB; ours leaves room for large SDP). A message without cookie gets no reply, as over UDP.
 */
public final class NgTcpServer {
  static final int MAX_BUFFERED = 1 << 20;

  private static final Logger LOG = Logger.getLogger(NgTcpServer.class.getName());

  private final NetServer server;

  private NgTcpServer(NetServer server) {
    this.server = server;
  }

  public static Future<NgTcpServer> start(Vertx vertx, ListenAddress at, CookieExchange exchange) {
    NetServer server = vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true));
    server.connectHandler(socket -> serve(socket, exchange));
    return server.listen(at.toSocketAddress()).map(NgTcpServer::new);
  }

  private static void serve(NetSocket socket, CookieExchange exchange) {
    NgStreamFramer framer = new NgStreamFramer(MAX_BUFFERED);
    InOrderReplies replies = new InOrderReplies(socket::write);
    SocketAddress from = socket.remoteAddress();
    socket.handler(data -> {
      try {
        framer.feed(data.getBytes(), message -> {
          Future<Buffer> reply = exchange.process(Buffer.buffer(message), from);
          if (reply != null) replies.add(reply);
        });
      } catch (NgStreamFramer.FramingException e) {
        LOG.warning("closing ng TCP connection from " + from + ": " + e.getMessage());
        socket.handler(null);
        replies.drained().onComplete(done -> socket.close());
      }
    });
  }

  public int actualPort() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server.close();
  }
}
