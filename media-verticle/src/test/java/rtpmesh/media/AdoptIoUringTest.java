package rtpmesh.media;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.BeforeAll;

/**
 * Vert.x on NIO but the block asks for io_uring: the block runs on its own io_uring loop with a
 * Vert.x context built on it (the dedicated-loop path of MediaLoop).
 */
class AdoptIoUringTest extends AdoptContract {
  @BeforeAll
  static void needsIoUring() {
    assumeTrue(Transport.IO_URING.available(), "io_uring unavailable");
  }

  @Override
  VertxOptions vertxOptions() {
    return new VertxOptions().setPreferNativeTransport(false);
  }

  @Override
  String transport() {
    return "io_uring";
  }
}
