package rtpmesh.control.call;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The forwarding configuration of a call's legs, as {@link rtpmesh.media.MediaApi} takes it. */
final class LegConfig {
  private LegConfig() {}

  /** Our DTLS role towards a leg's party (RFC 5763 §5), or null when there is no DTLS with it. */
  static String dtlsRole(MediaLeg l) {
    if (l.dtlsSetup == null || l.remoteFingerprint == null || l.remoteSetup == null) return null;
    return switch (l.dtlsSetup) {
      case "active" -> "client";
      case "passive" -> "server";
      default -> "active".equalsIgnoreCase(l.remoteSetup) ? "server" : "client";
    };
  }

  private static boolean isTransport(Monologue m, MediaLeg l) {
    for (MediaLeg o : m.medias) if (o.bundleWith == l.index) return true;
    return false;
  }

  /** The subscriber legs that copy what {@code publisher}'s party sends (media forks). */
  private static JsonArray forks(Call call, MediaLeg publisher) {
    JsonArray out = new JsonArray();
    for (Monologue s : call.monologues()) {
      if (!s.subscriber) continue;
      for (MediaLeg l : s.medias) if (l.copyOf == publisher && l.port != 0) out.add(l.port);
    }
    return out;
  }

  static JsonArray of(Call call) {
    return of(call, false);
  }

  /**
   * The legs' config; on a takeover, a leg whose DTLS handshake already gave keys gets those keys
   * as plain SRTP keys, so the call goes on without a new handshake (rtpengine loses such calls).
   */
  static JsonArray of(Call call, boolean takeover) {
    JsonArray legs = new JsonArray();
    for (Monologue m : call.monologues()) for (MediaLeg l : m.medias) {
      // A bundled section is configured as part of its transport's leg.
      if (l.port == 0 || l.bundleWith != 0) continue;
      JsonObject j = new JsonObject()
          .put("port", l.port)
          .put("peer", l.peer == null || l.peer.rejected ? 0 : l.peer.port)
          .put("mux", l.mux)
          .put("send", !l.rejected)
          .put("recv", !l.rejected)
          .put("strict", l.strict)
          .put("latch", l.latch);
      if (l.srtpSuite != null && l.srtpSendKey != null && l.srtpRecvKey != null) {
        j.put("srtp", new JsonObject().put("suite", l.srtpSuite).put("sendKey", l.srtpSendKey).put("recvKey", l.srtpRecvKey));
      }
      if (l.ice && l.iceUfrag != null && l.remoteIceUfrag != null) {
        j.put("ice", new JsonObject().put("ufrag", l.iceUfrag).put("pwd", l.icePwd)
            .put("remoteUfrag", l.remoteIceUfrag).put("remotePwd", l.remoteIcePwd)
            .put("controlling", l.iceControlling).put("remoteLite", l.remoteIceLite));
      }
      String role = dtlsRole(l);
      if (takeover && l.dtlsSendKey != null) {
        j.put("srtp", new JsonObject().put("suite", l.dtlsSuite).put("sendKey", l.dtlsSendKey).put("recvKey", l.dtlsRecvKey));
      }
      if (takeover && j.containsKey("srtp")) {
        // The streams go on where the dead node left them (rollover counters from the record).
        j.getJsonObject("srtp").put("sendRoc", new JsonObject(new java.util.LinkedHashMap<String, Object>(l.rocSend)))
            .put("recvRoc", new JsonObject(new java.util.LinkedHashMap<String, Object>(l.rocRecv)));
      }
      if (takeover && l.dtlsSendKey != null) {
        // keys from the record: no new handshake
      } else if (role != null) {
        j.put("dtls", new JsonObject().put("role", role).put("remoteFingerprint", l.remoteFingerprint));
      }
      if (l.transcode != null && (l.conference || l.peer != null && l.peer.transcode != null)) {
        j.put("codec", l.transcode.toJson().put("detectDtmf", l.dtmfDetect).put("blockDtmf", l.dtmfBlock));
      }
      if (l.remote != null && !l.zeroAddress) {
        j.put("remote", l.remote.address()).put("remotePort", l.remote.port()).put("remoteRtcpPort", l.remoteRtcpPort);
      } else if (takeover && l.dtlsSendKey != null && l.dtlsParty != null) {
        // A browser's SDP has no address (c=0.0.0.0); ICE had validated this one on the dead node.
        j.put("remote", l.dtlsParty.address()).put("remotePort", l.dtlsParty.port());
      }
      if (isTransport(m, l)) j.put("bundle", Bundle.config(m, l)).put("mux", true);
      JsonArray forks = forks(call, l);
      if (!forks.isEmpty()) j.put("forks", forks);
      if (m.subscriber) j.put("recv", !l.rejected && !m.inactive);
      legs.add(j);
    }
    return legs;
  }
}
