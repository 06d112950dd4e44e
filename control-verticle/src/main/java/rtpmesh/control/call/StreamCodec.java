package rtpmesh.control.call;

import io.vertx.core.json.JsonObject;

/**
 * What one party speaks on a transcoded stream: its codec, its telephone-event and CN payload types
 * (-1 = none) and the packet time it gets. The media plane decodes what the party sends with it and
 * encodes what the party receives with it (see {@code MediaApi} {@code codec}).
 */
record StreamCodec(SdpCodec codec, int dtmfPt, int cnPt, int ptime) {

  JsonObject toJson() {
    JsonObject j = new JsonObject()
        .put("pt", Integer.parseInt(codec.pt()))
        .put("name", codec.name())
        .put("rate", codec.rate())
        .put("channels", codec.channels())
        .put("ptime", ptime)
        .put("dtmfPt", dtmfPt)
        .put("cnPt", cnPt);
    if (codec.fmtp() != null) j.put("fmtp", codec.fmtp());
    return j;
  }
}
