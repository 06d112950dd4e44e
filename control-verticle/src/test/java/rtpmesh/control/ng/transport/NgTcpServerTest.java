package rtpmesh.control.ng.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static rtpmesh.control.ng.transport.RecordingHandler.ascii;
import static rtpmesh.control.ng.transport.RecordingHandler.ok;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class NgTcpServerTest {
  private RecordingHandler handler;
  private NgTransports transports;
  private Socket client;
  private OutputStream out;
  private InputStream in;

  @BeforeEach
  void start(Vertx vertx) throws IOException {
    handler = new RecordingHandler(vertx);
    transports = NgTransports.start(vertx, handler, List.of(), List.of("127.0.0.1:0"), List.of()).await();
    client = new Socket("127.0.0.1", transports.tcp().get(0).actualPort());
    client.setSoTimeout(2000);
    client.setTcpNoDelay(true);
    out = client.getOutputStream();
    in = client.getInputStream();
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    transports.close().await();
  }

  private void write(String s) throws IOException {
    out.write(ascii(s));
    out.flush();
  }

  private String read(int length) throws IOException {
    return new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
  }

  @Test
  void twoMessagesInOneWrite() throws IOException {
    write("a d7:command4:pingeb d7:command5:querye");
    String expected = "a " + ok("ping", 1) + "b " + ok("query", 2);
    assertEquals(expected, read(expected.length()));
  }

  @Test
  void oneMessageSplitAcrossWrites() throws IOException, InterruptedException {
    write("a d7:comm");
    Thread.sleep(50);
    write("and4:pi");
    Thread.sleep(50);
    write("nge");
    String expected = "a " + ok("ping", 1);
    assertEquals(expected, read(expected.length()));
  }

  @Test
  void repliesComeInRequestOrderEvenWhenTheFirstIsSlower() throws IOException {
    write("slow d7:command5:offer8:delay-msi200eefast d7:command4:pinge");
    String expected = "slow " + ok("offer", 1) + "fast " + ok("ping", 2);
    assertEquals(expected, read(expected.length()));
  }

  @Test
  void resentCookieIsAnsweredFromTheCache() throws IOException {
    write("c1 d7:command6:deletee");
    write("c1 d7:command6:deletee");
    String expected = "c1 " + ok("delete", 1);
    assertEquals(expected + expected, read(2 * expected.length()));
    assertEquals(1, handler.executions.get());
  }

  @Test
  void garbageClosesTheConnectionAfterAnsweringWhatCameBefore() throws IOException {
    write("a d7:command4:pingeb {\"command\":\"ping\"}");
    String expected = "a " + ok("ping", 1);
    assertEquals(expected, read(expected.length()));
    assertEquals(-1, in.read());
  }
}
