package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@link NgFuzzTest} found, each as its minimized input: before the fix each one got
 * {@code Internal error: ...} (an exception that escaped) or no reply at all. Now each gets a
 * named error, holds no port afterwards, and the node goes on serving.
 */
class FuzzFindingsTest {
  private static TestNode node;
  private static NgClient ng;
  private static FuzzWire wire;
  private static int baseline;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    ng = node.ng();
    wire = new FuzzWire(node);
    baseline = wire.portsInUse();
  }

  @AfterAll
  static void stop() {
    wire.close();
    node.close();
  }

  @AfterEach
  void noPortHeldAndStillServing() {
    wire.deleteAllBut(null);
    assertEquals(baseline, wire.awaitPortsInUse(baseline), "ports in use");
    assertEquals("pong", ng.request("command", "ping").get("result"));
    assertEquals(List.of(), wire.escapedExceptions());
  }

  /**
   * An SDES offer whose key is 8 bytes where the suite needs 30, answered by a plain phone: the
   * media block refused the leg (400) and the answer got {@code Internal error}.
   */
  @Test
  void sdesKeyOfTheWrongLengthIsAnSdpError() {
    String offer = "v=0\r\no=- 1 1 IN IP4 192.168.1.10\r\ns=-\r\nc=IN IP4 192.168.1.10\r\nt=0 0\r\n"
        + "m=audio 4000 RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
        + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAAAAAAAAAA=\r\n";
    String answer = "v=0\r\no=- 2 1 IN IP4 10.0.0.20\r\ns=-\r\nc=IN IP4 10.0.0.20\r\nt=0 0\r\n"
        + "m=audio 5000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    Map<String, Object> r = ng.request("command", "offer", "call-id", "find-sdes", "from-tag", "a", "sdp", offer,
        "transport-protocol", "RTP/AVP");
    String reason = "ok".equals(r.get("result"))
        ? ng.error("command", "answer", "call-id", "find-sdes", "from-tag", "a", "to-tag", "b", "sdp", answer)
        : NgClient.errorReason(r);
    assertTrue(reason.startsWith("Failed to parse SDP: srtp: AES_CM_128_HMAC_SHA1_80 key||salt is 30 bytes, got 8"), reason);
  }

  /** {@code delete-delay} of 2^63-1 seconds: its milliseconds overflowed, and the timer refused them. */
  @Test
  void hugeDeleteDelayKeepsTheCallForNow() {
    ng.ok("command", "offer", "call-id", "find-delay", "from-tag", "x",
        "sdp", "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n");
    ng.ok("command", "delete", "call-id", "find-delay", "delete-delay", Long.MAX_VALUE);
    ng.ok("command", "query", "call-id", "find-delay");
  }

  /** A bare {@code a=rtpmap} (no value) in an answer: a NullPointerException in Codecs. */
  @Test
  void rtpmapWithoutValueIsAnswered() {
    ng.ok("command", "offer", "call-id", "find-rtpmap", "from-tag", "x",
        "sdp", "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 101\r\n");
    Map<String, Object> r = ng.request("command", "answer", "call-id", "find-rtpmap", "from-tag", "x", "to-tag", "y",
        "sdp", "v=0\r\no=- 999 6 IN IP4 10.0.0.20\r\ns=-\r\nc=IN IP4 10.0.0.20\r\nt=0 0\r\n"
            + "m=audio 5000 RTP/AVP 0 101\r\na=rtpmap\r\n");
    if (!"ok".equals(r.get("result"))) NgClient.errorReason(r);
  }

  /** A WebRTC offer with {@code a=ice-ufrag} but no {@code a=ice-pwd}: the ICE leg was refused (400). */
  @Test
  void iceUfragWithoutPasswordIsAnSdpError() {
    String sdp = "v=0\r\no=- 46117 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
        + "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 0.0.0.0\r\n"
        + "a=candidate:1 1 udp 2122260223 192.168.0.196 46243 typ host\r\n"
        + "a=ice-ufrag:Oyef\r\n"
        + "a=fingerprint:sha-256 49:66:12:17:0D:1C:91:AE:57:4C:C6:36:DD:D5:97:D2:7D:62:C9:9A:7F:B9:A3:F4:70:03:E7:43:91:73:23:5E\r\n"
        + "a=setup:actpass\r\na=mid:0\r\na=rtcp-mux\r\na=rtpmap:0 PCMU/8000\r\n";
    Map<String, Object> r = ng.request("command", "offer", "call-id", "find-ice", "from-tag", "a", "sdp", sdp);
    if (!"ok".equals(r.get("result"))) {
      String reason = NgClient.errorReason(r);
      assertTrue(reason.startsWith("Failed to parse SDP: ice:"), reason);
    }
  }

  /**
   * A call created over JSON with a call-id outside Latin-1 (the fuzzer's was a byte that is not
   * UTF-8): {@code list} over bencode named it "fz-?c" and no delete could reach it, so its ports
   * stayed. Now strings are bytes whichever encoding carried them.
   */
  @Test
  void callIdFromJsonIsTheSameCallOverBencode() {
    String sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
    byte[] json = ("{\"command\":\"offer\",\"call-id\":\"fz-\u00e9\u20ac\",\"from-tag\":\"a\",\"sdp\":\""
        + sdp.replace("\r\n", "\\r\\n") + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(null, NgFuzz.problem(wire.udp(json), true));
    String utf8AsBytes = new String("fz-\u00e9\u20ac".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        java.nio.charset.StandardCharsets.ISO_8859_1);
    assertEquals(List.of(utf8AsBytes), ng.request("command", "list").get("calls"));
    Map<String, Object> deleted = ng.ok("command", "delete", "call-id", utf8AsBytes, "delete-delay", 0);
    assertEquals(null, deleted.get("warning"), deleted.toString());
    byte[] reply = wire.udp("{\"command\":\"query\",\"call-id\":\"fz-\u00e9\u20ac\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertTrue(new String(reply, java.nio.charset.StandardCharsets.UTF_8).contains("Unknown call-id"));
  }

  /**
   * A re-anchor of a call whose two parties sent ~46 kB SDPs (the kit's huge_sdp) answers both
   * SDPs: ~93 kB, more than a datagram. The reply used to be dropped ("Message too long" in the
   * log) and the proxy retried in vain; now it is an error that says why.
   */
  @Test
  void replyLargerThanADatagramIsAnError() {
    String big = "v=0\r\no=- 1545997027 1 IN IP4 192.168.1.10\r\ns=-\r\nc=IN IP4 192.168.1.10\r\nt=0 0\r\n"
        + "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n" + "a=x-vendor:" + "k".repeat(45_000) + "\r\n";
    ng.ok("command", "offer", "call-id", "find-big", "from-tag", "a", "sdp", big);
    ng.ok("command", "answer", "call-id", "find-big", "from-tag", "a", "to-tag", "b", "sdp", big.replace("4000", "5000"));
    String reason = ng.error("command", "reanchor", "call-id", "find-big");
    assertTrue(reason.startsWith("Reply too large for UDP ("), reason);
  }
}
