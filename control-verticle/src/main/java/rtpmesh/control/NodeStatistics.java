package rtpmesh.control;

import java.util.LinkedHashMap;
import java.util.Map;
import rtpmesh.control.call.CallService;
import rtpmesh.control.call.NodeCounters;
import rtpmesh.recording.RecordingCounters;
import rtpmesh.recording.RecordingVerticle;

/** The {@code statistics} reply, with rtpengine's sections and key names. */
final class NodeStatistics {
  private NodeStatistics() {}

  /** As {@link #of(CallService)}, plus a {@code recording} section when the node runs a recorder. */
  static Map<String, Object> of(CallService calls, String nodeId) {
    Map<String, Object> reply = of(calls);
    RecordingCounters r = RecordingVerticle.counters(nodeId);
    if (r != null) {
      Map<String, Object> rec = new LinkedHashMap<>();
      rec.put("active", r.active());
      rec.put("started", r.started());
      rec.put("packets", r.packets());
      rec.put("bytes", r.bytes());
      rec.put("dropped", r.dropped());
      rec.put("writeerrors", r.writeErrors());
      rec.put("files", r.files());
      rec.put("forwarding", r.forwarding());
      rec.put("forwardedchunks", r.forwarded());
      rec.put("forwarddropped", r.forwardDropped());
      @SuppressWarnings("unchecked")
      Map<String, Object> stats = (Map<String, Object>) reply.get("statistics");
      stats.put("recording", rec);
    }
    return reply;
  }

  static Map<String, Object> of(CallService calls) {
    NodeCounters c = calls.counters();
    Map<String, Object> current = new LinkedHashMap<>();
    current.put("sessionsown", calls.size());
    current.put("sessionsforeign", 0);
    current.put("sessionstotal", calls.size());
    current.put("transcodedmedia", 0);
    for (String k : new String[] {"packetrate_user", "byterate_user", "errorrate_user", "packetrate_kernel",
        "byterate_kernel", "errorrate_kernel", "packetrate", "byterate", "errorrate", "media_userspace",
        "media_kernel", "media_mixed"}) {
      current.put(k, 0);
    }
    Map<String, Object> total = new LinkedHashMap<>();
    total.put("uptime", Long.toString((System.currentTimeMillis() - c.startedMs) / 1000));
    total.put("managedsessions", c.managed);
    total.put("rejectedsessions", c.rejected);
    total.put("timeoutsessions", c.timeout);
    total.put("silenttimeoutsessions", c.silentTimeout);
    total.put("finaltimeoutsessions", 0);
    total.put("offertimeoutsessions", 0);
    total.put("regularterminatedsessions", c.regular);
    total.put("forcedterminatedsessions", c.forced);
    for (String k : new String[] {"relayedpackets_user", "relayedpacketerrors_user", "relayedbytes_user",
        "relayedpackets_kernel", "relayedpacketerrors_kernel", "relayedbytes_kernel", "relayedpackets",
        "relayedpacketerrors", "relayedbytes", "zerowaystreams", "onewaystreams"}) {
      total.put(k, 0);
    }
    long ended = Math.max(1, c.regular);
    total.put("avgcallduration", String.format("%.6f", c.totalDurationMs / 1000.0 / ended));
    total.put("totalcallsduration", String.format("%.6f", c.totalDurationMs / 1000.0));
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("currentstatistics", current);
    stats.put("totalstatistics", total);
    stats.put("intervalstatistics", new LinkedHashMap<>());
    stats.put("mos", new LinkedHashMap<>());
    stats.put("controlstatistics", new LinkedHashMap<>());
    stats.put("interfaces", new java.util.ArrayList<>());
    stats.put("transcoders", new java.util.ArrayList<>());
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("statistics", stats);
    reply.put("result", "ok");
    return reply;
  }
}
