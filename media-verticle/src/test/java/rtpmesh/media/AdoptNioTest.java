package rtpmesh.media;

import io.vertx.core.VertxOptions;

/** Vert.x on NIO event loops; sockets are NioDatagramChannels on the verticle's loop. */
class AdoptNioTest extends AdoptContract {
  @Override
  VertxOptions vertxOptions() {
    return new VertxOptions().setPreferNativeTransport(false);
  }
}
