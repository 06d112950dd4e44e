package rtpmesh.control.ng.transport;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import rtpmesh.control.ng.NgHandler;

/**
 * The transport-independent half of rtpengine's {@code control_ng_process}: splits
 * {@code cookie SP payload}, answers a known cookie from the {@link CookieCache}, otherwise runs the
 * {@link NgHandler} and caches the pending reply at once, so a retransmission that arrives while the
 * command still runs waits for the same reply instead of executing the command twice.
 *
 * <p>UDP, TCP, HTTP {@code /ng} and WebSocket {@code ng.rtpengine.com} all go through
 * {@link #process}; the "plain" variants (no cookie, hence no cache, as in rtpengine's
 * {@code control_ng_process_plain}) through {@link #processPlain}. Thread-safe.
 */
public final class CookieExchange {
  private final NgHandler handler;
  private final CookieCache<Future<byte[]>> cache;

  public CookieExchange(NgHandler handler, CookieCache<Future<byte[]>> cache) {
    this.handler = handler;
    this.cache = cache;
  }

  /**
   * Returns the reply {@code cookie SP reply}, or null when the message has no cookie (no space, or
   * a space first): rtpengine sends nothing back then. The future fails only if the handler broke
   * its never-fail contract; the cookie is then forgotten so a retransmission runs it again.
   */
  public Future<Buffer> process(Buffer message, SocketAddress from) {
    int space = indexOfSpace(message);
    if (space <= 0) return null;
    Buffer cookie = message.getBuffer(0, space);
    String key = cookie.toString(StandardCharsets.ISO_8859_1);
    Future<byte[]> reply = cache.get(key);
    if (reply == null) {
      Future<byte[]> fresh = execute(message.getBytes(space + 1, message.length()), from);
      cache.put(key, fresh);
      // Restart the 30 s from the reply, as rtpengine inserts into its cache only when done.
      fresh.onComplete(ar -> {
        if (ar.succeeded()) cache.put(key, fresh, key.length() + ar.result().length);
        else cache.remove(key, fresh);
      });
      reply = fresh;
    }
    return reply.map(body -> Buffer.buffer(cookie.length() + 1 + body.length)
        .appendBuffer(cookie).appendByte((byte) ' ').appendBytes(body));
  }

  /** Runs a cookie-less message ({@code /ng-plain}, {@code ng-plain.rtpengine.com}); never cached. */
  public Future<Buffer> processPlain(Buffer payload, SocketAddress from) {
    return execute(payload.getBytes(), from).map(Buffer::buffer);
  }

  private Future<byte[]> execute(byte[] payload, SocketAddress from) {
    try {
      return handler.handle(payload, from);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static int indexOfSpace(Buffer b) {
    for (int i = 0, n = b.length(); i < n; i++) {
      if (b.getByte(i) == ' ') return i;
    }
    return -1;
  }
}
