package rtpmesh.control.call;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import rtpmesh.control.ng.NgMessage;
import rtpmesh.control.sdp.MediaDescription;
import rtpmesh.control.sdp.Sdp;
import rtpmesh.control.sdp.SdpLine;

/**
 * rtpengine's {@code sdp-attr} option: {@code {session|audio|video|...: {add: [...], remove: [...],
 * substitute: [[old, new], ...]}}}, applied last to the outgoing SDP. Values are attribute texts
 * without the leading {@code a=}; remove matches the attribute name or the whole text.
 */
final class SdpAttrs {
  private SdpAttrs() {}

  static void apply(Sdp sdp, Map<String, Object> spec) {
    if (spec == null || spec.isEmpty()) return;
    for (Map.Entry<String, Object> e : spec.entrySet()) {
      if (!(e.getValue() instanceof Map<?, ?> ops)) continue;
      String where = e.getKey().toLowerCase(Locale.ROOT);
      if (where.equals("session") || where.equals("global")) {
        edit(sdp.session, ops);
      } else {
        for (MediaDescription m : sdp.media) {
          if (where.equals("media") || m.type.equalsIgnoreCase(where)) edit(m.lines, ops);
        }
      }
    }
  }

  private static void edit(List<SdpLine> lines, Map<?, ?> ops) {
    for (String r : NgMessage.asList(ops.get("remove"))) {
      lines.removeIf(l -> l.isAttr() && (l.value().equals(r) || l.name().equalsIgnoreCase(r)));
    }
    Object subst = ops.get("substitute");
    if (subst instanceof List<?> pairs) {
      for (Object p : pairs) {
        List<String> pair = NgMessage.asList(p instanceof List<?> ? p : List.of());
        if (pair.size() != 2) continue;
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).isAttr() && lines.get(i).value().equals(pair.get(0))) lines.set(i, new SdpLine('a', pair.get(1)));
        }
      }
    }
    Object add = ops.get("add");
    if (add instanceof List<?> l) {
      for (Object o : l) if (o instanceof String s && !s.isEmpty()) lines.add(new SdpLine('a', s));
    } else if (add instanceof String s && !s.isEmpty()) {
      lines.add(new SdpLine('a', s));
    }
  }
}
