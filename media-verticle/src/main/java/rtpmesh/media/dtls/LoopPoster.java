package rtpmesh.media.dtls;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Posts work from a handshake thread to the stream's event loop; drops it if the loop is gone. */
final class LoopPoster {
  private final Executor loop;

  LoopPoster(Executor loop) {
    this.loop = loop;
  }

  void post(Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      // The loop is shutting down; so is the stream. Nothing left to tell.
    }
  }
}
