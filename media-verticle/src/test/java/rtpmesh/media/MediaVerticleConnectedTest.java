package rtpmesh.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static rtpmesh.media.Packets.rtp;
import static rtpmesh.media.Phone.expect;
import static rtpmesh.media.Phone.expectNothing;
import static rtpmesh.media.Phone.send;

import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.transport.Transport;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Once a party's endpoint is learned for good, its leg reads and sends through a second socket on
 * the same RTP port, connected to that endpoint (relay/Leg#direct). What the parties see must not
 * change: the same bytes from the same port, a stranger still forwarded and not learned, nothing
 * lost when the party's port was closed for a while, and no port held after release.
 */
class MediaVerticleConnectedTest extends MediaVerticleTestBase {
  @BeforeAll
  static void needsEpoll() {
    assumeTrue(Transport.EPOLL.available(), "epoll unavailable");
  }

  @Override
  VertxOptions vertxOptions() {
    return new VertxOptions().setPreferNativeTransport(true);
  }

  /** Both legs latched, so learning ends with the first packet; returns the call's ports. */
  private int[] latchedCall(String call, Phone a, Phone b) throws Exception {
    int[] p = allocate(call, 2);
    configure(call, leg(p[0], p[1], a).put("latch", true), leg(p[1], p[0], b).put("latch", true));
    send(a.rtp, rtp(1, 0xa), LOOPBACK, p[0]);
    expect(b.rtp, rtp(1, 0xa), LOOPBACK, p[1]);
    send(b.rtp, rtp(1, 0xb), LOOPBACK, p[1]);
    expect(a.rtp, rtp(1, 0xb), LOOPBACK, p[0]);
    return p;
  }

  /** Waits until the block reports {@code n} connected sockets. */
  private void awaitConnected(int n) throws InterruptedException {
    long until = System.currentTimeMillis() + 5000;
    while (blockStats().getInteger("connectedSockets") != n) {
      if (System.currentTimeMillis() > until) {
        fail("expected " + n + " connected sockets: " + blockStats().encode());
      }
      Thread.sleep(20);
    }
  }

  @Test
  void aLearnedPartyGetsItsOwnSocketAndHearsTheSame() throws Exception {
    deploy(8, 60);
    Phone a = phone(false);
    Phone b = phone(false);
    Phone stranger = phone(false);
    int[] p = latchedCall("own", a, b);
    awaitConnected(2);
    if (SocketTable.available()) { // what an operator sees: a second socket on the port, a's address as its peer
      List<String> sockets = SocketTable.udp(p[0]);
      assertEquals(2, sockets.size(), sockets::toString);
      assertTrue(sockets.stream().anyMatch(s -> s.contains("127.0.0.1:" + a.rtpPort())), sockets::toString);
    }

    for (int seq = 2; seq < 50; seq++) {
      send(a.rtp, rtp(seq, 0xa), LOOPBACK, p[0]);
      expect(b.rtp, rtp(seq, 0xa), LOOPBACK, p[1]);
      send(b.rtp, rtp(seq, 0xb), LOOPBACK, p[1]);
      expect(a.rtp, rtp(seq, 0xb), LOOPBACK, p[0]);
    }
    // Arrives on the pair's socket, is forwarded as before, and does not take a's place.
    send(stranger.rtp, rtp(50, 0xc), LOOPBACK, p[0]);
    expect(b.rtp, rtp(50, 0xc), LOOPBACK, p[1]);
    send(b.rtp, rtp(51, 0xb), LOOPBACK, p[1]);
    expect(a.rtp, rtp(51, 0xb), LOOPBACK, p[0]);
    expectNothing(stranger.rtp);

    JsonObject legA = stats("own").getJsonObject(Integer.toString(p[0])).getJsonObject("rtp");
    assertEquals(50, legA.getLong("packets"), legA::encode);
    assertEquals("127.0.0.1:" + a.rtpPort(), legA.getString("endpoint"));
    assertEquals(0, blockStats().getLong("drops"), () -> blockStats().encode());
    assertEquals(0, blockStats().getLong("errors"), () -> blockStats().encode());
  }

  /**
   * A party that closes its port makes the kernel answer with ICMP port unreachable. Only a
   * connected socket hears of it, and refuses its next send; the packet must still leave.
   */
  @Test
  void aPortThatWasClosedForAWhileLosesNothingAfterwards() throws Exception {
    deploy(8, 60);
    Phone a = phone(false);
    Phone b = phone(false);
    int[] p = latchedCall("icmp", a, b);
    awaitConnected(2);

    int aPort = a.rtpPort();
    a.close();
    for (int seq = 2; seq < 5; seq++) {
      send(b.rtp, rtp(seq, 0xb), LOOPBACK, p[1]); // unreachable: each one draws an ICMP error
    }
    Thread.sleep(100);
    try (DatagramSocket back = new DatagramSocket(new InetSocketAddress(LOOPBACK, aPort))) {
      for (int seq = 5; seq < 10; seq++) {
        send(b.rtp, rtp(seq, 0xb), LOOPBACK, p[1]);
        expect(back, rtp(seq, 0xb), LOOPBACK, p[0]);
      }
      send(back, rtp(10, 0xa), LOOPBACK, p[0]);
      expect(b.rtp, rtp(10, 0xa), LOOPBACK, p[1]);
    }
    assertEquals(0, blockStats().getLong("errors"), () -> blockStats().encode());
    assertEquals(0, blockStats().getJsonObject("dropReasons").getLong("socket-error"), () -> blockStats().encode());
  }

  @Test
  void aNewSdpAddressGoesBackToThePairsSocketAndOnToTheNewOne() throws Exception {
    deploy(8, 60);
    Phone a = phone(false);
    Phone b = phone(false);
    int[] p = latchedCall("move", a, b);
    awaitConnected(2);

    Phone moved = phone(false);
    configure("move", leg(p[0], p[1], moved).put("latch", true), leg(p[1], p[0], b).put("latch", true));
    awaitConnected(0);
    send(b.rtp, rtp(2, 0xb), LOOPBACK, p[1]);
    expect(moved.rtp, rtp(2, 0xb), LOOPBACK, p[0]);
    send(moved.rtp, rtp(3, 0xa), LOOPBACK, p[0]);
    expect(b.rtp, rtp(3, 0xa), LOOPBACK, p[1]);
    send(b.rtp, rtp(4, 0xb), LOOPBACK, p[1]);
    expect(moved.rtp, rtp(4, 0xb), LOOPBACK, p[0]);
    awaitConnected(2);
    send(b.rtp, rtp(5, 0xb), LOOPBACK, p[1]);
    expect(moved.rtp, rtp(5, 0xb), LOOPBACK, p[0]);
    expectNothing(a.rtp);
  }

  @Test
  void releaseClosesTheConnectedSocketsToo() throws Exception {
    deploy(8, 60);
    Phone a = phone(false);
    Phone b = phone(false);
    int[] p = latchedCall("rel", a, b);
    awaitConnected(2);

    assertEquals(2, release("rel"));
    awaitConnected(0);
    for (int port : new int[] {p[0], p[0] + 1, p[1], p[1] + 1}) {
      new DatagramSocket(new InetSocketAddress(LOOPBACK, port)).close(); // throws if any socket still holds it
    }
  }

  @Test
  void strictSourceAndLearningKeepThePairsSocket() throws Exception {
    deploy(8, 60);
    Phone a = phone(false);
    Phone b = phone(false);
    int[] p = allocate("strict", 2);
    configure("strict", leg(p[0], p[1], a).put("latch", true).put("strict", true), leg(p[1], p[0], b));
    for (int seq = 1; seq < 5; seq++) {
      send(a.rtp, rtp(seq, 0xa), LOOPBACK, p[0]);
      expect(b.rtp, rtp(seq, 0xa), LOOPBACK, p[1]);
      send(b.rtp, rtp(seq, 0xb), LOOPBACK, p[1]);
      expect(a.rtp, rtp(seq, 0xb), LOOPBACK, p[0]);
    }
    Thread.sleep(100);
    // a is strict; b is still within its learning window (3 s from the configure).
    assertEquals(0, blockStats().getInteger("connectedSockets"), () -> blockStats().encode());
  }
}
