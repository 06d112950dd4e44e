package rtpmesh.media;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import rtpmesh.media.port.PairBinder;
import rtpmesh.media.port.PortBlock;
import rtpmesh.media.relay.Relay;

/**
 * One media block: the sockets of one port range, relayed on one event loop, controlled over the
 * local event bus at {@link MediaApi#blockAddress}. Deploy one instance per block; the config is
 * described by {@link MediaConfig}.
 *
 * <p>Everything (control ops, timers, packets) runs on the block's {@link MediaLoop}; holds no lock.
 */
public class MediaVerticle extends VerticleBase {
  private static final long TIMEOUT_CHECK_MS = 1000;

  private MediaConfig config;
  private Timeouts timeouts;
  private MediaLoop loop;
  private Relay relay;
  private MessageConsumer<JsonObject> consumer;
  private long timer = -1;

  @Override
  public Future<?> start() {
    config = MediaConfig.from(config());
    timeouts = new Timeouts(config.timeout(), config.silentTimeout());
    loop = MediaLoop.open((VertxInternal) vertx, (ContextInternal) context, config.transport(), config.block());
    PortBlock block = new PortBlock(config.portMin(), config.portMax());
    relay = new Relay(loop.eventLoop(), new PairBinder(loop.eventLoop(), block, loop::newDatagramChannel));
    Promise<Void> started = Promise.promise();
    loop.context().runOnContext(v -> {
      BlockControl control = new BlockControl(relay, timeouts);
      consumer = vertx.eventBus().localConsumer(MediaApi.blockAddress(config.nodeId(), config.block()), control::handle);
      timer = loop.context().setPeriodic(TIMEOUT_CHECK_MS, id -> publishTimeouts());
      consumer.completion().onComplete(started);
    });
    return started.future();
  }

  @Override
  public Future<?> stop() {
    Promise<Void> stopped = Promise.promise();
    loop.context().runOnContext(v -> {
      vertx.cancelTimer(timer);
      consumer.unregister();
      relay.releaseAll().addListener(f -> stopped.complete());
    });
    return stopped.future().eventually(loop::close);
  }

  private void publishTimeouts() {
    long now = System.currentTimeMillis();
    for (Relay.Timeout t : relay.expired(now, timeouts.timeout() * 1000L, timeouts.silentTimeout() * 1000L)) {
      vertx.eventBus().publish(MediaApi.timeoutAddress(config.nodeId()), new JsonObject()
          .put("call", t.callId())
          .put("reason", t.reason())
          .put("block", config.block()));
    }
  }
}
