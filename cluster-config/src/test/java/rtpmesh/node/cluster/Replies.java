package rtpmesh.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading ng replies: the result, the relay port of an SDP, the local ports of a query. */
final class Replies {
  private static final Pattern AUDIO_PORT = Pattern.compile("m=audio (\\d+) ");

  private Replies() {}

  /** Fails unless {@code result} is ok; returns the reply. */
  static Map<String, Object> ok(String what, Map<String, Object> reply) {
    assertEquals("ok", reply.get("result"), what + ": " + reply);
    return reply;
  }

  /** The port of the first {@code m=audio} line of the reply's SDP: where the relay listens. */
  static int relayPort(Map<String, Object> reply) {
    String sdp = (String) reply.get("sdp");
    Matcher m = AUDIO_PORT.matcher(sdp == null ? "" : sdp);
    if (!m.find()) {
      throw new AssertionError("no m=audio port in reply " + reply);
    }
    return Integer.parseInt(m.group(1));
  }

  /** Tag to the {@code local port}s of its streams, from a {@code query} reply. */
  @SuppressWarnings("unchecked")
  static Map<String, List<Integer>> localPorts(Map<String, Object> query) {
    Map<String, List<Integer>> out = new LinkedHashMap<>();
    Map<String, Object> tags = (Map<String, Object>) query.get("tags");
    if (tags == null) {
      throw new AssertionError("no tags in query reply " + query);
    }
    tags.forEach((tag, v) -> {
      List<Integer> ports = new ArrayList<>();
      for (Object media : (List<Object>) ((Map<String, Object>) v).get("medias")) {
        for (Object s : (List<Object>) ((Map<String, Object>) media).get("streams")) {
          ports.add(((Number) ((Map<String, Object>) s).get("local port")).intValue());
        }
      }
      out.put(tag, ports);
    });
    return out;
  }
}
