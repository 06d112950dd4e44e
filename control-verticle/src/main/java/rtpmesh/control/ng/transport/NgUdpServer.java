package rtpmesh.control.ng.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.SocketAddress;
import java.util.logging.Logger;

/**
 * ng over UDP ({@code --listen-ng}): each datagram is {@code cookie SP dict}, answered with
 * {@code cookie SP reply} to its sender, through the shared {@link CookieExchange}. A datagram
 * without a cookie gets no reply at all. A reply that cannot be sent (larger than a datagram) is
 * logged and dropped, as rtpengine does.
 */
public final class NgUdpServer {
  /** Netty cuts datagrams at the receive allocator size (2048 by default); an offer is larger. */
  static final int MAX_DATAGRAM = 65_536;

  private static final Logger LOG = Logger.getLogger(NgUdpServer.class.getName());

  private final DatagramSocket socket;

  private NgUdpServer(DatagramSocket socket) {
    this.socket = socket;
  }

  public static Future<NgUdpServer> start(Vertx vertx, ListenAddress at, CookieExchange exchange) {
    DatagramSocketOptions options = new DatagramSocketOptions()
        .setReceiveBufferSize(MAX_DATAGRAM)
        .setIpV6(at.host().indexOf(':') >= 0);
    DatagramSocket socket = vertx.createDatagramSocket(options);
    socket.handler(packet -> onDatagram(socket, exchange, packet));
    return socket.listen(at.port(), at.host()).map(NgUdpServer::new);
  }

  private static void onDatagram(DatagramSocket socket, CookieExchange exchange, DatagramPacket packet) {
    SocketAddress sender = packet.sender();
    Future<Buffer> reply = exchange.process(packet.data(), sender);
    if (reply == null) return;
    reply.onSuccess(buf -> socket.send(buf, sender.port(), sender.host())
        .onFailure(e -> LOG.warning("cannot send ng reply to " + sender + ": " + e.getMessage())));
  }

  public SocketAddress localAddress() {
    return socket.localAddress();
  }

  public Future<Void> close() {
    return socket.close();
  }
}
