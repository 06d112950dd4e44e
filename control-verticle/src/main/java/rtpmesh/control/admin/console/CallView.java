package rtpmesh.control.admin.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import rtpmesh.control.call.Call;
import rtpmesh.control.call.MediaLeg;
import rtpmesh.control.call.Monologue;
import rtpmesh.control.sdp.MediaDescription;
import rtpmesh.control.sdp.Sdp;
import rtpmesh.control.sdp.SdpException;
import rtpmesh.control.sdp.SdpLine;
import rtpmesh.control.sdp.StaticPayloadTypes;

/**
 * A call as the console shows it: one line in the call list ({@link #summary}) and the per-stream
 * details ({@link #details}): endpoints, codecs, crypto and what each party sent. Loss and jitter
 * are not measured by the media plane yet, so they are null (the page shows "n/a"); no MOS.
 */
final class CallView {
  private CallView() {}

  static JsonObject summary(Call c, String nodeId, JsonObject mediaStats) {
    long[] sum = totals(mediaStats);
    JsonArray tags = new JsonArray();
    for (Monologue m : c.monologues()) tags.add(m.label());
    JsonArray remotes = new JsonArray();
    for (MediaLeg l : c.legs()) if (l.remote != null) remotes.add(l.remote.address() + ":" + l.remote.port());
    return new JsonObject().put("callId", c.callId).put("node", nodeId).put("created", c.createdMs)
        .put("tags", tags).put("remotes", remotes).put("streams", c.legs().size())
        .put("packets", sum[0]).put("bytes", sum[1]).put("errors", sum[2])
        .put("deleting", c.deleteAt > 0).put("reanchored", c.reanchored);
  }

  /** True when {@code q} (lower case) is part of the call-id, a tag or a party's address. */
  static boolean matches(Call c, String q) {
    if (q == null || q.isEmpty() || c.callId.toLowerCase(Locale.ROOT).contains(q)) return true;
    for (Monologue m : c.monologues()) if (m.tag.toLowerCase(Locale.ROOT).contains(q)) return true;
    for (MediaLeg l : c.legs()) if (l.remote != null && l.remote.address().contains(q)) return true;
    return false;
  }

  static JsonObject details(Call c, String nodeId, JsonObject mediaStats) {
    JsonObject legs = mediaStats == null ? new JsonObject() : mediaStats.getJsonObject("legs", new JsonObject());
    JsonArray parties = new JsonArray();
    for (Monologue m : c.monologues()) {
      JsonArray medias = new JsonArray();
      for (MediaLeg l : m.medias) medias.add(media(m, l, legs.getJsonObject(Integer.toString(l.port), new JsonObject())));
      parties.add(new JsonObject().put("tag", m.label()).put("medias", medias));
    }
    return summary(c, nodeId, mediaStats).put("parties", parties);
  }

  private static JsonObject media(Monologue m, MediaLeg l, JsonObject stats) {
    JsonObject rtp = stats.getJsonObject("rtp", new JsonObject());
    JsonObject rtcp = stats.getJsonObject("rtcp", new JsonObject());
    return new JsonObject()
        .put("index", l.index).put("type", l.type).put("protocol", l.proto)
        .put("interface", l.iface)
        .put("local", l.localAddress == null ? null : l.localAddress + ":" + l.port)
        .put("sdpRemote", l.remote == null ? null : l.remote.address() + ":" + l.remote.port())
        .put("learned", rtp.getString("endpoint"))
        .put("codecs", codecs(m, l.index))
        .put("crypto", crypto(l))
        .put("ice", l.ice ? stats.getString("ice", "on") : null)
        .put("rtcpMux", l.mux)
        .put("packets", rtp.getLong("packets", 0L)).put("bytes", rtp.getLong("bytes", 0L))
        .put("errors", rtp.getLong("errors", 0L) + rtcp.getLong("errors", 0L))
        .put("rtcpPackets", rtcp.getLong("packets", 0L))
        .put("lastPacket", rtp.getLong("last", 0L))
        .put("ssrc", rtp.getLong("ssrc"))
        .putNull("loss").putNull("jitter");
  }

  private static String crypto(MediaLeg l) {
    if (l.dtlsSetup != null) return "DTLS-SRTP" + (l.dtlsSuite != null ? " " + l.dtlsSuite : " (handshake pending)");
    if (l.srtpSuite != null) return "SDES " + l.srtpSuite;
    return null;
  }

  /**
   * The codecs of this party's media: those of the answer, which is the SDP the offerer last got
   * from us (the offerer of a callee is the party it sends to); before the answer, the offer's.
   * rtpmesh does not transcode, so both sides use the same list.
   */
  private static JsonArray codecs(Monologue m, int index) {
    String sdp = m.lastSdpOut;
    if (m.iceControlling) {
      for (Monologue offerer : m.subscribers) {
        if (offerer.lastSdpOut != null) {
          sdp = offerer.lastSdpOut;
          break;
        }
      }
    }
    JsonArray out = new JsonArray();
    if (sdp == null) return out;
    try {
      Sdp parsed = Sdp.parse(sdp);
      if (index < 1 || index > parsed.media.size()) return out;
      MediaDescription md = parsed.media.get(index - 1);
      for (String pt : md.formats) {
        String name = StaticPayloadTypes.rtpmap(pt);
        for (SdpLine a : md.attrs("rtpmap")) {
          String v = a.attrValue();
          int sp = v.indexOf(' ');
          if (sp > 0 && v.substring(0, sp).equals(pt)) name = v.substring(sp + 1).trim();
        }
        out.add(name == null ? pt : name);
      }
    } catch (SdpException | RuntimeException e) {
      // an SDP we already accepted once; if it does not parse now, show no codecs rather than fail
    }
    return out;
  }

  private static long[] totals(JsonObject mediaStats) {
    long[] sum = new long[3];
    if (mediaStats == null) return sum;
    JsonObject legs = mediaStats.getJsonObject("legs", new JsonObject());
    for (String port : legs.fieldNames()) {
      for (String kind : new String[] {"rtp", "rtcp"}) {
        JsonObject s = legs.getJsonObject(port).getJsonObject(kind, new JsonObject());
        sum[0] += s.getLong("packets", 0L);
        sum[1] += s.getLong("bytes", 0L);
        sum[2] += s.getLong("errors", 0L);
      }
    }
    return sum;
  }
}
