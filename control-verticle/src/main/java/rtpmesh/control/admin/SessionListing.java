package rtpmesh.control.admin;

import static rtpmesh.control.admin.CliCommands.MORE;
import static rtpmesh.control.admin.CliCommands.done;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import rtpmesh.control.call.Call;
import rtpmesh.control.call.CallService;
import rtpmesh.control.call.MediaClient;
import rtpmesh.control.call.MediaLeg;
import rtpmesh.control.call.Monologue;

/**
 * The CLI's views of calls, in the formats of rtpengine's {@code cli.c}: {@code list numsessions},
 * {@code list sessions all|own|foreign|recording} (one line per call) and {@code list sessions
 * <call-id>} (one call: tags, subscriptions, media, ports and what each party sent).
 *
 * <p>Every call here is "own": another node's calls live in the cluster registry, not on this
 * node, so "foreign" is always empty, as on an rtpengine without redis. Neither is anything
 * recorded. Runs on the control verticle's event loop.
 */
final class SessionListing {
  private final CallService calls;
  private final MediaClient media;

  SessionListing(CallService calls, MediaClient media) {
    this.calls = calls;
    this.media = media;
  }

  String numSessions() {
    List<Call> all = calls.snapshot();
    int[] families = new int[3]; // IPv4 only, IPv6 only, mixed
    for (Call c : all) {
      boolean v4 = false;
      boolean v6 = false;
      for (MediaLeg l : c.legs()) {
        if (l.localAddress == null) continue;
        if (l.localAddress.indexOf(':') >= 0) v6 = true;
        else v4 = true;
      }
      if (v4 && v6) families[2]++;
      else if (v6) families[1]++;
      else if (v4) families[0]++;
    }
    return "Current sessions own: " + all.size() + "\n"
        + "Current sessions foreign: 0\n"
        + "Current sessions total: " + all.size() + "\n"
        + "Current transcoded media: 0\n"
        + "Current sessions ipv4 only media: " + families[0] + "\n"
        + "Current sessions ipv6 only media: " + families[1] + "\n"
        + "Current sessions ip mixed  media: " + families[2] + "\n";
  }

  /** {@code list sessions all|own|foreign|recording}, or one call by its call-id. */
  Future<String> sessions(String which) {
    if (which.isEmpty()) return done(MORE);
    boolean listed = switch (which) {
      case "all", "own", "foreign", "recording" -> true;
      default -> false;
    };
    if (!listed) return session(which);
    StringBuilder sb = new StringBuilder();
    if (which.equals("all") || which.equals("own")) {
      List<Call> all = calls.snapshot();
      all.sort(Comparator.comparingLong((Call c) -> c.createdMs).thenComparing(c -> c.callId));
      for (Call c : all) {
        sb.append(String.format(Locale.ROOT, "ID: %60s | del:%s | creat:%12d | prx:%s | redis:%2d | frgn:%s | rec:%s\n",
            c.callId, c.deleteAt > 0 ? "y" : "n", c.createdMs / 1000, "", -1, "n", "n"));
      }
    }
    if (sb.isEmpty()) {
      return done(which.equals("all") ? "No sessions on this media relay.\n" : "No " + which + " sessions on this media relay.\n");
    }
    return done(sb.toString());
  }

  /** One call in detail ({@code list sessions <call-id>}). */
  Future<String> session(String callId) {
    if (callId.isEmpty()) return done(MORE);
    Call c = calls.get(callId);
    if (c == null) return done("\nCall ID not found (" + callId + ").\n\n");
    return media.stats(c.block, c.callId)
        .otherwise(err -> new JsonObject())
        .map(stats -> describe(c, stats.getJsonObject("legs", new JsonObject())));
  }

  private static String describe(Call c, JsonObject legs) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "\ncallid: %s\ndeletionmark: %s\ncreated: %d\nproxy: %s\ntos: %d\n"
            + "last_signal: %d\nredis_keyspace: %d\nlast redis update: %d\nforeign: %s\nrecording: %s\n\n",
        c.callId, c.deleteAt > 0 ? "yes" : "no", c.createdMs / 1000, "", 0, c.lastSignalMs / 1000, -1, 0, "no", "no"));
    long now = System.currentTimeMillis();
    for (Monologue m : c.monologues()) describe(sb, m, legs, now);
    return sb.append('\n').toString();
  }

  private static void describe(StringBuilder sb, Monologue m, JsonObject legs, long now) {
    long ms = Math.max(0, now - m.createdMs);
    // the side an offer created (the callee) is rtpengine's TO_TAG, the offerer its FROM_TAG
    sb.append(String.format(Locale.ROOT, "--- Tag '%s', type: %s, label '', branch '%s', callduration %d.%06d\n",
        m.tag, m.iceControlling ? "TO_TAG" : "FROM_TAG", m.viaBranch == null ? "" : m.viaBranch, ms / 1000, (ms % 1000) * 1000));
    for (MediaLeg leg : m.medias) {
      for (Monologue s : m.subscriptions) {
        if (s.existingMedia(leg.index) != null) {
          sb.append("---     subscribed to media with monologue tag '").append(s.tag).append("' (index: ").append(leg.index).append(")\n");
        }
      }
      for (Monologue s : m.subscribers) {
        if (s.existingMedia(leg.index) != null) {
          sb.append("---     subscription of media with monologue tag '").append(s.tag).append("' (index: ").append(leg.index).append(")\n");
        }
      }
    }
    for (MediaLeg leg : m.medias) {
      // rtpmesh keeps no codec per media; rtpengine's own words when it knows none
      sb.append(String.format(Locale.ROOT, "------ Media #%d (%s over %s) using unknown codec\n",
          leg.index, leg.type, leg.proto == null ? "(unknown)" : leg.proto));
      JsonObject s = legs.getJsonObject(Integer.toString(leg.port), new JsonObject());
      String remote = leg.remote == null ? "" : leg.remote.address();
      stream(sb, leg.localAddress, leg.port, s.getJsonObject("rtp"), remote, leg.remote == null ? 0 : leg.remote.port(), "");
      if (!leg.mux && leg.isRtp()) {
        int rtcpPort = leg.remote == null ? 0 : leg.remoteRtcpPort != 0 ? leg.remoteRtcpPort : leg.remote.port() + 1;
        stream(sb, leg.localAddress, leg.port + 1, s.getJsonObject("rtcp"), remote, rtcpPort, " (RTCP)");
      }
    }
  }

  /** One stream: where the party sends to and from, and what it sent (the learned source if any). */
  private static void stream(StringBuilder sb, String local, int port, JsonObject s, String remote, int remotePort, String kind) {
    if (s == null) s = new JsonObject();
    String learned = s.getString("endpoint");
    if (learned != null) {
      int colon = learned.lastIndexOf(':');
      remote = learned.substring(0, colon).replace("[", "").replace("]", "");
      remotePort = Integer.parseInt(learned.substring(colon + 1));
    }
    sb.append(String.format(Locale.ROOT, "-------- Port %15s:%-5d <> %15s:%-5d%s, SSRC %x, %d p, %d b, %d e, %d uts %d kts\n",
        local == null ? "" : local, port, remote, remotePort, kind, s.getLong("ssrc", 0L),
        s.getLong("packets", 0L), s.getLong("bytes", 0L), s.getLong("errors", 0L), s.getLong("last", 0L) / 1000, 0));
  }
}
