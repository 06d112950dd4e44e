package rtpmesh.control.ng.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rtpmesh.control.ng.transport.RecordingHandler.ok;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class NgHttpServerTest {
  private static final String NG = "application/x-rtpengine-ng";

  private RecordingHandler handler;
  private NgTransports transports;
  private HttpClient http;
  private WebSocketClient ws;
  private int port;

  /** The parts of a response a test looks at. */
  private record Reply(int status, String contentType, String body) {}

  @BeforeEach
  void start(Vertx vertx) {
    handler = new RecordingHandler(vertx);
    transports = NgTransports.start(vertx, handler, List.of(), List.of(), List.of("127.0.0.1:0")).await();
    port = transports.http().get(0).actualPort();
    // One connection per request: Vert.x's pooled client in the same instance as the server stalled
    // now and then on a reused connection (curl over one keep-alive connection never did).
    http = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setKeepAlive(false));
    ws = vertx.createWebSocketClient();
  }

  @AfterEach
  void stop() {
    http.close().await();
    ws.close().await();
    transports.close().await();
  }

  private Reply request(HttpMethod method, String uri, String contentType, String body) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri);
    if (contentType != null) options.putHeader("Content-Type", contentType);
    try {
      return http.request(options)
          .compose(req -> body == null ? req.send() : req.send(body))
          .compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(), resp.getHeader("Content-Type"),
              b.toString())))
          .await(5, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no HTTP response to " + method + " " + uri, e);
    }
  }

  @Test
  void postNgCarriesTheCookie() {
    Reply r = request(HttpMethod.POST, "/ng", NG, "k1 d7:command4:pinge");
    assertEquals(new Reply(200, NG, "k1 " + ok("ping", 1)), r);
  }

  @Test
  void postNgSharesTheCookieCache() {
    request(HttpMethod.POST, "/ng", NG, "k1 d7:command6:deletee");
    Reply again = request(HttpMethod.POST, "/ng", NG, "k1 d7:command6:deletee");
    assertEquals("k1 " + ok("delete", 1), again.body());
    assertEquals(1, handler.executions.get());
  }

  @Test
  void postNgWithoutCookieIsRtpenginesStatus600() {
    assertEquals(new Reply(600, "text/plain", "error\n"),
        request(HttpMethod.POST, "/ng", NG, "d7:command4:pinge"));
  }

  @Test
  void postNgPlainHasNoCookieAndNoCache() {
    assertEquals(new Reply(200, NG, ok("ping", 1)),
        request(HttpMethod.POST, "/ng-plain", NG, "d7:command4:pinge"));
    assertEquals(new Reply(200, NG, ok("ping", 2)),
        request(HttpMethod.POST, "/ng-plain", NG, "d7:command4:pinge"));
  }

  @Test
  void postNgPlainAcceptsJson() {
    Reply r = request(HttpMethod.POST, "/ng-plain", "application/json", "{\"command\":\"ping\"}");
    assertEquals(new Reply(200, NG, "{\"command\":\"ping\"}"), r);
  }

  @Test
  void getPing() {
    assertEquals(new Reply(200, "text/plain", "pong\n"), request(HttpMethod.GET, "/ping", null, null));
  }

  @Test
  void everythingElseIs404() {
    Reply notFound = new Reply(404, "text/plain", "not found\n");
    assertEquals(notFound, request(HttpMethod.GET, "/nope", null, null));
    assertEquals(notFound, request(HttpMethod.GET, "/ng", null, null));
    assertEquals(notFound, request(HttpMethod.POST, "/ping", NG, "x"));
    assertEquals(notFound, request(HttpMethod.POST, "/ng", "text/plain", "k1 d7:command4:pinge"));
    assertEquals(0, handler.executions.get());
  }

  private WebSocket connect(String subprotocol) {
    return ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/")
        .addSubProtocol(subprotocol)).await();
  }

  @Test
  void webSocketNgCarriesTheCookieInOrder() throws Exception {
    WebSocket socket = connect("ng.rtpengine.com");
    assertEquals("ng.rtpengine.com", socket.subProtocol());
    LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
    socket.binaryMessageHandler(b -> replies.add(b.toString()));
    socket.writeTextMessage("w1 d7:command5:offer8:delay-msi200ee");
    socket.writeBinaryMessage(Buffer.buffer("w2 d7:command4:pinge"));
    socket.writeTextMessage("no-cookie-so-no-reply");
    assertEquals("w1 " + ok("offer", 1), replies.poll(5, TimeUnit.SECONDS));
    assertEquals("w2 " + ok("ping", 2), replies.poll(5, TimeUnit.SECONDS));
    assertEquals(null, replies.poll(300, TimeUnit.MILLISECONDS));
  }

  @Test
  void webSocketNgPlainHasNoCookie() throws Exception {
    WebSocket socket = connect("ng-plain.rtpengine.com");
    assertEquals("ng-plain.rtpengine.com", socket.subProtocol());
    LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
    socket.binaryMessageHandler(b -> replies.add(b.toString()));
    socket.writeTextMessage("d7:command4:pinge");
    assertEquals(ok("ping", 1), replies.poll(5, TimeUnit.SECONDS));
  }

  @Test
  void webSocketWithAnotherSubprotocolIsRefused() {
    Future<WebSocket> refused = ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/").addSubProtocol("chat.example.com"));
    Promise<Throwable> failure = Promise.promise();
    refused.onComplete(ar -> failure.complete(ar.cause()));
    Throwable cause = failure.future().await();
    assertTrue(cause != null && cause.getMessage().contains("400"), String.valueOf(cause));
  }

  @Test
  void webSocketWithoutSubprotocolIsRefused() {
    Promise<Throwable> failure = Promise.promise();
    ws.connect(port, "127.0.0.1", "/").onComplete(ar -> failure.complete(ar.cause()));
    Throwable cause = failure.future().await();
    assertTrue(cause != null && cause.getMessage().contains("400"), String.valueOf(cause));
  }
}
