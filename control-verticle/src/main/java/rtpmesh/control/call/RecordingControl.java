package rtpmesh.control.call;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import rtpmesh.control.ng.NgException;
import rtpmesh.control.ng.NgFlags;
import rtpmesh.control.ng.NgMessage;
import rtpmesh.media.MediaApi;
import rtpmesh.recording.ForwardTarget;
import rtpmesh.recording.RecordingApi;

/**
 * Recording on the control side: the ng commands {@code start recording}, {@code stop recording},
 * {@code pause recording}, the {@code record call} key of offer/answer and the {@code metadata},
 * {@code recording-file}, {@code recording-dir} (or {@code recording-path}), {@code recording-pattern}
 * and {@code output-destination} keys. Each is a short script: tell the node's recorder
 * ({@link RecordingApi}), then turn the call's media tap on or off ({@link MediaApi#OP_TAP}); to
 * stop or pause, the tap goes off first so that the recorder has every packet before it closes.
 * The call remembers the state ({@link Call#recording}) and its metadata file for a takeover.
 *
 * <p>{@code start forwarding} / {@code stop forwarding} send the call's decoded audio to a socket
 * ({@code forward-to} key, or the node's {@code --forward-to}); the tap stays on while the call is
 * recorded or forwarded ({@link Call#forwarding}, node-local: not continued after a takeover).
 */
public final class RecordingControl {
  private static final Logger LOG = Logger.getLogger(RecordingControl.class.getName());
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true).setSendTimeout(10_000);
  static final String NOT_ENABLED = "Call recording not enabled on this node (no --recording-dir)";

  private final Vertx vertx;
  private final String nodeId;

  public RecordingControl(Vertx vertx, String nodeId) {
    this.vertx = vertx;
    this.nodeId = nodeId;
  }

  /** start recording: starts, or resumes a paused recording; options and metadata apply. */
  Future<Map<String, Object>> start(Call c, NgMessage msg, MediaClient media) {
    options(c, msg);
    return start(c, media).map(RecordingControl::reply);
  }

  /** stop recording (or pause, with the {@code pause} flag or {@code pause=yes}). */
  Future<Map<String, Object>> stop(Call c, NgMessage msg, MediaClient media) {
    String pause = msg.str("pause");
    if (NgFlags.parse(msg).has("pause") || "yes".equalsIgnoreCase(pause) || "on".equalsIgnoreCase(pause)) {
      return pause(c, media).map(RecordingControl::reply);
    }
    return stop(c, media).map(RecordingControl::reply);
  }

  Future<Map<String, Object>> pause(Call c, NgMessage msg, MediaClient media) {
    return pause(c, media).map(RecordingControl::reply);
  }

  /**
   * After an offer or answer: {@code record call} yes/on starts (no/off stops) the recording,
   * {@code metadata} replaces the call's metadata; a recorded call's parties and codecs are updated.
   * Completes with a warning for the reply, or null.
   */
  Future<String> afterSignal(Call c, NgMessage msg, MediaClient media) {
    String record = msg.str("record-call");
    boolean flag = NgFlags.parse(msg).has("record-call");
    options(c, msg);
    Future<String> done = Future.succeededFuture(null);
    if (flag || isOn(record)) {
      done = start(c, media);
    } else if (isOff(record) && c.recording != null) {
      done = stop(c, media);
    } else if ("on".equals(c.recording)) {
      done = start(c, media); // new parties, codecs, metadata
    }
    if (c.forwardingRequest != null) { // new parties and codecs for the forwarded streams
      JsonObject req = c.forwardingRequest.copy().put(RecordingApi.PARTIES, parties(c));
      done = done.compose(w -> request(c, RecordingApi.OP_FORWARD, req).map(r -> w));
    }
    // The call goes on without its recording rather than fail its signalling.
    return done.recover(err -> Future.succeededFuture(err.getMessage()));
  }

  /** The call ends: its recording is closed, its forwarding stopped. */
  Future<Void> ended(Call c, MediaClient media) {
    Future<Void> unforwarded = c.forwarding == null ? Future.succeededFuture()
        : stopForwarding(c, media).<Void>mapEmpty().otherwise(err -> null);
    return unforwarded.compose(v -> c.recording == null ? Future.<Void>succeededFuture()
        : stop(c, media).<Void>mapEmpty().otherwise(err -> null));
  }

  /** The tap goes off unless the call's audio is still forwarded (a stop or pause of its recording). */
  private Future<Void> tapOff(Call c, MediaClient media) {
    return c.forwarding != null ? Future.succeededFuture() : media.tap(c.block, c.callId, false);
  }

  /** start forwarding: {@code from-tag} (only that party's streams; the {@code all} flag: every party), {@code forward-to}. */
  Future<Map<String, Object>> startForwarding(Call c, NgMessage msg, MediaClient media) {
    String fromTag = msg.str("from-tag");
    if (NgFlags.parse(msg).has("all") || "all".equals(msg.str("all"))) {
      fromTag = null;
    }
    if (fromTag != null) {
      boolean known = false;
      for (Monologue m : c.monologues()) known |= fromTag.equals(m.tag);
      if (!known) throw new NgException("Unknown from-tag");
    }
    String to = forwardTo(msg);
    JsonObject req = new JsonObject().put(RecordingApi.CALL, c.callId).put(RecordingApi.PARTIES, parties(c));
    if (to != null) req.put(RecordingApi.FORWARD_TO, to);
    if (fromTag != null) req.put(RecordingApi.FROM_TAG, fromTag);
    return request(c, RecordingApi.OP_FORWARD, req)
        .compose(r -> {
          c.forwarding = r.getString(RecordingApi.FORWARD_TO);
          c.forwardingRequest = req;
          return media.tap(c.block, c.callId, true);
        })
        .recover(RecordingControl::forwardError)
        .map(v -> {
          Map<String, Object> reply = reply(null);
          reply.put("forward-to", c.forwarding);
          return reply;
        });
  }

  /** stop forwarding: the streams' last chunks go out; recording (if any) goes on. */
  Future<Map<String, Object>> stopForwarding(Call c, NgMessage msg, MediaClient media) {
    return stopForwarding(c, media).map(v -> reply(null));
  }

  private Future<Void> stopForwarding(Call c, MediaClient media) {
    if (c.forwarding == null) return Future.succeededFuture();
    Future<Void> off = "on".equals(c.recording) ? Future.succeededFuture()
        : media.tap(c.block, c.callId, false).otherwise(err -> null);
    return off.compose(v -> request(c, RecordingApi.OP_UNFORWARD, new JsonObject().put(RecordingApi.CALL, c.callId)))
        .<Void>map(r -> {
          c.forwarding = null;
          c.forwardingRequest = null;
          return null;
        })
        .recover(RecordingControl::forwardError);
  }

  private static <T> Future<T> forwardError(Throwable err) {
    if (err instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS) {
      return Future.failedFuture(new NgException(RecordingApi.NO_FORWARD_TO));
    }
    if (err instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE && re.failureCode() == 400) {
      return Future.failedFuture(new NgException(re.getMessage()));
    }
    if (err instanceof NgException) return Future.failedFuture(err);
    return Future.failedFuture(new NgException("Failed to control forwarding: " + err.getMessage()));
  }

  /** The {@code forward-to} key, checked: null when absent. */
  static String forwardTo(NgMessage msg) {
    Object v = msg.dict().get("forward-to");
    if (v == null) return null;
    if (!(v instanceof String s)) throw new NgException("Invalid value for 'forward-to': expected a string");
    try {
      return ForwardTarget.parse(s).toString();
    } catch (IllegalArgumentException e) {
      throw new NgException("Invalid value for 'forward-to': " + e.getMessage());
    }
  }

  /** A call taken over from a dead node: its recording goes on here, in new files of the same metadata. */
  Future<Void> resume(Call c, MediaClient media) {
    if (!"on".equals(c.recording)) return Future.succeededFuture();
    return start(c, media).<Void>mapEmpty().otherwise(err -> {
      LOG.warning("[" + c.callId + "] recording not resumed after takeover: " + err.getMessage());
      return null;
    });
  }

  private Future<String> start(Call c, MediaClient media) {
    return request(c, RecordingApi.OP_START, startRequest(c))
        .compose(r -> {
          c.recordingMetaFile = r.getString(RecordingApi.META_FILE, c.recordingMetaFile);
          c.recording = "on";
          return media.tap(c.block, c.callId, true);
        })
        .map(v -> (String) null)
        .recover(RecordingControl::notEnabled);
  }

  private Future<String> pause(Call c, MediaClient media) {
    if (c.recording == null) return Future.succeededFuture(null);
    return tapOff(c, media)
        .compose(v -> request(c, RecordingApi.OP_PAUSE, new JsonObject().put(RecordingApi.CALL, c.callId)))
        .map(r -> {
          c.recording = "paused";
          return (String) null;
        })
        .recover(RecordingControl::notEnabled);
  }

  private Future<String> stop(Call c, MediaClient media) {
    if (c.recording == null) return Future.succeededFuture(null);
    return tapOff(c, media).otherwise(err -> null)
        .compose(v -> request(c, RecordingApi.OP_STOP, new JsonObject().put(RecordingApi.CALL, c.callId)))
        .map(r -> {
          c.recording = null;
          return (String) null;
        })
        .recover(RecordingControl::notEnabled);
  }

  /** No recorder on this node: rtpengine logs it and answers ok, so do we, with a warning. */
  private static Future<String> notEnabled(Throwable err) {
    if (err instanceof ReplyException re && (re.failureType() == ReplyFailure.NO_HANDLERS
        || re.failureType() == ReplyFailure.RECIPIENT_FAILURE && re.failureCode() == RecordingApi.NOT_RECORDING)) {
      return Future.succeededFuture(NOT_ENABLED);
    }
    return Future.failedFuture(new NgException("Failed to control recording: " + err.getMessage()));
  }

  /** Per-call options from an ng message; they apply to files opened from now on. */
  private static void options(Call c, NgMessage msg) {
    String[][] keys = {
        {"recording-file", RecordingApi.FILE}, {"recording-dir", RecordingApi.DIR},
        {"recording-path", RecordingApi.DIR}, {"recording-pattern", RecordingApi.PATTERN},
        {"output-destination", RecordingApi.OUTPUT_DESTINATION}, {"metadata", RecordingApi.METADATA}};
    for (String[] k : keys) {
      Object v = msg.dict().get(k[0]);
      if (v == null) continue;
      if (!(v instanceof String s)) {
        throw new NgException("Invalid value for '" + k[0] + "': expected a string");
      }
      if (!k[0].equals("metadata") && (s.isEmpty() || s.indexOf('\0') >= 0)) {
        throw new NgException("Invalid value for '" + k[0] + "': '" + s + "'");
      }
      if (k[0].equals("recording-pattern") && s.indexOf('/') >= 0) {
        throw new NgException("Invalid value for 'recording-pattern': no '/' allowed");
      }
      c.recordingOptions.put(k[1], s);
    }
  }

  /** Validates the recording keys of a message before anything changes. */
  static void validate(NgMessage msg) {
    String record = msg.str("record-call");
    if (record != null && !isOn(record) && !isOff(record)) {
      throw new NgException("Invalid value for 'record call': '" + record + "', expected yes, no, on or off");
    }
    options(new Call("-", 0, 0), msg);
  }

  private JsonObject startRequest(Call c) {
    JsonObject req = c.recordingOptions.copy().put(RecordingApi.CALL, c.callId).put(RecordingApi.PARTIES, parties(c));
    if (c.recordingMetaFile != null) req.put(RecordingApi.META_FILE, c.recordingMetaFile);
    return req;
  }

  /** Who is in the call, for the metadata and for decoding: tags, labels, addresses, codecs per leg. */
  static JsonArray parties(Call c) {
    JsonArray out = new JsonArray();
    for (Monologue m : c.monologues()) {
      JsonArray legs = new JsonArray();
      for (MediaLeg l : m.medias) {
        if (l.port == 0) continue;
        JsonArray codecs = new JsonArray();
        for (SdpCodec k : l.codecs) {
          try {
            codecs.add(new JsonObject().put("pt", Integer.parseInt(k.pt())).put("name", k.name())
                .put("rate", k.rate()).put("channels", k.channels()).put("fmtp", k.fmtp()));
          } catch (NumberFormatException e) {
            // not an RTP payload type
          }
        }
        JsonObject leg = new JsonObject().put("index", l.index).put("type", l.type).put("port", l.port)
            .put("local", l.localAddress).put("codecs", codecs);
        if (l.remote != null) leg.put("remote", l.remote.address() + ":" + l.remote.port());
        legs.add(leg);
      }
      out.add(new JsonObject().put("tag", m.tag == null ? "" : m.tag).put("label", m.label()).put("legs", legs));
    }
    return out;
  }

  private Future<JsonObject> request(Call c, String op, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(RecordingApi.address(nodeId), body.put("op", op), LOCAL)
        .map(m -> m.body());
  }

  private static Map<String, Object> reply(String warning) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("result", "ok");
    if (warning != null) r.put("warning", warning);
    return r;
  }

  private static boolean isOn(String v) {
    return v != null && (v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on"));
  }

  private static boolean isOff(String v) {
    return v != null && (v.equalsIgnoreCase("no") || v.equalsIgnoreCase("off"));
  }
}
