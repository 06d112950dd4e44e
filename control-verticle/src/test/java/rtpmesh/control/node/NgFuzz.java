package rtpmesh.control.node;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import rtpmesh.control.ng.Bencode;

/**
 * Hand-rolled, structure-aware generators and mutators for ng input, seeded so that a failure is
 * replayed by its seed ({@code -Dfuzz.seed=N}); {@code -Dfuzz.iterations=N} runs longer. Values
 * come from rtpengine's ng keys and the kit's recorded requests and SDPs
 * ({@code fuzz/ngdiff-corpus.json}), then get wrong types, huge sizes, deep nesting and byte-level
 * damage.
 */
final class NgFuzz {
  /** The seed of this run: {@code -Dfuzz.seed}, else a fresh one (printed with any failure). */
  static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());

  /** Cases per input kind: {@code -Dfuzz.iterations}, else {@code dflt} (a few seconds in mvn verify). */
  static int iterations(int dflt) {
    return Integer.getInteger("fuzz.iterations", dflt);
  }

  static final List<String> COMMANDS = List.of("ping", "offer", "answer", "delete", "query", "list", "statistics",
      "reanchor", "join room", "leave room", "publish", "subscribe request", "subscribe answer", "unsubscribe",
      "block media", "play media", "start recording", "OFFER", "Delete", "",
      "connect", "create", "bypass media", "anchor media");

  /** Keys rtpengine's ng protocol defines (docs/ng_control_protocol.md), plus the spaced spellings Kamailio sends. */
  static final List<String> KEYS = List.of("command", "call-id", "from-tag", "to-tag", "via-branch", "sdp", "flags",
      "replace", "direction", "received-from", "received from", "ICE", "ICE-lite", "DTLS", "DTLS-reverse",
      "DTLS-fingerprint", "SDES", "rtcp-mux", "transport-protocol", "transport protocol", "media-address",
      "media address", "address-family", "T.38", "codec", "ptime", "ptime-reverse", "supports", "sdp-attr",
      "delete-delay", "delete delay", "record-call", "metadata", "label", "set-label", "from-label", "to-label",
      "all", "interface", "xmlrpc-callback", "TOS", "frequency", "volume", "duration", "DTMF-security",
      "output-destination", "file", "blob", "db-id", "repeat-times", "start-pos", "trigger", "trigger-end", "code",
      "digit", "SDES-options", "media-echo", "OSRTP", "endpoint-learning", "passthrough", "drop-traffic",
      "template", "from-tags", "to-tags", "limit", "instance", "node-id", "standby", "sip-code", "DTMF-log-dest",
      "recording-file", "recording-path", "recording-pattern", "xmlrpc-callback", "media-echo", "moh", "mode", "to-call-id", "codecs");

  static final List<String> WORDS = List.of("park", "bypass", "trust-address", "SIP-source-address", "replace-origin",
      "replace-session-connection", "strict-source", "port-latching", "asymmetric", "symmetric", "unidirectional",
      "ICE=remove", "ICE=force", "rtcp-mux-demux", "rtcp-mux-offer", "rtcp-mux-require", "rtcp-mux-accept",
      "codec-strip-PCMA", "codec-strip-all", "codec-mask-PCMU", "codec-offer-G722", "codec-except-opus",
      "codec-transcode-PCMA", "loop-protect", "always-transcode", "single-codec", "record-call", "fatal", "to-tag",
      "all", "load limit", "origin", "session-connection", "force", "remove", "accept", "offer", "demux",
      "RTP/AVP", "RTP/SAVP", "RTP/SAVPF", "UDP/TLS/RTP/SAVPF", "RTP/AVPF", "internal", "external", "priv", "pub",
      "IP4", "IP6", "127.0.0.1", "::1", "203.0.113.7", "0.0.0.0", "999.1.2.3", "off", "on", "passive", "active",
      "no", "yes", "AES_CM_128_HMAC_SHA1_80", "no-AES_CM_128_HMAC_SHA1_32", "sdes-only-AEAD_AES_256_GCM",
      "media-handover", "conference", "reset", "generate-mid", "inactive", "sendonly", "recvonly", "sendrecv", "siprec", "");

  /** The kit's SDPs and request templates ({@code ${call-id}}, {@code ${from-tag}}, {@code ${to-tag}}, {@code ${sdp}}). */
  static final List<String> SDPS = new ArrayList<>();
  static final List<Map<String, Object>> REQUESTS = new ArrayList<>();

  static {
    try (InputStream in = NgFuzz.class.getResourceAsStream("/fuzz/ngdiff-corpus.json")) {
      JsonObject corpus = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      for (Object s : corpus.getJsonArray("sdp")) SDPS.add((String) s);
      for (Object r : corpus.getJsonArray("requests")) REQUESTS.add(((JsonObject) r).getMap());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  final Random rnd;

  NgFuzz(long seed) {
    this.rnd = new Random(seed);
  }

  <T> T pick(List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }

  boolean chance(int percent) {
    return rnd.nextInt(100) < percent;
  }

  /** A value of a random type and size; {@code budget} caps the characters it may take. */
  Object value(int depth, int budget) {
    int kind = rnd.nextInt(depth > 3 ? 10 : 14);
    switch (kind) {
      case 0: return "";
      case 1: return pick(WORDS);
      case 2: return Long.toString(rnd.nextLong());
      case 3: return pick(List.of(0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, (long) Integer.MAX_VALUE, 65536L, -65536L));
      case 4: return bytes(rnd.nextInt(Math.min(budget, 64) + 1));
      case 5: return "x".repeat(rnd.nextInt(Math.max(1, budget)));
      case 6: return mutateSdp(pick(SDPS));
      case 7: return pick(SDPS);
      case 8: return String.join(" ", pick(WORDS), pick(WORDS), pick(WORDS));
      case 9: return Long.toString(rnd.nextInt(70_000) - 2);
      case 10: {
        List<Object> l = new ArrayList<>();
        int n = rnd.nextInt(6);
        for (int i = 0; i < n; i++) l.add(value(depth + 1, budget / (n + 1)));
        return l;
      }
      case 11: {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = rnd.nextInt(6);
        for (int i = 0; i < n; i++) m.put(chance(50) ? pick(KEYS) : pick(WORDS), value(depth + 1, budget / (n + 1)));
        return m;
      }
      case 12: return nested(1 + rnd.nextInt(200));
      default: return List.of(pick(WORDS), pick(WORDS));
    }
  }

  /** Lists nested {@code n} deep with a word at the bottom. */
  Object nested(int n) {
    Object v = pick(WORDS);
    for (int i = 0; i < n; i++) v = List.of(v);
    return v;
  }

  String bytes(int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) c[i] = (char) rnd.nextInt(256);
    return new String(c);
  }

  /** A request: a kit template with fresh ids, or random keys; then some keys get wrong types. */
  Map<String, Object> message(List<String> callIds, List<String> tags, int budget) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (chance(60)) {
      for (Map.Entry<String, Object> e : pick(REQUESTS).entrySet()) m.put(e.getKey(), fill(e.getValue(), callIds, tags));
    } else {
      m.put("command", pick(COMMANDS));
      m.put("call-id", pick(callIds));
      int n = rnd.nextInt(8);
      for (int i = 0; i < n; i++) m.put(pick(KEYS), value(0, budget / (n + 1)));
    }
    int wrong = chance(30) ? 0 : 1 + rnd.nextInt(3);
    for (int i = 0; i < wrong; i++) m.put(chance(70) ? pick(KEYS) : pick(new ArrayList<>(m.keySet().isEmpty() ? KEYS : m.keySet())),
        value(0, budget / 4));
    return m;
  }

  private Object fill(Object v, List<String> callIds, List<String> tags) {
    if (v instanceof String s) {
      return switch (s) {
        case "${call-id}" -> pick(callIds);
        case "${from-tag}", "${to-tag}" -> pick(tags);
        case "${sdp}" -> chance(70) ? pick(SDPS) : mutateSdp(pick(SDPS));
        default -> s;
      };
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, x) -> out.put((String) k, fill(x, callIds, tags)));
      return out;
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object x : list) out.add(fill(x, callIds, tags));
      return out;
    }
    return v instanceof Number n ? (Object) n.longValue() : v;
  }

  static byte[] bencode(Map<String, Object> m) {
    return Bencode.encode(m);
  }

  static byte[] json(Map<String, Object> m) {
    return Json.encode(m).getBytes(StandardCharsets.UTF_8);
  }

  /** Byte-level damage: flips, inserts, deletes, truncation, spliced lengths and nesting. */
  byte[] mutateBytes(byte[] in) {
    byte[] b = in;
    int rounds = 1 + rnd.nextInt(4);
    for (int r = 0; r < rounds; r++) {
      int at = b.length == 0 ? 0 : rnd.nextInt(b.length);
      switch (rnd.nextInt(9)) {
        case 0 -> {
          if (b.length > 0) { b = b.clone(); b[at] ^= (byte) (1 << rnd.nextInt(8)); }
        }
        case 1 -> b = splice(b, at, at, new byte[] {(byte) rnd.nextInt(256)});
        case 2 -> b = splice(b, at, Math.min(b.length, at + 1 + rnd.nextInt(16)), new byte[0]);
        case 3 -> b = java.util.Arrays.copyOf(b, at); // truncated
        case 4 -> b = splice(b, at, at, ascii(pick(List.of("d", "l", "e", "i", ":", "0:", "99999999:", "i-e", "ie",
            "4294967296:", "{", "}", "[", "]", "\"", ",", "null", "1e999", "-0", "\\u0000"))));
        case 5 -> b = splice(b, at, at, ascii("l".repeat(1 + rnd.nextInt(5000))));
        case 6 -> b = splice(b, at, at, ascii("[".repeat(1 + rnd.nextInt(5000))));
        case 7 -> {
          int len = Math.min(b.length - at, 1 + rnd.nextInt(64));
          b = splice(b, at, at, java.util.Arrays.copyOfRange(b, at, at + len)); // duplicated slice
        }
        default -> {
          // a digit run (a bencode length or integer) replaced by a huge or odd number
          int i = at;
          while (i < b.length && !(b[i] >= '0' && b[i] <= '9')) i++;
          int j = i;
          while (j < b.length && b[j] >= '0' && b[j] <= '9') j++;
          if (i < b.length) b = splice(b, i, j, ascii(pick(List.of("0", "1", "2147483647", "2147483648", "99999999999999999999", "-1", "00"))));
        }
      }
    }
    return b;
  }

  /** Line-level damage to an SDP: dropped, duplicated, swapped and garbled lines, odd numbers. */
  String mutateSdp(String sdp) {
    List<String> lines = new ArrayList<>(List.of(sdp.split("\r\n", -1)));
    int rounds = 1 + rnd.nextInt(5);
    for (int r = 0; r < rounds && !lines.isEmpty(); r++) {
      int at = rnd.nextInt(lines.size());
      String line = lines.get(at);
      switch (rnd.nextInt(10)) {
        case 0 -> lines.remove(at);
        case 1 -> lines.add(at, line);
        case 2 -> java.util.Collections.swap(lines, at, rnd.nextInt(lines.size()));
        case 3 -> lines.set(at, line.replaceAll("[0-9]+", pick(List.of("0", "65535", "65536", "-1", "99999999999", "4294967297", ""))));
        case 4 -> lines.set(at, line.substring(0, rnd.nextInt(line.length() + 1)));
        case 5 -> lines.add(at, pick(List.of("m=audio 0 RTP/AVP", "m=audio 1 RTP/AVP 0", "m=video 9 UDP/TLS/RTP/SAVPF 96",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "m= ", "c=IN IP6 ::1", "c=IN IP4 ", "a=rtcp:1",
            "a=rtcp:70000 IN IP4 1.2.3.4", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:x", "a=fingerprint:sha-256 ZZ",
            "a=setup:holdconn", "a=ice-ufrag:", "a=candidate:1 1 udp 1 127.0.0.1 99999 typ host", "a=rtpmap:96",
            "a=rtpmap:abc opus/48000/2", "a=fmtp:", "a=ptime:0", "a=ptime:-20", "a=mid:", "a=group:BUNDLE 0 1 2",
            "a=rtcp-mux", "a=sendonly", "a=inactive", "b=AS:-1", "o=- 1 1 IN IP4", "v=1", "t=x y", "a=" + "z".repeat(300))));
        case 6 -> lines.set(at, line + bytes(1 + rnd.nextInt(8)));
        case 7 -> lines.set(at, line.replace(" ", pick(List.of("\t", "  ", "", "\u0000"))));
        case 8 -> {
          int from = rnd.nextInt(lines.size());
          lines.addAll(lines.subList(from, Math.min(lines.size(), from + 1 + rnd.nextInt(12))).stream().toList());
        }
        default -> lines.set(at, line.toUpperCase());
      }
    }
    String sep = chance(90) ? "\r\n" : "\n";
    return String.join(sep, lines);
  }

  /** A syntactically fine SDP with absurd counts: {@code media} m= lines of {@code attrs} attributes each. */
  static String absurdSdp(int media, int attrs) {
    StringBuilder s = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n");
    for (int m = 0; m < media; m++) {
      s.append("m=audio ").append(20000 + 2 * (m % 20000)).append(" RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\n");
      for (int a = 0; a < attrs; a++) s.append("a=x").append(a).append('\r').append('\n');
    }
    return s.toString();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] splice(byte[] b, int from, int to, byte[] insert) {
    byte[] out = new byte[b.length - (to - from) + insert.length];
    System.arraycopy(b, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(b, to, out, from + insert.length, b.length - to);
    return out;
  }

  /**
   * What is wrong with a reply, or null: it must be a dictionary with {@code result} ok (pong for
   * ping, load limit) or error with a non-empty {@code error-reason}, and no internal error.
   */
  static String problem(byte[] reply, boolean json) {
    if (reply == null) return "no reply";
    Map<?, ?> m;
    try {
      if (json) {
        m = new JsonObject(new String(reply, StandardCharsets.UTF_8)).getMap();
      } else {
        Object v = Bencode.decode(reply);
        if (!(v instanceof Map<?, ?> d)) return "reply is not a dictionary";
        m = d;
      }
    } catch (Exception e) {
      return "reply does not decode: " + e;
    }
    Object result = m.get("result");
    if ("ok".equals(result) || "pong".equals(result) || "load limit".equals(result)) return null;
    if (!"error".equals(result)) return "result is " + result;
    if (!(m.get("error-reason") instanceof String reason) || reason.isEmpty()) return "error without error-reason";
    if (reason.startsWith("Internal error")) return "an exception escaped: " + reason;
    return null;
  }

  /** Printable form of an input for a failure message: escaped, cut at 400 characters. */
  static String show(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(b.length, 400); i++) {
      int c = b[i] & 0xff;
      if (c >= 32 && c < 127 && c != '\\') s.append((char) c);
      else s.append(String.format("\\x%02x", c));
    }
    return b.length > 400 ? s + "... (" + b.length + " bytes)" : s.toString();
  }

  static JsonArray asJson(List<?> l) {
    return new JsonArray(new ArrayList<>(l));
  }
}
