package rtpmesh.recording;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import rtpmesh.media.relay.MediaTaps;

/**
 * A node's recorder ({@link Recorder}) behind its event-bus address {@link RecordingApi#address};
 * config in {@link RecordingConfig}. It registers the recorder as the node's tap source
 * ({@link MediaTaps}) so that the media blocks can feed it. Deploy it before the control verticle.
 */
public class RecordingVerticle extends VerticleBase {
  private static final ConcurrentHashMap<String, RecordingCounters> COUNTERS = new ConcurrentHashMap<>();

  private RecordingConfig config;
  private Recorder recorder;
  private MessageConsumer<JsonObject> consumer;

  /** The live counters of the node's recorder, or null when it records nothing (for statistics, metrics). */
  public static RecordingCounters counters(String nodeId) {
    return COUNTERS.get(nodeId);
  }

  @Override
  public Future<?> start() {
    config = RecordingConfig.from(config());
    recorder = new Recorder(config);
    MediaTaps.register(config.nodeId(), recorder);
    COUNTERS.put(config.nodeId(), recorder.counters());
    consumer = vertx.eventBus().localConsumer(RecordingApi.address(config.nodeId()), this::handle);
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    MediaTaps.unregister(config.nodeId(), recorder);
    COUNTERS.remove(config.nodeId(), recorder.counters());
    return consumer.unregister().compose(v -> vertx.executeBlocking(() -> {
      recorder.close();
      return null;
    }));
  }

  private void handle(Message<JsonObject> message) {
    JsonObject request = message.body();
    String op = request == null ? null : request.getString("op");
    String call = request == null ? null : request.getString(RecordingApi.CALL);
    if (RecordingApi.OP_STATS.equals(op)) {
      message.reply(recorder.stats());
      return;
    }
    if (call == null || call.isEmpty()) {
      message.fail(400, "Invalid request: call missing");
      return;
    }
    CompletableFuture<JsonObject> result;
    if (RecordingApi.OP_START.equals(op)) {
      result = recorder.start(request);
    } else if (RecordingApi.OP_PAUSE.equals(op)) {
      result = recorder.pause(call);
    } else if (RecordingApi.OP_STOP.equals(op)) {
      result = recorder.stop(call);
    } else if (RecordingApi.OP_FORWARD.equals(op)) {
      try {
        result = recorder.forward(request);
      } catch (IllegalArgumentException e) {
        message.fail(400, "Invalid value for 'forward-to': " + e.getMessage());
        return;
      }
    } else if (RecordingApi.OP_UNFORWARD.equals(op)) {
      result = recorder.unforward(call);
    } else {
      message.fail(400, "Invalid request: unknown op " + op);
      return;
    }
    Promise<JsonObject> reply = Promise.promise();
    result.whenComplete((r, err) -> {
      if (err != null) reply.fail(err.getCause() != null && err instanceof java.util.concurrent.CompletionException ? err.getCause() : err);
      else reply.complete(r);
    });
    reply.future().onComplete(ar -> {
      if (ar.succeeded()) message.reply(ar.result());
      else if (ar.cause() instanceof Recorder.NotRecording) message.fail(RecordingApi.NOT_RECORDING, ar.cause().getMessage());
      else if (ar.cause() instanceof IllegalArgumentException) message.fail(400, ar.cause().getMessage());
      else message.fail(500, ar.cause().getMessage());
    });
  }
}
