package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A call between phone A (the caller, from-tag {@link #tagA}) and phone B, set up through the
 * node with offer and answer. {@link #portA} is the relay port A was told in the answer reply
 * (A sends there and hears B from there); {@link #portB} the one B was told in the offer reply.
 */
final class TwoPartyCall {
  final NgClient ng;
  final String callId;
  final String tagA;
  final String tagB;
  Phone a;
  Phone b;
  int portA;
  int portB;
  private int seq = ThreadLocalRandom.current().nextInt(1000);
  private final int ssrcA = ThreadLocalRandom.current().nextInt();
  private final int ssrcB = ThreadLocalRandom.current().nextInt();

  TwoPartyCall(NgClient ng, Phone a, Phone b) {
    this.ng = ng;
    this.callId = "call-" + UUID.randomUUID();
    this.tagA = "tagA-" + UUID.randomUUID().toString().substring(0, 8);
    this.tagB = "tagB-" + UUID.randomUUID().toString().substring(0, 8);
    this.a = a;
    this.b = b;
  }

  /** Offer from A and answer from B with their default SDPs. */
  static TwoPartyCall establish(NgClient ng, Phone a, Phone b) {
    TwoPartyCall c = new TwoPartyCall(ng, a, b);
    c.portB = SdpView.of(c.offer(a.sdp())).port();
    c.portA = SdpView.of(c.answer(b.sdp().withoutPtime())).port();
    return c;
  }

  Map<String, Object> offer(PhoneSdp sdp) {
    return ng.ok("command", "offer", "call-id", callId, "from-tag", tagA, "sdp", sdp.toString());
  }

  Map<String, Object> answer(PhoneSdp sdp) {
    return ng.ok("command", "answer", "call-id", callId, "from-tag", tagA, "to-tag", tagB, "sdp", sdp.toString());
  }

  Map<String, Object> query() {
    return ng.request("command", "query", "call-id", callId);
  }

  Map<String, Object> delete(long delay) {
    return ng.ok("command", "delete", "call-id", callId, "from-tag", tagA, "delete-delay", delay);
  }

  /** {@code n} RTP packets each way, every one byte-identical and from the advertised relay port. */
  void assertRtpBothWays(int n) {
    for (int i = 0; i < n; i++) {
      seq++;
      byte[] toB = Packets.rtp(0, seq, ssrcA);
      a.sendRtp(portA, toB);
      b.expectRtp(toB, portB);
      byte[] toA = Packets.rtp(8, seq, ssrcB);
      b.sendRtp(portB, toA);
      a.expectRtp(toA, portA);
    }
  }

  /** One sender report each way on the RTCP ports (RTP port + 1). */
  void assertRtcpBothWays() {
    byte[] toB = Packets.senderReport(ssrcA);
    a.sendRtcp(portA + 1, toB);
    b.expectRtcp(toB, portB + 1);
    byte[] toA = Packets.senderReport(ssrcB);
    b.sendRtcp(portB + 1, toA);
    a.expectRtcp(toA, portA + 1);
  }

  /** The RTP packet count of the stream facing the party with {@code tag}, 0 if none yet. */
  long rtpPackets(String tag) {
    Object n = NgClient.path(query(), "tags", tag, "medias", 0, "streams", 0, "stats", "packets");
    return n instanceof Number x ? x.longValue() : 0;
  }

  /** Waits (up to 5 s) until {@code query} shows RTP received from both parties. */
  void awaitCounted() {
    long deadline = System.currentTimeMillis() + 5000;
    while (rtpPackets(tagA) == 0 || rtpPackets(tagB) == 0) {
      if (System.currentTimeMillis() > deadline) fail("query never counted RTP of both parties: " + query());
      sleep(50);
    }
  }

  /** Waits (up to 5 s) until {@code query} answers {@code Unknown call-id}. */
  void awaitGone() {
    long deadline = System.currentTimeMillis() + 5000;
    while (true) {
      Map<String, Object> q = query();
      if ("error".equals(q.get("result"))) {
        assertEquals("Unknown call-id", q.get("error-reason"));
        return;
      }
      if (System.currentTimeMillis() > deadline) fail("call still there: " + q);
      sleep(50);
    }
  }

  /** The local ports of every stream of the call, as query reports them. */
  @SuppressWarnings("unchecked")
  static List<Long> localPorts(Map<String, Object> query, String tag) {
    List<Object> streams = (List<Object>) NgClient.path(query, "tags", tag, "medias", 0, "streams");
    if (streams == null) fail("no streams for tag " + tag + " in " + query);
    return streams.stream().map(s -> ((Number) ((Map<String, Object>) s).get("local port")).longValue()).toList();
  }

  /** Every port can be bound again by someone else within 3 s: the relay let go of it. */
  static void assertReleased(int... ports) {
    for (int port : ports) {
      long deadline = System.currentTimeMillis() + 3000;
      while (!bindable(port)) {
        if (System.currentTimeMillis() > deadline) fail("relay port " + port + " still bound after the call ended");
        sleep(50);
      }
    }
  }

  static boolean bindable(int port) {
    try (DatagramSocket s = new DatagramSocket(null)) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static void assertRelayPort(int port) {
    assertTrue(TestNode.inRelayRange(port), () -> "relay port " + port + " outside " + TestNode.PORT_MIN + "-" + TestNode.PORT_MAX);
  }
}
