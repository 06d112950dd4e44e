package rtpmesh.control.admin.console;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The SockJS event-bus bridge of the console: browsers may send to {@link AdminAddresses#CMD}
 * (and get the replies) and receive {@link AdminAddresses#EVENTS}; nothing else, no publishing.
 * The bridge never passes a browser's headers on: it replaces them with its own verdict,
 * {@link AdminAddresses#ACCESS_HEADER} {@code rw} when the request carried the admin token in
 * header {@code token}, {@code ro} otherwise, so a browser cannot grant itself access.
 */
final class ConsoleBridge {
  private ConsoleBridge() {}

  /** A router to mount under the bridge's path ({@code /admin/eventbus/*}). */
  static Router router(Vertx vertx, String adminToken) {
    SockJSBridgeOptions options = new SockJSBridgeOptions()
        .addInboundPermitted(new PermittedOptions().setAddress(AdminAddresses.CMD))
        .addOutboundPermitted(new PermittedOptions().setAddress(AdminAddresses.EVENTS));
    return SockJSHandler.create(vertx, new SockJSHandlerOptions()).bridge(options, guard(adminToken));
  }

  static Handler<BridgeEvent> guard(String adminToken) {
    byte[] expected = adminToken == null || adminToken.isEmpty() ? null : adminToken.getBytes(StandardCharsets.UTF_8);
    return event -> {
      BridgeEventType type = event.type();
      if (type == BridgeEventType.PUBLISH) {
        event.complete(false);
        return;
      }
      if (type == BridgeEventType.SEND) {
        JsonObject raw = event.getRawMessage();
        JsonObject headers = raw.getJsonObject("headers");
        Object token = headers == null ? null : headers.getValue("token");
        boolean rw = expected != null && token instanceof String t
            && MessageDigest.isEqual(expected, t.getBytes(StandardCharsets.UTF_8));
        raw.put("headers", new JsonObject().put(AdminAddresses.ACCESS_HEADER, rw ? "rw" : "ro"));
        event.setRawMessage(raw);
      }
      event.complete(true);
    };
  }
}
