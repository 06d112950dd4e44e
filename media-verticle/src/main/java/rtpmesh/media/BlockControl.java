package rtpmesh.media;

import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import rtpmesh.media.dtls.DtlsCertificate;
import rtpmesh.media.dtls.DtlsFingerprint;
import rtpmesh.media.dtls.DtlsRole;
import rtpmesh.media.ice.IceCredentials;
import rtpmesh.media.relay.DropReason;
import rtpmesh.media.relay.DtlsSettings;
import rtpmesh.media.relay.BundleSettings;
import rtpmesh.media.relay.IceSettings;
import rtpmesh.media.relay.Leg;
import rtpmesh.media.relay.MediaTap;
import rtpmesh.media.relay.LegConfig;
import rtpmesh.media.transcode.CodecSpec;
import rtpmesh.media.relay.SrtpKeys;
import rtpmesh.media.relay.Relay;
import rtpmesh.media.relay.RelayError;
import rtpmesh.media.relay.RelayException;
import rtpmesh.media.relay.StreamCounters;

/**
 * Decodes the JSON ops of {@link MediaApi} into {@link Relay} calls and encodes the replies. Runs
 * on the block's media loop, so it touches the relay directly.
 *
 * <p>Owned by one event loop; holds no lock.
 */
final class BlockControl {
  private final Relay relay;
  private final Timeouts timeouts;
  private final DtlsCertificate certificate;
  private final Map<String, BiConsumer<JsonObject, Message<JsonObject>>> ops;
  private final Playback playback;
  /** The recorder's tap for a call (null: not recorded), see {@link MediaApi#OP_TAP}. */
  private final java.util.function.Function<String, MediaTap> taps;
  /** The node's blocks by number (for bridges between calls); null for an unknown block. */
  private final java.util.function.IntFunction<Relay> blocks;

  BlockControl(Relay relay, Timeouts timeouts, DtlsCertificate certificate) {
    this(relay, timeouts, certificate, Runnable::run, e -> { }, callId -> null, b -> null);
  }

  /**
   * {@code blocking} reads and decodes media files (never the media loop); {@code events} gets the
   * block's media events (playback ended), on the loop; {@code taps} opens a call's recording tap;
   * {@code blocks} finds the node's other blocks (bridges between calls).
   */
  BlockControl(Relay relay, Timeouts timeouts, DtlsCertificate certificate, java.util.concurrent.Executor blocking,
               java.util.function.Consumer<JsonObject> events, java.util.function.Function<String, MediaTap> taps,
               java.util.function.IntFunction<Relay> blocks) {
    this.relay = relay;
    this.timeouts = timeouts;
    this.certificate = certificate;
    this.taps = taps;
    this.blocks = blocks;
    this.playback = new Playback(relay, blocking, events);
    this.ops = Map.ofEntries(
        Map.entry(MediaApi.OP_PLAY_MEDIA, playback::play),
        Map.entry(MediaApi.OP_STOP_MEDIA, playback::stop),
        Map.entry(MediaApi.OP_LEG_SERVICES, playback::services),
        Map.entry(MediaApi.OP_ALLOCATE, this::allocate),
        Map.entry(MediaApi.OP_ADOPT, this::adopt),
        Map.entry(MediaApi.OP_CONFIGURE, this::configure),
        Map.entry(MediaApi.OP_PLAY_DTMF, this::playDtmf),
        Map.entry(MediaApi.OP_BRIDGE, this::bridge),
        Map.entry(MediaApi.OP_RELEASE, this::release),
        Map.entry(MediaApi.OP_TAP, this::tap),
        Map.entry(MediaApi.OP_STATS, this::stats),
        Map.entry(MediaApi.OP_BLOCK_STATS, this::blockStats),
        Map.entry(MediaApi.OP_TIMEOUTS, this::timeouts),
        Map.entry(MediaApi.OP_FINGERPRINT, this::fingerprint),
        Map.entry(MediaApi.OP_MIX, this::mix));
  }

  void handle(Message<JsonObject> message) {
    JsonObject request = message.body();
    try {
      var op = request == null ? null : ops.get(request.getString("op"));
      if (op == null) {
        throw RelayError.BAD_REQUEST.exception("unknown op " + (request == null ? null : request.getValue("op")));
      }
      op.accept(request, message);
    } catch (RelayException e) {
      fail(message, e);
    } catch (ClassCastException | IllegalArgumentException | NullPointerException e) {
      message.fail(RelayError.BAD_REQUEST.code(), RelayError.BAD_REQUEST.reason() + ": " + e.getMessage());
    }
  }

  private void allocate(JsonObject request, Message<JsonObject> message) {
    InetAddress address = ipLiteral(request.getString("address"), "address");
    int count = request.getInteger("count", 1);
    if (count < 1) {
      throw RelayError.BAD_REQUEST.exception("count " + count + ", expected >= 1");
    }
    relay.allocate(callId(request), address, count).addListener(f -> replyPorts(message, f));
  }

  private void adopt(JsonObject request, Message<JsonObject> message) {
    InetAddress address = ipLiteral(request.getString("address"), "address");
    List<Integer> ports = rtpPorts(request.getJsonArray("ports"));
    long retryMs = request.getLong("retryMs", 0L);
    if (retryMs < 0) {
      throw RelayError.BAD_REQUEST.exception("retryMs " + retryMs + ", expected >= 0");
    }
    relay.adopt(callId(request), address, ports, retryMs).addListener(f -> replyPorts(message, f));
  }

  private void mix(JsonObject request, Message<JsonObject> message) {
    JsonArray json = request.getJsonArray("ports", new JsonArray());
    List<Integer> ports = json.isEmpty() ? List.of() : rtpPorts(json);
    message.reply(new JsonObject().put("mixing", relay.mix(callId(request), ports)));
  }

  /** Distinct even RTP ports whose RTCP port (+1) is a port too. */
  private static List<Integer> rtpPorts(JsonArray json) {
    if (json == null || json.isEmpty()) {
      throw RelayError.BAD_REQUEST.exception("ports missing or empty");
    }
    List<Integer> ports = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      Integer port = json.getInteger(i);
      if (port == null || port < 2 || port > 65534 || (port & 1) != 0) {
        throw RelayError.BAD_REQUEST.exception("port " + port + ", expected an even RTP port in 2-65534");
      }
      if (ports.contains(port)) {
        throw RelayError.BAD_REQUEST.exception("port " + port + " listed twice");
      }
      ports.add(port);
    }
    return ports;
  }

  private static void replyPorts(Message<JsonObject> message, Future<? super List<Integer>> f) {
    if (f.isSuccess()) {
      @SuppressWarnings("unchecked")
      List<Integer> ports = (List<Integer>) f.getNow();
      message.reply(new JsonObject().put("ports", new JsonArray(new ArrayList<>(ports))));
    } else {
      fail(message, f.cause());
    }
  }

  private void configure(JsonObject request, Message<JsonObject> message) {
    JsonArray legs = request.getJsonArray("legs");
    if (legs == null) {
      throw RelayError.BAD_REQUEST.exception("legs missing");
    }
    List<LegConfig> configs = new ArrayList<>(legs.size());
    for (int i = 0; i < legs.size(); i++) {
      configs.add(legConfig(legs.getJsonObject(i)));
    }
    relay.configure(callId(request), configs);
    message.reply(new JsonObject().put("configured", configs.size()));
  }

  private void tap(JsonObject request, Message<JsonObject> message) {
    String callId = callId(request);
    Boolean on = request.getBoolean("on");
    if (on == null) {
      throw RelayError.BAD_REQUEST.exception("tap without on");
    }
    relay.legs(callId); // UNKNOWN_CALL before asking the recorder
    MediaTap tap = null;
    if (on) {
      tap = taps.apply(callId);
      if (tap == null) {
        throw RelayError.NOT_RECORDING.exception(callId);
      }
    }
    relay.tap(callId, tap);
    message.reply(new JsonObject().put("tapped", on));
  }

  private void bridge(JsonObject request, Message<JsonObject> message) {
    String toCall = request.getString("toCall");
    Relay to = null;
    if (toCall != null) {
      int toBlock = request.getInteger("toBlock", -1);
      to = blocks.apply(toBlock);
      if (to == null) {
        throw RelayError.BAD_REQUEST.exception("toBlock " + toBlock + ": no such block");
      }
    }
    relay.bridge(callId(request), request.getInteger("port", 0), to, toCall, request.getInteger("toPort", 0));
    message.reply(new JsonObject().put("bridged", toCall != null));
  }

  private void release(JsonObject request, Message<JsonObject> message) {
    JsonArray ports = request.getJsonArray("ports");
    List<Integer> list = null;
    if (ports != null) {
      list = new ArrayList<>(ports.size());
      for (int i = 0; i < ports.size(); i++) {
        list.add(ports.getInteger(i));
      }
    }
    relay.release(callId(request), list).addListener(f ->
        message.reply(new JsonObject().put("released", f.getNow())));
  }

  private void stats(JsonObject request, Message<JsonObject> message) {
    JsonObject legs = new JsonObject();
    for (Leg leg : relay.legs(callId(request))) {
      JsonObject rtp = stream(leg.rtp(), leg.learnedRtp());
      if (leg.rtp().packets() > 0) {
        rtp.put("ssrc", Integer.toUnsignedLong(leg.lastSsrc()));
      }
      JsonObject json = new JsonObject()
          .put("rtp", rtp)
          .put("rtcp", stream(leg.rtcp(), leg.learnedRtcp()));
      if (leg.iceState() != null) {
        json.put("ice", leg.iceState().name().toLowerCase(java.util.Locale.ROOT));
      }
      if (leg.dtlsState() != null) {
        json.put("dtls", leg.dtlsState().name().toLowerCase(java.util.Locale.ROOT));
      }
      legs.put(Integer.toString(leg.port()), json);
    }
    message.reply(new JsonObject().put("legs", legs));
  }

  private void blockStats(JsonObject request, Message<JsonObject> message) {
    Relay.BlockStats s = relay.blockStats();
    JsonObject reasons = new JsonObject();
    for (DropReason reason : DropReason.values()) {
      reasons.put(reason.wireName(), s.drops().get(reason));
    }
    message.reply(new JsonObject()
        .put("ports", s.usedPairs())
        .put("free", s.freePairs())
        .put("foreign", s.foreignPairs())
        .put("packets", s.packets())
        .put("bytes", s.bytes())
        .put("errors", s.errors())
        .put("drops", s.drops().total())
        .put("dropReasons", reasons)
        .put("readBatch", s.readBatch())
        .put("batchSwitches", s.batchSwitches())
        .put("connectedSockets", s.connectedSockets()));
  }

  private void timeouts(JsonObject request, Message<JsonObject> message) {
    timeouts.set(request.getInteger("timeout", timeouts.timeout()),
        request.getInteger("silentTimeout", timeouts.silentTimeout()));
    message.reply(new JsonObject()
        .put("timeout", timeouts.timeout())
        .put("silentTimeout", timeouts.silentTimeout()));
  }

  private void fingerprint(JsonObject request, Message<JsonObject> message) {
    message.reply(new JsonObject().put("fingerprint", certificate.sdpFingerprint()));
  }

  private static JsonObject stream(StreamCounters c, InetSocketAddress endpoint) {
    JsonObject json = new JsonObject()
        .put("packets", c.packets())
        .put("bytes", c.bytes())
        .put("errors", c.errors())
        .put("last", c.last());
    if (endpoint != null) {
      json.put("endpoint", NetUtil.toSocketAddressString(endpoint));
    }
    return json;
  }

  private void playDtmf(JsonObject request, Message<JsonObject> message) {
    String digits = request.getString("digits");
    if (digits == null || digits.isEmpty()) {
      throw RelayError.BAD_REQUEST.exception("playDtmf without digits");
    }
    boolean played = relay.playDtmf(callId(request), request.getInteger("port", 0), digits,
        request.getInteger("duration", 100), request.getInteger("pause", 50), request.getInteger("volume", 8));
    message.reply(new JsonObject().put("played", played));
  }

  private static LegConfig legConfig(JsonObject leg) {
    Integer port = leg.getInteger("port");
    if (port == null) {
      throw RelayError.BAD_REQUEST.exception("leg without port");
    }
    String remote = leg.getString("remote");
    return new LegConfig(
        port,
        leg.getInteger("peer", 0),
        remote == null || remote.isEmpty() ? null : ipLiteral(remote, "remote"),
        leg.getInteger("remotePort", 0),
        leg.getInteger("remoteRtcpPort", 0),
        leg.getBoolean("mux", false),
        leg.getBoolean("send", true),
        leg.getBoolean("recv", true),
        leg.getBoolean("strict", false),
        leg.getBoolean("latch", false),
        srtpKeys(leg.getJsonObject("srtp")),
        iceSettings(leg.getJsonObject("ice"), leg.getJsonArray("remoteCandidates")),
        dtlsSettings(leg.getJsonObject("dtls")),
        bundleSettings(leg.getJsonObject("bundle")),
        codecSpec(leg.getJsonObject("codec")),
        forks(leg.getJsonArray("forks")));
  }

  private static List<Integer> forks(JsonArray json) {
    if (json == null) return List.of();
    List<Integer> out = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) out.add(json.getInteger(i));
    return out;
  }

  private static BundleSettings bundleSettings(JsonObject bundle) {
    if (bundle == null) return null;
    try {
      JsonArray streams = bundle.getJsonArray("streams");
      if (streams == null) throw new IllegalArgumentException("streams missing");
      List<BundleSettings.Stream> out = new ArrayList<>(streams.size());
      for (int i = 0; i < streams.size(); i++) {
        JsonObject s = streams.getJsonObject(i);
        JsonArray pts = s.getJsonArray("payloadTypes", new JsonArray());
        List<Integer> types = new ArrayList<>(pts.size());
        for (int k = 0; k < pts.size(); k++) types.add(pts.getInteger(k));
        String remote = s.getString("remote");
        out.add(new BundleSettings.Stream(s.getString("mid"), s.getInteger("peer", 0), types,
            remote == null || remote.isEmpty() ? null : ipLiteral(remote, "bundle remote"), s.getInteger("remotePort", 0)));
      }
      return new BundleSettings(bundle.getInteger("midExtension", 0), out);
    } catch (RelayException e) {
      throw e;
    } catch (RuntimeException e) {
      throw RelayError.BAD_REQUEST.exception("bundle: " + e.getMessage());
    }
  }

  static CodecSpec codecSpec(JsonObject c) {
    if (c == null) return null;
    Integer pt = c.getInteger("pt");
    String name = c.getString("name");
    if (pt == null || name == null) {
      throw RelayError.BAD_REQUEST.exception("codec needs pt and name");
    }
    return new CodecSpec(pt, name, c.getInteger("rate", 8000), c.getInteger("channels", 1), c.getString("fmtp"),
        c.getInteger("ptime", 20), c.getInteger("dtmfPt", -1), c.getInteger("cnPt", -1),
        c.getBoolean("detectDtmf", false), c.getBoolean("blockDtmf", false));
  }

  private static IceSettings iceSettings(JsonObject ice, JsonArray candidates) {
    if (ice == null) return null;
    try {
      return new IceSettings(
          new IceCredentials(ice.getString("ufrag"), ice.getString("pwd")),
          new IceCredentials(ice.getString("remoteUfrag"), ice.getString("remotePwd")),
          ice.getBoolean("controlling", false),
          ice.getBoolean("remoteLite", false),
          socketAddresses(ice.getJsonArray("remoteCandidates", candidates)));
    } catch (RelayException e) {
      throw e;
    } catch (RuntimeException e) {
      throw RelayError.BAD_REQUEST.exception("ice: " + e.getMessage());
    }
  }

  /** "addr:port" items with an IP literal ("[v6]:port" or "v6:port" for IPv6). */
  private static List<InetSocketAddress> socketAddresses(JsonArray json) {
    if (json == null) return List.of();
    List<InetSocketAddress> out = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      String text = json.getString(i);
      int colon = text == null ? -1 : text.lastIndexOf(':');
      int port = colon < 0 ? -1 : parsePort(text.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw RelayError.BAD_REQUEST.exception("remoteCandidates '" + text + "', expected addr:port");
      }
      String host = text.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      out.add(new InetSocketAddress(ipLiteral(host, "remoteCandidates"), port));
    }
    return out;
  }

  private static int parsePort(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static DtlsSettings dtlsSettings(JsonObject dtls) {
    if (dtls == null) return null;
    String role = dtls.getString("role");
    DtlsRole r = "client".equals(role) ? DtlsRole.CLIENT : "server".equals(role) ? DtlsRole.SERVER : null;
    if (r == null) {
      throw RelayError.BAD_REQUEST.exception("dtls role '" + role + "', expected client or server");
    }
    String fingerprint = dtls.getString("remoteFingerprint");
    try {
      return new DtlsSettings(r, DtlsFingerprint.parse(fingerprint));
    } catch (RuntimeException e) {
      throw RelayError.BAD_REQUEST.exception("dtls remoteFingerprint: " + e.getMessage());
    }
  }

  /** {@code {"<ssrc, unsigned decimal>": roc}}. */
  private static java.util.Map<Integer, Integer> rocs(JsonObject json) {
    if (json == null) return java.util.Map.of();
    java.util.Map<Integer, Integer> out = new java.util.HashMap<>();
    for (String ssrc : json.fieldNames()) out.put((int) Long.parseLong(ssrc), json.getInteger(ssrc));
    return out;
  }

  private static SrtpKeys srtpKeys(JsonObject srtp) {
    if (srtp == null) return null;
    try {
      return SrtpKeys.of(srtp.getString("suite"), srtp.getString("sendKey"), srtp.getString("recvKey"))
          .withRoc(rocs(srtp.getJsonObject("sendRoc")), rocs(srtp.getJsonObject("recvRoc")));
    } catch (RuntimeException e) {
      throw RelayError.BAD_REQUEST.exception("srtp: " + e.getMessage());
    }
  }

  /** Only IP literals: resolving a name would block the media loop. */
  private static InetAddress ipLiteral(String text, String field) {
    InetAddress address = text == null ? null : NetUtil.createInetAddressFromIpAddressString(text);
    if (address == null) {
      throw RelayError.BAD_REQUEST.exception(field + " '" + text + "', expected an IPv4 or IPv6 literal");
    }
    return address;
  }

  static String callId(JsonObject request) {
    String call = request.getString("call");
    if (call == null) {
      throw RelayError.BAD_REQUEST.exception("call missing");
    }
    return call;
  }

  static void fail(Message<JsonObject> message, Throwable cause) {
    if (cause instanceof RelayException e) {
      message.fail(e.error().code(), e.getMessage());
    } else {
      message.fail(RelayError.BIND_FAILED.code(), String.valueOf(cause.getMessage()));
    }
  }
}
