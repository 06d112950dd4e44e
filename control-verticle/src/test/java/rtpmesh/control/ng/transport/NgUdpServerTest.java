package rtpmesh.control.ng.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static rtpmesh.control.ng.transport.RecordingHandler.ascii;
import static rtpmesh.control.ng.transport.RecordingHandler.ok;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class NgUdpServerTest {
  private RecordingHandler handler;
  private NgTransports transports;
  private DatagramSocket client;
  private InetSocketAddress server;

  @BeforeEach
  void start(Vertx vertx) throws IOException {
    handler = new RecordingHandler(vertx);
    transports = NgTransports.start(vertx, handler, List.of("127.0.0.1:0"), List.of(), List.of()).await();
    server = new InetSocketAddress("127.0.0.1", transports.udp().get(0).localAddress().port());
    client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    client.setSoTimeout(2000);
  }

  @AfterEach
  void stop() {
    client.close();
    transports.close().await();
  }

  private void send(String datagram) throws IOException {
    send(ascii(datagram));
  }

  private void send(byte[] datagram) throws IOException {
    client.send(new DatagramPacket(datagram, datagram.length, server));
  }

  private String receive() throws IOException {
    DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
    client.receive(p);
    return new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void replyCarriesTheCookie() throws IOException {
    send("5_12 d7:command4:pinge");
    assertEquals("5_12 " + ok("ping", 1), receive());
  }

  @Test
  void datagramWithoutSpaceGetsNoReply() throws IOException {
    send("d7:command4:pinge");
    send(" d7:command4:pinge"); // empty cookie: rtpengine does not answer either
    client.setSoTimeout(300);
    assertThrows(SocketTimeoutException.class, this::receive);
    assertEquals(0, handler.executions.get());
  }

  @Test
  void resentCookieGetsTheCachedReplyWithoutExecutingAgain() throws IOException {
    send("c1 d7:command6:deletee");
    String first = receive();
    send("c1 d7:command6:deletee");
    assertEquals(first, receive());
    assertEquals(1, handler.executions.get());
  }

  @Test
  void resendWhileTheCommandStillRunsGetsTheSameReplyOnceDone() throws IOException {
    send("c1 d7:command5:offer8:delay-msi300ee");
    send("c1 d7:command5:offer8:delay-msi300ee");
    String expected = "c1 " + ok("offer", 1);
    assertEquals(expected, receive());
    assertEquals(expected, receive());
    assertEquals(1, handler.executions.get());
  }

  @Test
  void differentCookieExecutesAgain() throws IOException {
    send("c1 d7:command4:pinge");
    assertEquals("c1 " + ok("ping", 1), receive());
    send("c2 d7:command4:pinge");
    assertEquals("c2 " + ok("ping", 2), receive());
  }

  @Test
  void datagramLargerThanNettysDefaultIsReceivedWhole() throws IOException {
    byte[] sdp = new byte[20_000];
    Arrays.fill(sdp, (byte) 'a');
    byte[] message = ascii("big d7:command5:offer3:sdp20000:" + new String(sdp, StandardCharsets.ISO_8859_1) + "e");
    send(message);
    assertEquals("big " + ok("offer", 1), receive());
    byte[] payload = Arrays.copyOfRange(message, 4, message.length);
    assertArrayEquals(payload, handler.lastPayload.get());
  }
}
