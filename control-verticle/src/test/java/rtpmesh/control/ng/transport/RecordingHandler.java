package rtpmesh.control.ng.transport;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import rtpmesh.control.ng.Bencode;
import rtpmesh.control.ng.NgHandler;

/**
 * Test {@link NgHandler}: counts executions and replies {@code result ok}, the command and the
 * execution number (so a re-executed command gives a different reply than a cached one). A
 * {@code delay-ms} key delays the reply, to resend while a command still runs. Non-bencode input
 * (JSON) is answered with its own bytes.
 */
final class RecordingHandler implements NgHandler {
  final AtomicInteger executions = new AtomicInteger();
  final AtomicReference<byte[]> lastPayload = new AtomicReference<>();
  private final Vertx vertx;

  RecordingHandler(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<byte[]> handle(byte[] payload, SocketAddress from) {
    int n = executions.incrementAndGet();
    lastPayload.set(payload);
    Map<?, ?> request;
    try {
      request = (Map<?, ?>) Bencode.decode(payload);
    } catch (Bencode.DecodeException | ClassCastException e) {
      return Future.succeededFuture(payload);
    }
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("result", "ok");
    reply.put("command", request.get("command"));
    reply.put("execution", (long) n);
    byte[] bytes = Bencode.encode(reply);
    if (request.get("delay-ms") instanceof Long ms && ms > 0) {
      Promise<byte[]> later = Promise.promise();
      vertx.setTimer(ms, id -> later.complete(bytes));
      return later.future();
    }
    return Future.succeededFuture(bytes);
  }

  static String ok(String command, int execution) {
    return "d6:result2:ok7:command" + command.length() + ":" + command + "9:executioni" + execution + "ee";
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
