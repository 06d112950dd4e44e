package rtpmesh.control.ng.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rtpmesh.control.ng.transport.RecordingHandler.ascii;
import static rtpmesh.control.ng.transport.RecordingHandler.ok;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class NgTransportsTest {
  @Test
  void bindFailureNamesTransportAndAddressAndClosesTheOthers(Vertx vertx) throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      String busy = "127.0.0.1:" + taken.getLocalPort();
      Exception e = assertThrows(Exception.class, () ->
          NgTransports.start(vertx, new RecordingHandler(vertx), List.of("127.0.0.1:0"), List.of(busy), List.of())
              .await());
      assertTrue(e.getMessage().startsWith("cannot listen on tcp " + busy + ": "), e.getMessage());
    }
  }

  @Test
  void invalidAddressFailsBeforeBinding(Vertx vertx) {
    Exception e = assertThrows(Exception.class, () ->
        NgTransports.start(vertx, new RecordingHandler(vertx), List.of("nonsense"), List.of(), List.of()).await());
    assertEquals("invalid listen address 'nonsense': expected [IP46|HOSTNAME:]PORT, e.g. 127.0.0.1:2223",
        e.getMessage());
  }

  @Test
  void udpAndTcpShareOneCookieSpaceAsInRtpengine(Vertx vertx) throws IOException {
    RecordingHandler handler = new RecordingHandler(vertx);
    NgTransports transports = NgTransports.start(vertx, handler, List.of("127.0.0.1:0"), List.of("127.0.0.1:0"),
        List.of()).await();
    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        Socket tcp = new Socket("127.0.0.1", transports.tcp().get(0).actualPort())) {
      udp.setSoTimeout(2000);
      tcp.setSoTimeout(2000);
      byte[] request = ascii("same d7:command4:pinge");
      udp.send(new DatagramPacket(request, request.length,
          new InetSocketAddress("127.0.0.1", transports.udp().get(0).localAddress().port())));
      DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
      udp.receive(p);
      tcp.getOutputStream().write(request);
      String expected = "same " + ok("ping", 1);
      assertEquals(expected, new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1));
      assertEquals(expected,
          new String(tcp.getInputStream().readNBytes(expected.length()), StandardCharsets.ISO_8859_1));
      assertEquals(1, handler.executions.get());
    } finally {
      transports.close().await();
    }
  }
}
