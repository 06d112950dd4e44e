package rtpmesh.control.ng.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.SocketAddress;
import java.util.logging.Logger;
import rtpmesh.control.ng.NgWire;

/**
 * ng over UDP ({@code --listen-ng}): each datagram is {@code cookie SP dict}, answered with
 * {@code cookie SP reply} to its sender, through the shared {@link CookieExchange}. A datagram
 * without a cookie gets no reply at all. A reply larger than a datagram is replaced by an error
 * reply saying so (rtpengine logs and drops it, leaving the proxy to retry in vain).
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
    reply.onSuccess(buf -> socket.send(buf.length() <= MAX_REPLY ? buf : tooLarge(buf), sender.port(), sender.host())
        .onFailure(e -> LOG.warning("cannot send ng reply to " + sender + ": " + e.getMessage())));
  }

  /** The largest UDP payload over IPv4 (65535 - 8 - 20). */
  static final int MAX_REPLY = 65_507;

  /**
   * A reply that does not fit a datagram (a re-anchor of many forks with large SDPs, found by
   * NgFuzzTest) becomes an error the proxy can see instead of silence that it would retry.
   */
  private static Buffer tooLarge(Buffer reply) {
    int space = 0;
    while (space < reply.length() && reply.getByte(space) != ' ') space++;
    boolean json = space + 1 < reply.length() && reply.getByte(space + 1) == '{';
    LOG.warning("ng reply of " + reply.length() + " bytes does not fit a UDP datagram; answered with an error");
    return reply.getBuffer(0, Math.min(space + 1, reply.length())).appendBytes(NgWire.error(
        "Reply too large for UDP (" + reply.length() + " bytes): use ng over TCP or HTTP", json));
  }

  public SocketAddress localAddress() {
    return socket.localAddress();
  }

  public Future<Void> close() {
    return socket.close();
  }
}
