package rtpmesh.control.call;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The forwarding configuration of a call's legs, as {@link rtpmesh.media.MediaApi} takes it. */
final class LegConfig {
  private LegConfig() {}

  static JsonArray of(Call call) {
    JsonArray legs = new JsonArray();
    for (MediaLeg l : call.legs()) {
      if (l.port == 0) continue;
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
      if (l.remote != null && !l.zeroAddress) {
        j.put("remote", l.remote.address()).put("remotePort", l.remote.port()).put("remoteRtcpPort", l.remoteRtcpPort);
      }
      legs.add(j);
    }
    return legs;
  }
}
