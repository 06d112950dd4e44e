package rtpmesh.media;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.BeforeAll;

/** Vert.x on native epoll event loops; sockets are EpollDatagramChannels on the verticle's loop. */
class AdoptEpollTest extends AdoptContract {
  @BeforeAll
  static void needsEpoll() {
    assumeTrue(Transport.EPOLL.available(), "epoll unavailable");
  }

  @Override
  VertxOptions vertxOptions() {
    return new VertxOptions().setPreferNativeTransport(true);
  }
}
