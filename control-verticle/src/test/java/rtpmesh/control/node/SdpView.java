package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Just enough reading of a single-audio-stream SDP from a reply to check what a phone would use. */
record SdpView(String text, List<String> lines) {

  static SdpView of(Map<String, Object> reply) {
    Object sdp = reply.get("sdp");
    if (!(sdp instanceof String s)) throw new AssertionError("reply without sdp: " + reply);
    return new SdpView(s, List.of(s.split("\r\n")));
  }

  /** The audio m= line's port. */
  int port() {
    String[] m = line("m=audio ").split(" ");
    return Integer.parseInt(m[1]);
  }

  /** The m= line's format list, e.g. {@code "RTP/AVP 0 8 101"}. */
  String protoAndFormats() {
    String m = line("m=audio ");
    return m.substring(m.indexOf(' ', "m=audio ".length()) + 1);
  }

  /** The address of the (only) c= line. */
  String connection() {
    String c = line("c=");
    return c.substring(c.lastIndexOf(' ') + 1);
  }

  boolean has(String line) {
    return lines.contains(line);
  }

  /** Every line that starts with {@code prefix}. */
  List<String> all(String prefix) {
    List<String> out = new ArrayList<>();
    for (String l : lines) if (l.startsWith(prefix)) out.add(l);
    return out;
  }

  String line(String prefix) {
    for (String l : lines) if (l.startsWith(prefix)) return l;
    fail("no line starting with '" + prefix + "' in\n" + text);
    return null;
  }

  String attr(String name) {
    String l = line("a=" + name);
    assertNotNull(l);
    int colon = l.indexOf(':');
    return colon < 0 ? "" : l.substring(colon + 1);
  }
}
