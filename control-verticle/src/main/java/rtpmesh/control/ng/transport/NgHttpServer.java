package rtpmesh.control.ng.transport;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;
import java.util.function.Consumer;

/**
 * ng over HTTP and WebSocket ({@code --listen-http}), following rtpengine's {@code websocket.c}:
 *
 * <ul>
 *   <li>{@code POST /ng}, Content-Type {@code application/x-rtpengine-ng}: body and reply are
 *       {@code cookie SP dict}, through the shared cookie cache; a body without cookie gets status
 *       600 {@code error\n} (rtpengine's own code).
 *   <li>{@code POST /ng-plain}, Content-Type {@code application/x-rtpengine-ng} or
 *       {@code application/json}: the dict alone, never cached. Replies carry
 *       {@code application/x-rtpengine-ng} whatever the encoding, as rtpengine's do.
 *   <li>{@code GET /ping}: {@code pong\n} as text/plain. {@code OPTIONS} anything: 200, empty.
 *   <li>Anything else, a wrong Content-Type included: 404 {@code not found\n}.
 *   <li>WebSocket, any path, subprotocol {@code ng.rtpengine.com} ({@code cookie SP dict} per
 *       message) or {@code ng-plain.rtpengine.com} (dict alone). Text and binary messages are both
 *       accepted; replies are binary frames, in request order, as rtpengine's. A handshake offering
 *       neither subprotocol is refused with 400 (rtpengine's libwebsockets refuses it too).
 * </ul>
 *
 * Bodies and WebSocket messages are capped at {@link #MAX_BODY}; a larger body gets 413 and the
 * connection is closed.
 *
 * <p>Everything else (the admin console, {@code /metrics}) goes to the {@code site} handler when
 * one is given, WebSocket upgrades that offer no ng subprotocol included, so that the console's
 * event-bus bridge shares the port.
 */
public final class NgHttpServer {
  static final String NG_SUBPROTOCOL = "ng.rtpengine.com";
  static final String NG_PLAIN_SUBPROTOCOL = "ng-plain.rtpengine.com";
  static final String NG_CONTENT_TYPE = "application/x-rtpengine-ng";
  static final int MAX_BODY = 1 << 20;
  /** rtpengine answers an unusable /ng body with this non-standard status. */
  static final int NG_ERROR_STATUS = 600;

  private final HttpServer server;

  private NgHttpServer(HttpServer server) {
    this.server = server;
  }

  public static Future<NgHttpServer> start(Vertx vertx, ListenAddress at, CookieExchange exchange) {
    return start(vertx, at, exchange, null);
  }

  /** As {@link #start(Vertx, ListenAddress, CookieExchange)}, with {@code site} (may be null) for other paths. */
  public static Future<NgHttpServer> start(Vertx vertx, ListenAddress at, CookieExchange exchange,
      Handler<HttpServerRequest> site) {
    HttpServerOptions options = new HttpServerOptions()
        .setWebSocketSubProtocols(List.of(NG_SUBPROTOCOL, NG_PLAIN_SUBPROTOCOL))
        .setMaxWebSocketMessageSize(MAX_BODY);
    // No webSocketHandler: upgrades come to the request handler, which tells ng from the site's.
    HttpServer server = vertx.createHttpServer(options)
        .requestHandler(req -> route(req, exchange, site));
    return server.listen(at.toSocketAddress()).map(NgHttpServer::new);
  }

  private static void route(HttpServerRequest req, CookieExchange exchange, Handler<HttpServerRequest> site) {
    String path = req.path();
    HttpMethod method = req.method();
    if (isUpgrade(req)) {
      if (offersNg(req.getHeader("Sec-WebSocket-Protocol"))) req.toWebSocket().onSuccess(ws -> serve(ws, exchange));
      else if (site != null) site.handle(req);
      else req.response().setStatusCode(400).end();
    } else if (method == HttpMethod.GET && path.equals("/ping")) {
      req.end().onComplete(ar -> text(req, 200, "pong\n"));
    } else if (method == HttpMethod.OPTIONS) {
      req.response().end();
    } else if (method == HttpMethod.POST && path.equals("/ng") && contentTypeIs(req, NG_CONTENT_TYPE)) {
      withBody(req, body -> {
        Future<Buffer> reply = exchange.process(body, req.remoteAddress());
        if (reply == null) text(req, NG_ERROR_STATUS, "error\n");
        else replyNg(req, reply);
      });
    } else if (method == HttpMethod.POST && path.equals("/ng-plain")
        && (contentTypeIs(req, NG_CONTENT_TYPE) || contentTypeIs(req, "application/json"))) {
      withBody(req, body -> replyNg(req, exchange.processPlain(body, req.remoteAddress())));
    } else if (site != null && !path.equals("/ng") && !path.equals("/ng-plain")) {
      site.handle(req);
    } else {
      // Answer once the request is read in full, so a keep-alive connection is ready for the next.
      req.end().onComplete(ar -> text(req, 404, "not found\n"));
    }
  }

  private static void replyNg(HttpServerRequest req, Future<Buffer> reply) {
    reply.onComplete(ar -> {
      if (ar.failed()) {
        text(req, 500, "internal error\n");
        return;
      }
      req.response().putHeader(HttpHeaders.CONTENT_TYPE, NG_CONTENT_TYPE).end(ar.result());
    });
  }

  /** Collects the body up to {@link #MAX_BODY}; past it answers 413 and closes the connection. */
  private static void withBody(HttpServerRequest req, Consumer<Buffer> then) {
    Buffer body = Buffer.buffer();
    boolean[] tooLarge = {false};
    req.handler(chunk -> {
      if (tooLarge[0]) return;
      if (body.length() + chunk.length() > MAX_BODY) {
        tooLarge[0] = true;
        req.response().setStatusCode(413).putHeader(HttpHeaders.CONNECTION, "close").end();
        req.connection().close();
        return;
      }
      body.appendBuffer(chunk);
    });
    req.endHandler(done -> {
      if (!tooLarge[0]) then.accept(body);
    });
  }

  private static boolean contentTypeIs(HttpServerRequest req, String expected) {
    String value = req.getHeader(HttpHeaders.CONTENT_TYPE);
    if (value == null) return false;
    int semicolon = value.indexOf(';');
    String mediaType = (semicolon < 0 ? value : value.substring(0, semicolon)).strip();
    return mediaType.equalsIgnoreCase(expected);
  }

  private static void text(HttpServerRequest req, int status, String body) {
    req.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end(body);
  }

  private static boolean isUpgrade(HttpServerRequest req) {
    String upgrade = req.getHeader(HttpHeaders.UPGRADE);
    return upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }

  private static boolean offersNg(String offered) {
    if (offered == null) return false;
    for (String p : offered.split(",")) {
      String name = p.strip();
      if (name.equals(NG_SUBPROTOCOL) || name.equals(NG_PLAIN_SUBPROTOCOL)) return true;
    }
    return false;
  }

  private static void serve(ServerWebSocket ws, CookieExchange exchange) {
    boolean plain = NG_PLAIN_SUBPROTOCOL.equals(ws.subProtocol());
    InOrderReplies replies = new InOrderReplies(ws::writeBinaryMessage);
    Consumer<Buffer> onMessage = message -> {
      Future<Buffer> reply = plain
          ? exchange.processPlain(message, ws.remoteAddress())
          : exchange.process(message, ws.remoteAddress());
      if (reply != null) replies.add(reply);
    };
    ws.binaryMessageHandler(onMessage::accept);
    ws.textMessageHandler(text -> onMessage.accept(Buffer.buffer(text)));
  }

  public int actualPort() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server.close();
  }
}
