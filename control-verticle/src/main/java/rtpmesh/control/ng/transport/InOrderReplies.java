package rtpmesh.control.ng.transport;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.function.Function;

/**
 * Writes the replies of one stream connection (TCP, WebSocket) in request order. Commands start in
 * arrival order but may finish out of order; a client that pipelines requests on one connection
 * reads replies in the order it sent them, as from rtpengine, which handles them one by one.
 * A failed reply is skipped (nothing is sent for it) without holding back the ones after it.
 *
 * <p>Not thread-safe: one per connection, {@link #add} called on its event loop.
 */
final class InOrderReplies {
  private final Function<Buffer, Future<Void>> writer;
  private Future<Void> tail = Future.succeededFuture();

  InOrderReplies(Function<Buffer, Future<Void>> writer) {
    this.writer = writer;
  }

  void add(Future<Buffer> reply) {
    tail = tail.transform(previousDone -> reply)
        .compose(writer, skipped -> Future.succeededFuture());
  }

  /** Completes once every reply added so far has been written or skipped. */
  Future<Void> drained() {
    return tail.transform(done -> Future.succeededFuture());
  }
}
