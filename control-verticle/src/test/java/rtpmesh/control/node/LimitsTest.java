package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The limits on what ng clients may ask (README: --max-sdp-size, --max-media-per-call,
 * --max-sessions, --max-ng-rate): each is answered with an error naming it, takes no port, and
 * the node goes on serving everyone else.
 */
class LimitsTest {
  private static TestNode node;
  private static FuzzWire wire;

  @BeforeAll
  static void start() {
    node = TestNode.startWith(new JsonObject().put("maxSdpSize", 2000).put("maxMediaPerCall", 2)
        .put("maxSessions", 2).put("maxNgRate", 1).put("maxNgBurst", 400));
    wire = new FuzzWire(node);
  }

  @AfterAll
  static void stop() {
    wire.close();
    node.close();
  }

  private static String sdp(int media, int padding) {
    StringBuilder s = new StringBuilder("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n");
    for (int i = 0; i < media; i++) s.append("m=audio ").append(4000 + 2 * i).append(" RTP/AVP 0\r\n");
    if (padding > 0) s.append("a=x:").append("p".repeat(padding)).append("\r\n");
    return s.toString();
  }

  private static String error(Object... kv) {
    Map<String, Object> r = wire.request(NgClient.dict(kv));
    return NgClient.errorReason(r);
  }

  @Test
  void limitsAreNamedInTheErrorAndTakeNoPort() {
    int before = wire.portsInUse();
    String big = sdp(1, 2500);
    assertEquals("SDP too large: " + big.length() + " bytes, max-sdp-size is 2000",
        error("command", "offer", "call-id", "lim-1", "from-tag", "a", "sdp", big));
    assertEquals("Too many media streams: more than 2 m= lines, max-media-per-call is 2",
        error("command", "offer", "call-id", "lim-2", "from-tag", "a", "sdp", sdp(3, 0)));
    assertEquals(before, wire.portsInUse());
    assertEquals(List.of(), wire.request(NgClient.dict("command", "list")).get("calls"));

    assertEquals("ok", wire.request(NgClient.dict("command", "offer", "call-id", "lim-3", "from-tag", "a", "sdp", sdp(2, 0))).get("result"));
    assertEquals("ok", wire.request(NgClient.dict("command", "offer", "call-id", "lim-4", "from-tag", "a", "sdp", sdp(1, 0))).get("result"));
    assertEquals("Parallel session limit reached",
        error("command", "offer", "call-id", "lim-5", "from-tag", "a", "sdp", sdp(1, 0)));
    for (String id : List.of("lim-3", "lim-4")) wire.request(NgClient.dict("command", "delete", "call-id", id, "delete-delay", 0));
    assertEquals(before, wire.awaitPortsInUse(before));
  }

  /**
   * A tag becomes a key of every later reply about its call; one of 50 kB made those replies
   * unreadable to JSON clients (a fuzz case found it), so identifiers are refused past 1024.
   */
  @Test
  void anOverlongIdentifierIsRefusedInEveryCommand() {
    int before = wire.portsInUse();
    String tag = "t".repeat(1025);
    assertEquals("from-tag too long: 1025 characters, at most 1024",
        error("command", "offer", "call-id", "lim-6", "from-tag", tag, "sdp", sdp(1, 0)));
    assertEquals("call-id too long: 1025 characters, at most 1024",
        error("command", "query", "call-id", tag));
    assertEquals("from-tags too long: 1025 characters, at most 1024",
        error("command", "subscribe request", "call-id", "lim-6", "flags", List.of("from-tags-" + tag)));
    assertEquals(before, wire.portsInUse());
    assertEquals(List.of(), wire.request(NgClient.dict("command", "list")).get("calls"));
    String longest = "t".repeat(1024);
    assertEquals("ok", wire.request(NgClient.dict("command", "offer", "call-id", "lim-7", "from-tag", longest, "sdp", sdp(1, 0))).get("result"));
    assertEquals("ok", wire.request(NgClient.dict("command", "delete", "call-id", "lim-7", "delete-delay", 0)).get("result"));
    assertEquals(before, wire.awaitPortsInUse(before));
  }

  /** Burst 400, then 1 per second: a source that keeps sending is refused, another is not. */
  @Test
  void aFloodingSourceIsRefusedAndOthersAreServed() throws Exception {
    List<String> refused = new ArrayList<>();
    try (NgClient flooder = NgClient.openFrom("127.0.0.3", node.ngPort)) {
      for (int i = 0; i < 450 && refused.isEmpty(); i++) {
        Map<String, Object> r = flooder.request("command", "ping");
        if (!"pong".equals(r.get("result"))) refused.add(NgClient.errorReason(r));
      }
    }
    assertEquals(1, refused.size(), "a source past its burst is refused");
    assertTrue(refused.get(0).startsWith("Rate limit exceeded: more than 1 requests per second from 127.0.0.3"), refused.get(0));
    try (NgClient other = NgClient.openFrom("127.0.0.2", node.ngPort)) {
      assertEquals("pong", other.request("command", "ping").get("result"), "another source has its own bucket");
    }
  }
}
