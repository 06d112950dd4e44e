package rtpmesh.control.call;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import rtpmesh.control.ng.NgException;
import rtpmesh.media.MediaApi;

/** The control plane's side of {@link MediaApi}: requests to one media block over the local bus. */
public final class MediaClient {
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true).setSendTimeout(5_000);

  private final Vertx vertx;
  private final String nodeId;
  private final int blocks;

  public MediaClient(Vertx vertx, String nodeId, int blocks) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.blocks = Math.max(1, blocks);
  }

  public int blocks() {
    return blocks;
  }

  /** The block a call's ports live in: all of a call's legs share one event loop. */
  public int blockFor(String callId) {
    return Math.floorMod(callId.hashCode(), blocks);
  }

  public Future<List<Integer>> allocate(int block, String callId, String address, int count) {
    JsonObject req = new JsonObject().put("op", MediaApi.OP_ALLOCATE).put("call", callId).put("address", address).put("count", count);
    return request(block, req).map(r -> {
      List<Integer> ports = new ArrayList<>();
      for (Object o : r.getJsonArray("ports", new JsonArray())) ports.add(((Number) o).intValue());
      return ports;
    });
  }

  /** Binds exactly these ports (a dead node's) for a call; retries for {@code retryMs} while busy. */
  public Future<Void> adopt(int block, String callId, String address, List<Integer> ports, long retryMs) {
    JsonObject req = new JsonObject().put("op", "adopt").put("call", callId).put("address", address)
        .put("ports", new JsonArray(new ArrayList<Object>(ports))).put("retryMs", retryMs);
    return request(block, req, new DeliveryOptions(LOCAL).setSendTimeout(retryMs + 5_000)).mapEmpty();
  }

  public Future<Void> configure(int block, String callId, JsonArray legs) {
    JsonObject req = new JsonObject().put("op", MediaApi.OP_CONFIGURE).put("call", callId).put("legs", legs);
    return request(block, req).mapEmpty();
  }

  /** Plays DTMF into what the party of the leg at {@code port} sends; false when it is not transcoded. */
  public Future<Boolean> playDtmf(int block, String callId, int port, String digits, int duration, int pause, int volume) {
    JsonObject req = new JsonObject().put("op", MediaApi.OP_PLAY_DTMF).put("call", callId).put("port", port)
        .put("digits", digits).put("duration", duration).put("pause", pause).put("volume", volume);
    return request(block, req).map(r -> r.getBoolean("played", false));
  }

  /**
   * Plays a WAV file (path on this node) or {@code blob} (WAV bytes) to the party of the leg at
   * {@code port}, encoded in {@code codec}; replies {@code {duration}} once it runs. A file that
   * cannot be played fails with an {@link NgException} saying why.
   */
  public Future<JsonObject> playMedia(int block, String callId, int port, JsonObject codec, String file, byte[] blob,
                                      int repeat, long repeatMs, long startFrame) {
    JsonObject req = new JsonObject().put("op", MediaApi.OP_PLAY_MEDIA).put("call", callId).put("port", port)
        .put("codec", codec).put("repeat", repeat).put("repeatMs", repeatMs).put("startFrame", startFrame);
    if (file != null && !file.isEmpty()) req.put("file", file);
    else req.put("blob", blob);
    return request(block, req).recover(MediaClient::asNgError);
  }

  /** Stops a playback to the party of the leg at {@code port}: {@code {stopped, lastFramePos}}. */
  public Future<JsonObject> stopMedia(int block, String callId, int port) {
    JsonObject req = new JsonObject().put("op", MediaApi.OP_STOP_MEDIA).put("call", callId).put("port", port);
    return request(block, req).recover(MediaClient::asNgError);
  }

  /** Sets block / silence / echo of what the party of the leg at {@code port} sends ({@code services} as MediaApi legServices). */
  public Future<Void> legServices(int block, String callId, int port, JsonObject services) {
    JsonObject req = services.copy().put("op", MediaApi.OP_LEG_SERVICES).put("call", callId).put("port", port);
    return request(block, req).recover(MediaClient::asNgError).mapEmpty();
  }

  /** The media plane's refusal of a request an ng command made, as that command's error-reason. */
  private static <T> Future<T> asNgError(Throwable err) {
    if (err instanceof ReplyException re && re.failureCode() >= 400 && re.failureCode() < 500) {
      return Future.failedFuture(new NgException(String.valueOf(re.getMessage())));
    }
    return Future.failedFuture(err);
  }

  /** Makes exactly the legs at {@code ports} the call's conference room (empty: no room). */
  public Future<Void> mix(int block, String callId, List<Integer> ports) {
    JsonObject req = new JsonObject().put("op", MediaApi.OP_MIX).put("call", callId)
        .put("ports", new JsonArray(new ArrayList<Object>(ports)));
    return request(block, req).mapEmpty();
  }

  /** Turns the recorder's tap on the call's media on or off (see {@link MediaApi#OP_TAP}). */
  public Future<Void> tap(int block, String callId, boolean on) {
    return request(block, new JsonObject().put("op", MediaApi.OP_TAP).put("call", callId).put("on", on)).mapEmpty();
  }

  /**
   * Joins the party of leg {@code port} to leg {@code toPort} of call {@code toCall} in block
   * {@code toBlock} (one direction); {@code toCall} null ends the bridge.
   */
  public Future<Void> bridge(int block, String callId, int port, int toBlock, String toCall, int toPort) {
    JsonObject req = new JsonObject().put("op", MediaApi.OP_BRIDGE).put("call", callId).put("port", port);
    if (toCall != null) req.put("toBlock", toBlock).put("toCall", toCall).put("toPort", toPort);
    return request(block, req).mapEmpty();
  }

  /** Releases the given RTP ports of a call, or all of them when {@code ports} is null. */
  public Future<Void> release(int block, String callId, List<Integer> ports) {
    JsonObject req = new JsonObject().put("op", MediaApi.OP_RELEASE).put("call", callId);
    if (ports != null) req.put("ports", new JsonArray(new ArrayList<Object>(ports)));
    return request(block, req).mapEmpty();
  }

  public Future<JsonObject> stats(int block, String callId) {
    return request(block, new JsonObject().put("op", MediaApi.OP_STATS).put("call", callId));
  }

  /** The node's DTLS certificate fingerprint, if the media plane terminates DTLS (null otherwise). */
  public Future<String> fingerprint() {
    return request(0, new JsonObject().put("op", "fingerprint")).map(r -> r.getString("fingerprint"));
  }

  public Future<JsonObject> blockStats(int block) {
    return request(block, new JsonObject().put("op", MediaApi.OP_BLOCK_STATS));
  }

  /**
   * Sets a block's media timeouts in seconds (null keeps one) and answers them as they now are:
   * {@code {timeout, silentTimeout}}; with both null it only reads them.
   */
  public Future<JsonObject> timeouts(int block, Integer timeout, Integer silentTimeout) {
    JsonObject req = new JsonObject().put("op", MediaApi.OP_TIMEOUTS);
    if (timeout != null) req.put("timeout", timeout);
    if (silentTimeout != null) req.put("silentTimeout", silentTimeout);
    return request(block, req);
  }

  private Future<JsonObject> request(int block, JsonObject req) {
    return request(block, req, LOCAL);
  }

  private Future<JsonObject> request(int block, JsonObject req, DeliveryOptions options) {
    return vertx.eventBus().<JsonObject>request(MediaApi.blockAddress(nodeId, block), req, options)
        .map(m -> m.body() == null ? new JsonObject() : m.body())
        .recover(err -> {
          if (err instanceof ReplyException re && MediaApi.ERR_NO_PORTS.equals(re.getMessage())) {
            return Future.failedFuture(new NgException(NgException.NO_PORTS));
          }
          // The media plane refuses a leg whose SDP-derived parameters are unusable (an SDES key
          // of the wrong length, ICE without a password): the party's SDP is at fault, as
          // rtpengine's "Failed to parse SDP" says, not us (found by NgFuzzTest).
          if (err instanceof ReplyException re && re.failureCode() == 400 && MediaApi.OP_CONFIGURE.equals(req.getString("op"))) {
            String why = String.valueOf(re.getMessage()).replaceFirst("^Invalid request: ", "");
            return Future.failedFuture(new NgException(NgException.PARSE_SDP + ": " + why));
          }
          return Future.failedFuture(err);
        });
  }
}
