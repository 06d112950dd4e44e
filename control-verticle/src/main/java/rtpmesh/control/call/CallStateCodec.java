package rtpmesh.control.call;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A call as the versioned record the cluster keeps ({@code CallState}): everything a surviving node
 * needs to rebuild the call and bind the same ports. Monologues are referred to by their position.
 * Written after each signalling event, never per packet. Format version {@value #FORMAT}.
 */
public final class CallStateCodec {
  public static final int FORMAT = 1;

  private CallStateCodec() {}

  public static JsonObject toJson(Call c, String owner) {
    List<Monologue> all = c.monologues();
    JsonArray mons = new JsonArray();
    for (Monologue m : all) {
      JsonObject j = new JsonObject()
          .put("tag", m.tag)
          .put("via", m.viaBranch)
          .put("untagged", m.untaggedNumber)
          .put("created", m.createdMs)
          .put("initialized", m.initialized)
          .put("iceControlling", m.iceControlling)
          .put("lastSdpBody", m.lastSdpBody)
          .put("outVersion", m.outVersion)
          .put("firstUsername", m.firstUsername)
          .put("firstSessionName", m.firstSessionName)
          .put("lastSdpOut", m.lastSdpOut)
          .put("subscriber", m.subscriber)
          .put("inactive", m.inactive)
          .put("publisher", m.publisher)
          .put("moh", m.moh == null ? null : new JsonObject(new java.util.LinkedHashMap<>(m.moh)))
          .put("sdpIn", m.sdpIn)
          .put("parked", m.parked)
          .put("local", m.local)
          .put("subscriptions", positions(all, m.subscriptions))
          .put("subscribers", positions(all, m.subscribers));
      JsonArray medias = new JsonArray();
      for (MediaLeg l : m.medias) medias.add(leg(all, l));
      mons.add(j.put("medias", medias));
    }
    return new JsonObject()
        .put("format", FORMAT)
        .put("callId", c.callId)
        .put("owner", owner)
        .put("version", c.version)
        .put("created", c.createdMs)
        .put("lastSignal", c.lastSignalMs)
        .put("untaggedCount", c.untaggedCount)
        .put("deleteAt", c.deleteAt)
        .put("reanchored", c.reanchored)
        .put("mediaBlocked", c.mediaBlocked).put("mediaSilenced", c.mediaSilenced)
        .put("room", c.room)
        .put("recording", c.recording)
        .put("recordingMetaFile", c.recordingMetaFile)
        .put("recordingOptions", c.recordingOptions)
        .put("bypass", c.bypass)
        .put("placement", c.placement)
        .put("monologues", mons);
  }

  private static JsonObject leg(List<Monologue> all, MediaLeg l) {
    JsonObject j = new JsonObject()
        .put("index", l.index).put("type", l.type).put("proto", l.proto)
        .put("iface", l.iface).put("localAddress", l.localAddress).put("advertisedAddress", l.advertisedAddress)
        .put("port", l.port)
        .put("remoteRtcpPort", l.remoteRtcpPort)
        .put("zeroAddress", l.zeroAddress).put("mux", l.mux).put("muxOffered", l.muxOffered).put("muxFlag", l.muxFlag)
        .put("ptime", l.ptime).put("rejected", l.rejected).put("strict", l.strict).put("latch", l.latch)
        .put("bundleWith", l.bundleWith).put("bundled", l.bundled).put("midExtension", l.midExtension)
        .put("formats", new JsonArray(new java.util.ArrayList<Object>(l.formats)));
    if (l.remote != null) j.put("remote", l.remote.address()).put("remotePort", l.remote.port());
    if (l.advertisedRemote != null) j.put("sdpAddress", l.advertisedRemote.address()).put("sdpPort", l.advertisedRemote.port());
    j.put("srtpSuite", l.srtpSuite).put("srtpSendKey", l.srtpSendKey).put("srtpRecvKey", l.srtpRecvKey)
        .put("cryptoPassthrough", l.cryptoPassthrough)
        .put("cryptoOffered", crypto(l.cryptoOffered)).put("cryptoWeOffered", crypto(l.cryptoWeOffered));
    if (l.cryptoAnswer != null) j.put("cryptoAnswer", crypto(List.of(l.cryptoAnswer)));
    j.put("ice", l.ice).put("iceUfrag", l.iceUfrag).put("icePwd", l.icePwd)
        .put("remoteIceUfrag", l.remoteIceUfrag).put("remoteIcePwd", l.remoteIcePwd)
        .put("remoteIceTrickle", l.remoteIceTrickle).put("remoteIceLite", l.remoteIceLite)
        .put("iceControlling", l.iceControlling).put("dtlsSetup", l.dtlsSetup).put("remoteSetup", l.remoteSetup)
        .put("remoteFingerprint", l.remoteFingerprint).put("mid", l.mid)
        .put("dtlsSuite", l.dtlsSuite).put("dtlsSendKey", l.dtlsSendKey).put("dtlsRecvKey", l.dtlsRecvKey)
        .put("rocSend", new JsonObject(new java.util.LinkedHashMap<String, Object>(l.rocSend)))
        .put("rocRecv", new JsonObject(new java.util.LinkedHashMap<String, Object>(l.rocRecv)));
    if (l.dtlsParty != null) j.put("dtlsParty", l.dtlsParty.address()).put("dtlsPartyPort", l.dtlsParty.port());
    // ng block/silence media, media echo, hold and music on hold (MediaServices).
    j.put("mediaBlocked", l.mediaBlocked).put("mediaSilenced", l.mediaSilenced).put("echo", l.echo)
        .put("blackhole", l.blackhole).put("direction", l.direction).put("mohPlaying", l.mohPlaying);
    // Transcoding: what the party speaks (so a new owner keeps transcoding) and what its offer allowed.
    j.put("conference", l.conference);
    j.put("transcodeMode", l.transcodeMode).put("ptimeToParty", l.ptimeToParty)
        .put("dtmfDetect", l.dtmfDetect).put("dtmfBlock", l.dtmfBlock)
        .put("answerable", codecs(l.answerable)).put("codecs", codecs(l.codecs));
    if (l.transcode != null) {
      StreamCodec t = l.transcode;
      j.put("transcode", new JsonObject().put("codec", codec(t.codec())).put("dtmfPt", t.dtmfPt()).put("cnPt", t.cnPt())
          .put("ptime", t.ptime()));
    }
    if (l.bridgeCall != null) j.put("bridge", new JsonArray().add(l.bridgeCall).add(l.bridgeTag).add(l.bridgeIndex));
    if (l.peer != null) {
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).medias.contains(l.peer)) j.put("peer", new JsonArray().add(i).add(l.peer.index));
      }
    }
    if (l.copyOf != null) {
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).medias.contains(l.copyOf)) j.put("copyOf", new JsonArray().add(i).add(l.copyOf.index));
      }
    }
    return j;
  }

  private static JsonArray crypto(List<Sdes.Crypto> list) {
    JsonArray a = new JsonArray();
    for (Sdes.Crypto c : list) a.add(new JsonArray().add(c.tag()).add(c.suite()).add(c.key()).add(c.params()));
    return a;
  }

  private static List<Sdes.Crypto> crypto(JsonArray a) {
    List<Sdes.Crypto> out = new ArrayList<>();
    if (a == null) return out;
    for (Object o : a) {
      JsonArray c = (JsonArray) o;
      out.add(new Sdes.Crypto(c.getString(0), c.getString(1), c.getString(2), c.size() > 3 ? c.getString(3) : ""));
    }
    return out;
  }

  private static java.util.Map<String, Integer> rocs(JsonObject j) {
    java.util.Map<String, Integer> out = new java.util.TreeMap<>();
    if (j != null) for (String ssrc : j.fieldNames()) out.put(ssrc, j.getInteger(ssrc));
    return out;
  }

  private static JsonArray positions(List<Monologue> all, List<Monologue> refs) {
    JsonArray a = new JsonArray();
    for (Monologue r : refs) a.add(all.indexOf(r));
    return a;
  }

  /** Rebuilds a call from its record, for the node that takes it over; ports stay as recorded. */
  public static Call fromJson(JsonObject j, int block) {
    Call c = new Call(j.getString("callId"), j.getLong("created"), block);
    c.lastSignalMs = j.getLong("lastSignal", c.createdMs);
    c.version = j.getLong("version", 0L);
    c.untaggedCount = j.getInteger("untaggedCount", 0);
    c.reanchored = j.getBoolean("reanchored", false);
    c.mediaBlocked = j.getBoolean("mediaBlocked", false);
    c.mediaSilenced = j.getBoolean("mediaSilenced", false);
    c.room = j.getBoolean("room", false);
    c.recording = j.getString("recording");
    c.recordingMetaFile = j.getString("recordingMetaFile");
    c.recordingOptions = j.getJsonObject("recordingOptions", new JsonObject()).copy();
    c.bypass = j.getBoolean("bypass", false);
    c.placement = j.getString("placement");
    List<Monologue> all = new ArrayList<>();
    JsonArray mons = j.getJsonArray("monologues", new JsonArray());
    for (Object o : mons) {
      JsonObject mj = (JsonObject) o;
      Monologue m = new Monologue(mj.getString("tag", ""), mj.getInteger("untagged", 0), mj.getLong("created", c.createdMs));
      m.viaBranch = mj.getString("via");
      m.initialized = mj.getBoolean("initialized", false);
      m.iceControlling = mj.getBoolean("iceControlling", false);
      m.lastSdpBody = mj.getString("lastSdpBody");
      m.outVersion = mj.getLong("outVersion", -1L);
      m.firstUsername = mj.getString("firstUsername");
      m.firstSessionName = mj.getString("firstSessionName");
      m.lastSdpOut = mj.getString("lastSdpOut");
      m.subscriber = mj.getBoolean("subscriber", false);
      m.inactive = mj.getBoolean("inactive", false);
      m.publisher = mj.getBoolean("publisher", false);
      JsonObject moh = mj.getJsonObject("moh");
      m.moh = moh == null ? null : moh.getMap();
      m.sdpIn = mj.getString("sdpIn");
      m.parked = mj.getBoolean("parked", false);
      m.local = mj.getBoolean("local", false);
      for (Object lo : mj.getJsonArray("medias", new JsonArray())) m.medias.add(legFrom((JsonObject) lo));
      all.add(m);
      if (m.tag.isEmpty()) c.untagged.add(m);
      else c.tagged.put(m.tag, m);
    }
    for (int i = 0; i < all.size(); i++) {
      JsonObject mj = mons.getJsonObject(i);
      for (Object p : mj.getJsonArray("subscriptions", new JsonArray())) all.get(i).subscriptions.add(all.get((Integer) p));
      for (Object p : mj.getJsonArray("subscribers", new JsonArray())) all.get(i).subscribers.add(all.get((Integer) p));
      JsonArray medias = mj.getJsonArray("medias", new JsonArray());
      for (int k = 0; k < medias.size(); k++) {
        JsonArray peer = medias.getJsonObject(k).getJsonArray("peer");
        if (peer != null) all.get(i).medias.get(k).peer = all.get(peer.getInteger(0)).existingMedia(peer.getInteger(1));
        JsonArray copyOf = medias.getJsonObject(k).getJsonArray("copyOf");
        if (copyOf != null) all.get(i).medias.get(k).copyOf = all.get(copyOf.getInteger(0)).existingMedia(copyOf.getInteger(1));
      }
    }
    return c;
  }

  private static JsonArray codecs(List<SdpCodec> list) {
    JsonArray a = new JsonArray();
    for (SdpCodec c : list) a.add(codec(c));
    return a;
  }

  private static JsonObject codec(SdpCodec c) {
    return new JsonObject().put("pt", c.pt()).put("name", c.name()).put("rate", c.rate()).put("channels", c.channels())
        .put("fmtp", c.fmtp()).put("rtcpFb", new JsonArray(new java.util.ArrayList<Object>(c.rtcpFb())));
  }

  private static SdpCodec codecFrom(JsonObject j) {
    List<String> fb = new java.util.ArrayList<>();
    for (Object o : j.getJsonArray("rtcpFb", new JsonArray())) fb.add(String.valueOf(o));
    return new SdpCodec(j.getString("pt"), j.getString("name"), j.getInteger("rate", 8000), j.getInteger("channels", 1),
        j.getString("fmtp"), List.copyOf(fb));
  }

  private static List<SdpCodec> codecsFrom(JsonArray a) {
    List<SdpCodec> out = new java.util.ArrayList<>();
    if (a != null) for (Object o : a) out.add(codecFrom((JsonObject) o));
    return List.copyOf(out);
  }

  private static void transcodeFrom(MediaLeg l, JsonObject j) {
    l.transcodeMode = j.getString("transcodeMode");
    l.ptimeToParty = j.getInteger("ptimeToParty");
    l.dtmfDetect = j.getBoolean("dtmfDetect", false);
    l.dtmfBlock = j.getBoolean("dtmfBlock", false);
    l.mediaBlocked = j.getBoolean("mediaBlocked", false);
    l.mediaSilenced = j.getBoolean("mediaSilenced", false);
    l.echo = j.getBoolean("echo", false);
    l.blackhole = j.getBoolean("blackhole", false);
    l.direction = j.getString("direction", "sendrecv");
    l.mohPlaying = j.getBoolean("mohPlaying", false);
    l.answerable = codecsFrom(j.getJsonArray("answerable"));
    l.codecs = codecsFrom(j.getJsonArray("codecs"));
    JsonObject t = j.getJsonObject("transcode");
    if (t != null) {
      l.transcode = new StreamCodec(codecFrom(t.getJsonObject("codec")), t.getInteger("dtmfPt", -1), t.getInteger("cnPt", -1),
          t.getInteger("ptime", 20));
    }
  }

  private static MediaLeg legFrom(JsonObject j) {
    MediaLeg l = new MediaLeg(j.getInteger("index"));
    l.type = j.getString("type");
    l.proto = j.getString("proto");
    l.iface = j.getString("iface");
    l.localAddress = j.getString("localAddress");
    l.advertisedAddress = j.getString("advertisedAddress");
    l.port = j.getInteger("port", 0);
    if (j.getString("remote") != null) l.remote = new Endpoint(j.getString("remote"), j.getInteger("remotePort"));
    l.remoteRtcpPort = j.getInteger("remoteRtcpPort", 0);
    if (j.getString("sdpAddress") != null) l.advertisedRemote = new Endpoint(j.getString("sdpAddress"), j.getInteger("sdpPort"));
    l.zeroAddress = j.getBoolean("zeroAddress", false);
    l.mux = j.getBoolean("mux", false);
    l.muxOffered = j.getBoolean("muxOffered", false);
    l.muxFlag = j.getString("muxFlag");
    l.ptime = j.getString("ptime");
    l.rejected = j.getBoolean("rejected", false);
    l.strict = j.getBoolean("strict", false);
    l.latch = j.getBoolean("latch", false);
    l.bundleWith = j.getInteger("bundleWith", 0);
    l.bundled = j.getBoolean("bundled", false);
    l.midExtension = j.getInteger("midExtension", 0);
    JsonArray formats = j.getJsonArray("formats");
    if (formats != null) {
      java.util.List<String> f = new java.util.ArrayList<>();
      for (Object o : formats) f.add(String.valueOf(o));
      l.formats = java.util.List.copyOf(f);
    }
    l.srtpSuite = j.getString("srtpSuite");
    l.srtpSendKey = j.getString("srtpSendKey");
    l.srtpRecvKey = j.getString("srtpRecvKey");
    l.cryptoPassthrough = j.getBoolean("cryptoPassthrough", false);
    l.cryptoOffered = crypto(j.getJsonArray("cryptoOffered"));
    l.cryptoWeOffered = crypto(j.getJsonArray("cryptoWeOffered"));
    List<Sdes.Crypto> answer = crypto(j.getJsonArray("cryptoAnswer"));
    l.cryptoAnswer = answer.isEmpty() ? null : answer.get(0);
    l.ice = j.getBoolean("ice", false);
    l.iceUfrag = j.getString("iceUfrag");
    l.icePwd = j.getString("icePwd");
    l.remoteIceUfrag = j.getString("remoteIceUfrag");
    l.remoteIcePwd = j.getString("remoteIcePwd");
    l.remoteIceTrickle = j.getBoolean("remoteIceTrickle", false);
    l.remoteIceLite = j.getBoolean("remoteIceLite", false);
    l.iceControlling = j.getBoolean("iceControlling", false);
    l.dtlsSetup = j.getString("dtlsSetup");
    l.remoteSetup = j.getString("remoteSetup");
    l.remoteFingerprint = j.getString("remoteFingerprint");
    l.mid = j.getString("mid");
    l.dtlsSuite = j.getString("dtlsSuite");
    l.dtlsSendKey = j.getString("dtlsSendKey");
    l.dtlsRecvKey = j.getString("dtlsRecvKey");
    l.rocSend = rocs(j.getJsonObject("rocSend"));
    l.rocRecv = rocs(j.getJsonObject("rocRecv"));
    if (j.getString("dtlsParty") != null) l.dtlsParty = new Endpoint(j.getString("dtlsParty"), j.getInteger("dtlsPartyPort"));
    transcodeFrom(l, j);
    l.conference = j.getBoolean("conference", false);
    JsonArray bridge = j.getJsonArray("bridge");
    if (bridge != null) {
      l.bridgeCall = bridge.getString(0);
      l.bridgeTag = bridge.getString(1);
      l.bridgeIndex = bridge.getInteger(2);
    }
    return l;
  }
}
