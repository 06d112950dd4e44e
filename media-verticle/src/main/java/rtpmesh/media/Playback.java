package rtpmesh.media;

import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import rtpmesh.media.player.ClipPlayer;
import rtpmesh.media.player.MediaFiles;
import rtpmesh.media.player.PcmClip;
import rtpmesh.media.player.WavException;
import rtpmesh.media.relay.LegServices;
import rtpmesh.media.relay.Relay;
import rtpmesh.media.relay.RelayError;
import rtpmesh.media.relay.RelayException;
import rtpmesh.media.transcode.CodecSpec;

/**
 * The {@link MediaApi} ops that change what a party hears or what its peer gets: {@code playMedia},
 * {@code stopMedia}, {@code legServices}. A file is read and decoded on {@code blocking} (cached by
 * {@link MediaFiles}); the playback then starts back on the block's loop.
 *
 * <p>Ops run on the block's loop; holds no lock.
 */
final class Playback {
  /** Failure code of a media file that cannot be played (missing, not WAV, unsupported format). */
  static final int MEDIA_FILE_ERROR = 422;

  private final Relay relay;
  private final Executor blocking;
  private final Consumer<JsonObject> events;

  Playback(Relay relay, Executor blocking, Consumer<JsonObject> events) {
    this.relay = relay;
    this.blocking = blocking;
    this.events = events;
  }

  void play(JsonObject request, Message<JsonObject> message) {
    String call = BlockControl.callId(request);
    int port = request.getInteger("port", 0);
    checkLeg(call, port);
    CodecSpec codec = BlockControl.codecSpec(request.getJsonObject("codec"));
    if (codec == null || !codec.supported()) {
      throw RelayError.BAD_REQUEST.exception("cannot play media in " + (codec == null ? "no codec" : codec.name()));
    }
    int repeatTimes = request.getInteger("repeat", 1);
    long repeatMs = request.getLong("repeatMs", 0L);
    long startFrame = request.getLong("startFrame", 0L);
    String file = request.getString("file");
    byte[] blob = request.getBinary("blob");
    int rate = ClipPlayer.pcmRate(codec);
    CompletableFuture<PcmClip> clip = file != null ? MediaFiles.node().file(file, rate, blocking)
        : blob != null ? MediaFiles.node().blob(blob, rate, blocking)
        : CompletableFuture.failedFuture(RelayError.BAD_REQUEST.exception("playMedia needs file or blob"));
    clip.whenComplete((c, err) -> relay.loop().execute(() -> {
      if (err != null) {
        fail(message, MediaFiles.cause(err));
        return;
      }
      try {
        checkLeg(call, port); // the call may have ended while the file was read
        int repeat = repeatMs <= 0 ? repeatTimes
            : (int) Math.min(repeatTimes, Math.max(1, (repeatMs + c.durationMs() - 1) / Math.max(1, c.durationMs())));
        relay.play(call, port, new ClipPlayer(c, codec, repeat, startFrame), (pos, done) -> events.accept(new JsonObject()
            .put("call", call).put("port", port).put("event", MediaApi.EVENT_MEDIA_ENDED)
            .put("done", done).put("framePosition", pos)));
        message.reply(new JsonObject().put("duration", c.durationMs()));
      } catch (RuntimeException e) {
        fail(message, e);
      }
    }));
  }

  void stop(JsonObject request, Message<JsonObject> message) {
    long pos = relay.stopPlaying(BlockControl.callId(request), request.getInteger("port", 0));
    message.reply(new JsonObject().put("lastFramePos", pos).put("stopped", pos >= 0));
  }

  void services(JsonObject request, Message<JsonObject> message) {
    String call = BlockControl.callId(request);
    int port = request.getInteger("port", 0);
    LegServices s;
    try {
      s = new LegServices(request.getBoolean("block", false), request.getInteger("dtmfPt", -1),
          request.getString("silence"), request.getInteger("silencePt", -1), request.getBoolean("echo", false));
    } catch (IllegalArgumentException e) {
      throw RelayError.BAD_REQUEST.exception(e.getMessage());
    }
    relay.services(call, port, s);
    message.reply(new JsonObject());
  }

  private void checkLeg(String call, int port) {
    if (relay.legs(call).stream().noneMatch(l -> l.port() == port)) {
      throw RelayError.UNKNOWN_PORT.exception("port " + port + " not in call " + call);
    }
  }

  private static void fail(Message<JsonObject> message, Throwable cause) {
    if (cause instanceof WavException) {
      message.fail(MEDIA_FILE_ERROR, cause.getMessage());
    } else if (cause instanceof RelayException) {
      BlockControl.fail(message, cause);
    } else {
      message.fail(500, "Cannot play media: " + cause);
    }
  }
}
