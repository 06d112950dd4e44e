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
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) recode(o.getMap(), StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1);
      return new NgMessage(m, true);
    } catch (RuntimeException e) {
      throw new NgException(NgException.INVALID_FORMAT);
    }
  }

  public static byte[] encode(Map<String, Object> reply, boolean json) {
    if (json) return Json.encode(recode(reply, StandardCharsets.ISO_8859_1, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    return Bencode.encode(reply);
  }

  /**
   * Inside rtpmesh every ng string is a byte string, one char per byte, as {@link Bencode} decodes
   * it. JSON strings are text, so they are mapped to their UTF-8 bytes on the way in and back on
   * the way out: a call-id or SDP then means the same whichever encoding carried it (found by
   * NgFuzzTest: a call created over JSON with a non-Latin-1 call-id was listed over bencode as
   * '?' and could not be deleted by that name).
   */
  static Object recode(Object v, java.nio.charset.Charset from, java.nio.charset.Charset to) {
    if (v instanceof String s) {
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) >= 0x80) return new String(s.getBytes(from), to);
      }
      return s;
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      map.forEach((k, x) -> out.put((String) recode(String.valueOf(k), from, to), recode(x, from, to)));
      return out;
    }
    if (v instanceof java.util.List<?> list) {
      java.util.List<Object> out = new java.util.ArrayList<>(list.size());
      for (Object x : list) out.add(recode(x, from, to));
      return out;
    }
    if (v instanceof JsonObject o) return recode(o.getMap(), from, to);
    if (v instanceof io.vertx.core.json.JsonArray a) return recode(a.getList(), from, to);
    return v;
  }

  public static byte[] error(String reason, boolean json) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("result", "error");
    m.put("error-reason", reason);
    return encode(m, json);
  }
}
