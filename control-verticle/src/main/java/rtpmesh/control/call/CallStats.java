package rtpmesh.control.call;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics dictionary that {@code query} and {@code delete} answer with, in rtpengine's shape:
 * per tag, per media, an RTP and an RTCP stream with local port, endpoints, flags and counters.
 */
final class CallStats {
  private CallStats() {}

  static Map<String, Object> of(Call call, JsonObject mediaStats) {
    JsonObject legs = mediaStats == null ? new JsonObject() : mediaStats.getJsonObject("legs", new JsonObject());
    long[] rtp = new long[3];
    long[] rtcp = new long[3];
    Map<String, Object> tags = new LinkedHashMap<>();
    for (Monologue m : call.monologues()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("tag", m.tag);
      t.put("created", m.createdMs / 1000);
      List<Object> subscriptions = refs(m.subscriptions, "offer/answer");
      subscriptions.addAll(refs(publishersOf(call, m), "pub/sub"));
      List<Object> subscribers = refs(m.subscribers, "offer/answer");
      subscribers.addAll(refs(subscribersOf(call, m), "pub/sub"));
      t.put("subscriptions", subscriptions);
      t.put("subscribers", subscribers);
      List<Object> medias = new ArrayList<>();
      for (MediaLeg leg : m.medias) medias.add(media(m, leg, legs, rtp, rtcp, call.createdMs));
      t.put("medias", medias);
      tags.put(m.label(), t);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("created", call.createdMs / 1000);
    out.put("created_us", (call.createdMs % 1000) * 1000);
    out.put("last signal", call.lastSignalMs / 1000);
    out.put("SSRC", new LinkedHashMap<>());
    out.put("tags", tags);
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("RTP", counters(rtp));
    totals.put("RTCP", counters(rtcp));
    out.put("totals", totals);
    if (call.reanchored) out.put("warning", "call was re-anchored on new ports after its node failed; re-INVITE both sides");
    out.put("result", "ok");
    return out;
  }

  /** The parties whose media a subscriber copies (rtpengine's pub/sub subscriptions). */
  private static List<Monologue> publishersOf(Call call, Monologue m) {
    List<Monologue> out = new ArrayList<>();
    for (MediaLeg l : m.medias) {
      Monologue p = l.copyOf == null ? null : call.ownerOf(l.copyOf);
      if (p != null && !out.contains(p)) out.add(p);
    }
    return out;
  }

  /** The subscribers that copy a party's media. */
  private static List<Monologue> subscribersOf(Call call, Monologue m) {
    List<Monologue> out = new ArrayList<>();
    for (Monologue s : call.monologues()) {
      if (!s.subscriber) continue;
      for (MediaLeg l : s.medias) if (l.copyOf != null && m.medias.contains(l.copyOf) && !out.contains(s)) out.add(s);
    }
    return out;
  }

  private static List<Object> refs(List<Monologue> list, String type) {
    List<Object> out = new ArrayList<>();
    for (Monologue s : list) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("tag", s.tag);
      r.put("type", type);
      out.add(r);
    }
    return out;
  }

  private static Map<String, Object> media(Monologue m, MediaLeg leg, JsonObject legs, long[] rtp, long[] rtcp, long created) {
    Map<String, Object> md = new LinkedHashMap<>();
    md.put("index", leg.index);
    md.put("type", leg.type);
    md.put("protocol", leg.proto);
    JsonObject s = legs.getJsonObject(Integer.toString(leg.port), new JsonObject());
    List<Object> streams = new ArrayList<>();
    Endpoint sdp = leg.remote != null ? leg.remote : leg.advertisedRemote;
    if (leg.mux && leg.ice) {
      // Muxed under ICE, as rtpengine shows it: one socket for both, the RTCP stream a fallback.
      streams.add(stream(leg, leg.port, sdp, sdp == null ? null : sdp.port(), s.getJsonObject("rtp"), List.of("RTP", "RTCP"), rtp, created));
      streams.add(stream(leg, 0, sdp, sdp == null ? null : sdp.port(), s.getJsonObject("rtcp"), List.of("RTCP", "fallback RTCP"), rtcp, created));
    } else {
      streams.add(stream(leg, leg.port, sdp, sdp == null ? null : sdp.port(), s.getJsonObject("rtp"), List.of("RTP"), rtp, created));
      Integer rtcpPort = leg.remote != null ? Integer.valueOf(leg.remoteRtcpPort) : sdp == null ? null : Integer.valueOf(sdp.port() + 1);
      streams.add(stream(leg, leg.port + 1, sdp, rtcpPort, s.getJsonObject("rtcp"), List.of("RTCP"), rtcp, created));
    }
    md.put("streams", streams);
    List<Object> flags = new ArrayList<>();
    if (m.initialized) flags.add("initialized");
    flags.add("send");
    flags.add("recv");
    if (leg.mux) flags.add("rtcp-mux");
    String role = LegConfig.dtlsRole(leg);
    if (role != null) {
      flags.add("DTLS-SRTP");
      flags.add("DTLS role " + (role.equals("client") ? "active" : "passive"));
    }
    if (leg.ice) flags.add("ICE");
    if (leg.ice && leg.remoteIceTrickle) flags.add("trickle ICE");
    if (m.iceControlling) flags.add("ICE controlling");
    md.put("flags", flags);
    return md;
  }

  private static Map<String, Object> stream(MediaLeg leg, int localPort, Endpoint sdp, Integer remotePort, JsonObject s,
      List<String> kinds, long[] sum, long created) {
    Map<String, Object> st = new LinkedHashMap<>();
    st.put("local port", localPort);
    st.put("local address", leg.localAddress);
    st.put("family", leg.localAddress != null && leg.localAddress.indexOf(':') >= 0 ? "IPv6" : "IPv4");
    Map<String, Object> advertised = endpoint(sdp == null ? null : sdp.address(), remotePort);
    String learned = s == null ? null : s.getString("endpoint");
    st.put("endpoint", learned != null ? parse(learned) : advertised);
    st.put("advertised endpoint", advertised);
    long last = s == null ? 0 : s.getLong("last", 0L);
    st.put("last packet", (last > 0 ? last : created) / 1000);
    List<Object> flags = new ArrayList<>(kinds);
    if (!advertised.isEmpty() || learned != null) flags.add("filled");
    if (leg.ice) flags.add("ICE");
    st.put("flags", flags);
    long packets = s == null ? 0 : s.getLong("packets", 0L);
    long bytes = s == null ? 0 : s.getLong("bytes", 0L);
    long errors = s == null ? 0 : s.getLong("errors", 0L);
    sum[0] += packets;
    sum[1] += bytes;
    sum[2] += errors;
    st.put("stats", counters(new long[] {packets, bytes, errors}));
    return st;
  }

  private static Map<String, Object> endpoint(String address, Integer port) {
    Map<String, Object> e = new LinkedHashMap<>();
    if (address == null || port == null) return e;
    e.put("family", address.indexOf(':') >= 0 ? "IPv6" : "IPv4");
    e.put("address", address);
    e.put("port", port);
    return e;
  }

  private static Map<String, Object> parse(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[")) host = host.substring(1, host.length() - 1);
    return endpoint(host, Integer.parseInt(hostPort.substring(colon + 1)));
  }

  private static Map<String, Object> counters(long[] c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("packets", c[0]);
    m.put("bytes", c[1]);
    m.put("errors", c[2]);
    return m;
  }
}
