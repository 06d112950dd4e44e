package rtpmesh.control.ng;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Decodes an ng payload (the dictionary after the cookie) and encodes replies in the same
 * encoding: bencode, or JSON when the request was a JSON object.
 */
public final class NgWire {
  private NgWire() {}

  public static NgMessage decode(byte[] payload) {
    int i = 0;
    while (i < payload.length && (payload[i] == ' ' || payload[i] == '\r' || payload[i] == '\n' || payload[i] == '\t')) i++;
    if (i >= payload.length) throw new NgException(NgException.NO_PAYLOAD);
    if (payload[i] == '{') return decodeJson(payload);
    Object v;
    try {
      v = Bencode.decode(i == 0 ? payload : java.util.Arrays.copyOfRange(payload, i, payload.length));
    } catch (Bencode.DecodeException e) {
      throw new NgException(e.truncated ? NgException.BAD_BENCODE : NgException.INVALID_FORMAT);
    }
    if (!(v instanceof Map<?, ?>)) throw new NgException(NgException.INVALID_FORMAT);
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) v;
    return new NgMessage(m, false);
  }

  private static NgMessage decodeJson(byte[] payload) {
    try {
      JsonObject o = new JsonObject(new String(payload, StandardCharsets.UTF_8));
      return new NgMessage(o.getMap(), true);
    } catch (RuntimeException e) {
      throw new NgException(NgException.INVALID_FORMAT);
    }
  }

  public static byte[] encode(Map<String, Object> reply, boolean json) {
    if (json) return Json.encode(reply).getBytes(StandardCharsets.UTF_8);
    return Bencode.encode(reply);
  }

  public static byte[] error(String reason, boolean json) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("result", "error");
    m.put("error-reason", reason);
    return encode(m, json);
  }
}
