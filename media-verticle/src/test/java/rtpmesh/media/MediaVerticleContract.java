package rtpmesh.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rtpmesh.media.Packets.rtp;
import static rtpmesh.media.Packets.senderReport;
import static rtpmesh.media.Phone.expect;
import static rtpmesh.media.Phone.expectNothing;
import static rtpmesh.media.Phone.send;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The media-plane behaviour every transport must show; subclasses pick the transport. */
abstract class MediaVerticleContract extends MediaVerticleTestBase {

  @Test
  void forwardsRtpAndRtcpBothWaysByteIdenticalFromTheAdvertisedPorts() throws Exception {
    deploy(8, 60);
    Phone a = phone(true);
    Phone b = phone(true);
    int[] p = bridge("c1", a, b);

    byte[] rtpA = rtp(1, 0xa);
    send(a.rtp, rtpA, LOOPBACK, p[0]);
    expect(b.rtp, rtpA, LOOPBACK, p[1]);
    byte[] rtpB = rtp(7, 0xb);
    send(b.rtp, rtpB, LOOPBACK, p[1]);
    expect(a.rtp, rtpB, LOOPBACK, p[0]);
    byte[] srA = senderReport(0xa);
    send(a.rtcp, srA, LOOPBACK, p[0] + 1);
    expect(b.rtcp, srA, LOOPBACK, p[1] + 1);
    byte[] srB = senderReport(0xb);
    send(b.rtcp, srB, LOOPBACK, p[1] + 1);
    expect(a.rtcp, srB, LOOPBACK, p[0] + 1);

    JsonObject legA = stats("c1").getJsonObject(Integer.toString(p[0]));
    JsonObject rtpStats = legA.getJsonObject("rtp");
    assertEquals(1, rtpStats.getLong("packets"));
    assertEquals(rtpA.length, rtpStats.getLong("bytes"));
    assertEquals(0, rtpStats.getLong("errors"));
    assertTrue(rtpStats.getLong("last") > 0);
    assertEquals("127.0.0.1:" + a.rtpPort(), rtpStats.getString("endpoint"));
    assertEquals(0xaL, rtpStats.getLong("ssrc"));
    assertEquals(1, legA.getJsonObject("rtcp").getLong("packets"));
    assertEquals("127.0.0.1:" + a.rtcpPort(), legA.getJsonObject("rtcp").getString("endpoint"));

    JsonObject block = blockStats();
    assertEquals(4, block.getLong("packets"));
    assertEquals(2L * rtpA.length + 2L * srA.length, block.getLong("bytes"));
    assertEquals(2, block.getInteger("ports"));
    assertEquals(0, block.getLong("drops"));
  }

  /**
   * Regression: epoll handed each datagram over as a slice ending at the datagram, so protecting
   * plain RTP for an SRTP party found no room for the tag and dropped every packet (aiortc heard
   * nothing from a plain phone). Full-size PCMU packets, RTP and RTCP, on every transport.
   */
  @Test
  void protectsPlainRtpAndRtcpForAnSrtpParty() throws Exception {
    deploy(8, 60);
    Phone a = phone(true);
    Phone b = phone(false);
    int[] p = allocate("srtp", 2);
    byte[] master = new byte[30];
    new java.util.Random(7).nextBytes(master);
    String key = java.util.Base64.getEncoder().encodeToString(master);
    configure("srtp", leg(p[0], p[1], a), leg(p[1], p[0], b).put("srtp", new JsonObject()
        .put("suite", "AES_CM_128_HMAC_SHA1_80").put("sendKey", key).put("recvKey", key)));
    rtpmesh.media.srtp.SrtpContext party = rtpmesh.media.srtp.SrtpContext.create(
        rtpmesh.media.srtp.SrtpSuite.fromSdesName("AES_CM_128_HMAC_SHA1_80"),
        Arrays.copyOf(master, 16), Arrays.copyOfRange(master, 16, 30));

    for (int seq = 1; seq <= 3; seq++) {
      byte[] plain = rtp(seq, 0xa);
      send(a.rtp, plain, LOOPBACK, p[0]);
      byte[] got = receive(b.rtp);
      assertEquals(plain.length + 10, got.length, "SRTP adds the 80-bit tag");
      int n = party.unprotect(got, 0, got.length);
      assertEquals(plain.length, n, "the party authenticates what we protected");
      assertTrue(Arrays.equals(plain, Arrays.copyOf(got, n)));
    }
    byte[] sr = senderReport(0xa);
    send(a.rtcp, sr, LOOPBACK, p[0] + 1);
    byte[] got = receive(b.rtp);
    int n = party.unprotectRtcp(got, 0, got.length);
    assertEquals(sr.length, n, "the party authenticates our SRTCP");
    assertEquals(0, blockStats().getLong("drops"), blockStats()::encode);
  }

  /**
   * Media forks: what A sends reaches B and, decrypted, each subscriber (plain, and SRTP with its
   * own key) from the subscriber's leg; a subscriber without an address only counts drops; what a
   * subscriber sends goes nowhere; released, it is forgotten. B is SRTP too, so the original is
   * protected in place after the copies left (the copies must not share its bytes).
   */
  @Test
  void forksCopyWhatAPartySendsToEverySubscriber() throws Exception {
    deploy(8, 60);
    Phone a = phone(true);
    Phone b = phone(false);
    Phone plain = phone(true);
    Phone secure = phone(false);
    int[] p = allocate("fork", 5); // A, B, plain subscriber, SRTP subscriber, subscriber without address
    byte[] master = new byte[30];
    new java.util.Random(9).nextBytes(master);
    String key = java.util.Base64.getEncoder().encodeToString(master);
    JsonObject srtp = new JsonObject().put("suite", "AES_CM_128_HMAC_SHA1_80").put("sendKey", key).put("recvKey", key);
    io.vertx.core.json.JsonArray forks = new io.vertx.core.json.JsonArray().add(p[2]).add(p[3]).add(p[4]);
    configure("fork", leg(p[0], p[1], a).put("forks", forks), leg(p[1], p[0], b).put("srtp", srtp.copy()),
        leg(p[2], 0, plain), leg(p[3], 0, secure).put("srtp", srtp.copy()), new JsonObject().put("port", p[4]));
    rtpmesh.media.srtp.SrtpContext bHears = rtpmesh.media.srtp.SrtpContext.create(
        rtpmesh.media.srtp.SrtpSuite.AES_CM_128_HMAC_SHA1_80, Arrays.copyOf(master, 16), Arrays.copyOfRange(master, 16, 30));
    rtpmesh.media.srtp.SrtpContext secureHears = rtpmesh.media.srtp.SrtpContext.create(
        rtpmesh.media.srtp.SrtpSuite.AES_CM_128_HMAC_SHA1_80, Arrays.copyOf(master, 16), Arrays.copyOfRange(master, 16, 30));

    for (int seq = 1; seq <= 3; seq++) {
      byte[] packet = rtp(seq, 0xa);
      send(a.rtp, packet, LOOPBACK, p[0]);
      expect(plain.rtp, packet, LOOPBACK, p[2]);
      byte[] atSecure = receive(secure.rtp);
      assertEquals(packet.length, secureHears.unprotect(atSecure, 0, atSecure.length), "the subscriber's own SRTP");
      assertTrue(Arrays.equals(packet, Arrays.copyOf(atSecure, packet.length)));
      byte[] atB = receive(b.rtp);
      assertEquals(packet.length, bHears.unprotect(atB, 0, atB.length), "the original goes on, protected for B");
      assertTrue(Arrays.equals(packet, Arrays.copyOf(atB, packet.length)));
    }
    byte[] sr = senderReport(0xa);
    send(a.rtcp, sr, LOOPBACK, p[0] + 1);
    expect(plain.rtcp, sr, LOOPBACK, p[2] + 1);
    byte[] srAtSecure = receive(secure.rtp);
    assertEquals(sr.length, secureHears.unprotectRtcp(srAtSecure, 0, srAtSecure.length), "SRTCP for the SRTP subscriber");
    byte[] srAtB = receive(b.rtp);
    assertEquals(sr.length, bHears.unprotectRtcp(srAtB, 0, srAtB.length), "SRTCP for B");
    assertEquals(4, blockStats().getJsonObject("dropReasons").getLong("no-destination"), "the addressless subscriber");

    send(plain.rtp, rtp(9, 0xc), LOOPBACK, p[2]);
    expectNothing(a.rtp);
    assertEquals(1, blockStats().getJsonObject("dropReasons").getLong("no-peer"), "what a subscriber sends is dropped");

    request(new JsonObject().put("op", MediaApi.OP_RELEASE).put("call", "fork")
        .put("ports", new io.vertx.core.json.JsonArray().add(p[2]).add(p[3]).add(p[4])));
    send(a.rtp, rtp(10, 0xa), LOOPBACK, p[0]);
    assertTrue(receive(b.rtp).length > 0, "A still reaches B once the subscribers are gone");
    expectNothing(plain.rtp);
  }

  /** A publisher (ng publish) has no peer: its packets go to its subscribers only and are no drops. */
  @Test
  void publisherWithoutPeerFeedsItsSubscriberWithoutDrops() throws Exception {
    deploy(8, 60);
    Phone pub = phone(false);
    Phone sub = phone(false);
    int[] p = allocate("pub", 2);
    configure("pub", leg(p[0], 0, pub).put("forks", new io.vertx.core.json.JsonArray().add(p[1])), leg(p[1], 0, sub));
    for (int seq = 1; seq <= 3; seq++) {
      byte[] packet = rtp(seq, 0xd);
      send(pub.rtp, packet, LOOPBACK, p[0]);
      expect(sub.rtp, packet, LOOPBACK, p[1]);
    }
    assertEquals(0, blockStats().getLong("drops"), blockStats()::encode);
    assertEquals(3, stats("pub").getJsonObject(Integer.toString(p[0])).getJsonObject("rtp").getLong("packets"));
  }

  private static byte[] receive(DatagramSocket socket) throws java.io.IOException {
    byte[] buf = new byte[4096];
    java.net.DatagramPacket d = new java.net.DatagramPacket(buf, buf.length);
    socket.setSoTimeout(Phone.RECEIVE_MS);
    socket.receive(d);
    return Arrays.copyOf(buf, d.getLength());
  }

  @Test
  void muxedLegGetsRtcpOnItsRtpPortAndSendsRtcpThere() throws Exception {
    deploy(8, 60);
    Phone a = phone(true);
    Phone b = phone(false); // rtcp-mux
    int[] p = bridge("mux", a, b);

    byte[] srA = senderReport(0xa);
    send(a.rtcp, srA, LOOPBACK, p[0] + 1);
    expect(b.rtp, srA, LOOPBACK, p[1]);
    byte[] srB = senderReport(0xb);
    send(b.rtp, srB, LOOPBACK, p[1]);
    expect(a.rtcp, srB, LOOPBACK, p[0] + 1);
    byte[] rtpB = rtp(3, 0xb);
    send(b.rtp, rtpB, LOOPBACK, p[1]);
    expect(a.rtp, rtpB, LOOPBACK, p[0]);

    JsonObject legB = stats("mux").getJsonObject(Integer.toString(p[1]));
    assertEquals(1, legB.getJsonObject("rtp").getLong("packets"));
    assertEquals(1, legB.getJsonObject("rtcp").getLong("packets"));
  }

  @Test
  void rtcpGoesToRemotePortPlusOneWhenSdpHasNoRtcpPort() throws Exception {
    deploy(8, 60);
    Phone a = phone(true);
    Phone b = phone(true);
    int[] p = allocate("rtcp1", 2);
    // b's RTCP socket is wherever the OS put it, so give b an SDP port whose +1 is its RTCP socket.
    DatagramSocket bRtp = bindPair(b);
    configure("rtcp1", leg(p[0], p[1], a), new JsonObject().put("port", p[1]).put("peer", p[0])
        .put("remote", "127.0.0.1").put("remotePort", bRtp.getLocalPort()));
    byte[] srA = senderReport(0xa);
    send(a.rtcp, srA, LOOPBACK, p[0] + 1);
    expect(b.rtcp, srA, LOOPBACK, p[1] + 1);
  }

  /** A socket on (b's RTCP port - 1), so that port + 1 is b's RTCP socket; skips if taken. */
  private DatagramSocket bindPair(Phone b) {
    try {
      DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, b.rtcpPort() - 1));
      closeables.add(s);
      return s;
    } catch (Exception e) {
      Assumptions.abort("port below phone's RTCP port is busy: " + e);
      return null;
    }
  }

  @Test
  void holdStopsOnlyTheHeldPartysDirection() throws Exception {
    deploy(8, 60);
    Phone a = phone(true);
    Phone b = phone(true);
    int[] p = bridge("hold", a, b);
    configure("hold", leg(p[0], p[1], a).put("send", false));

    send(a.rtp, rtp(1, 0xa), LOOPBACK, p[0]);
    expectNothing(b.rtp);
    byte[] rtpB = rtp(2, 0xb);
    send(b.rtp, rtpB, LOOPBACK, p[1]);
    expect(a.rtp, rtpB, LOOPBACK, p[0]);
    JsonObject block = blockStats();
    assertEquals(1, block.getJsonObject("dropReasons").getLong("hold"));
    assertEquals(0, block.getLong("errors"));
  }

  @Test
  void recvFalseStopsDeliveryToThatParty() throws Exception {
    deploy(8, 60);
    Phone a = phone(true);
    Phone b = phone(true);
    int[] p = bridge("recv", a, b);
    configure("recv", leg(p[1], p[0], b).put("recv", false));
    send(a.rtp, rtp(1, 0xa), LOOPBACK, p[0]);
    expectNothing(b.rtp);
    assertEquals(1, blockStats().getJsonObject("dropReasons").getLong("peer-not-receiving"));
  }

  @Test
  void releaseStopsForwardingAndFreesThePorts() throws Exception {
    deploy(8, 60);
    Phone a = phone(true);
    Phone b = phone(true);
    int[] p = bridge("rel", a, b);
    byte[] rtpA = rtp(1, 0xa);
    send(a.rtp, rtpA, LOOPBACK, p[0]);
    expect(b.rtp, rtpA, LOOPBACK, p[1]);

    assertEquals(2, release("rel"));
    send(a.rtp, rtp(2, 0xa), LOOPBACK, p[0]);
    expectNothing(b.rtp);
    for (int port : new int[] {p[0], p[0] + 1, p[1], p[1] + 1}) {
      new DatagramSocket(new InetSocketAddress(LOOPBACK, port)).close(); // throws if still bound
    }
    assertEquals(0, blockStats().getInteger("ports"));
    assertEquals(1, blockStats().getLong("packets"), "released legs stay in block totals");
    ReplyException e = requestFails(new JsonObject().put("op", MediaApi.OP_STATS).put("call", "rel"));
    assertEquals(404, e.failureCode());
    assertEquals(0, release("rel"));
  }

  @Test
  void releaseOfOneLegLeavesTheOtherAndDropsForNoPeer() throws Exception {
    deploy(8, 60);
    Phone a = phone(true);
    Phone b = phone(true);
    int[] p = bridge("half", a, b);
    assertEquals(1, request(new JsonObject().put("op", MediaApi.OP_RELEASE).put("call", "half")
        .put("ports", new io.vertx.core.json.JsonArray().add(p[1]))).getInteger("released"));
    send(a.rtp, rtp(1, 0xa), LOOPBACK, p[0]);
    expectNothing(b.rtp);
    assertEquals(1, stats("half").size());
    assertEquals(1, blockStats().getJsonObject("dropReasons").getLong("no-peer"));
  }

  @Test
  void allocateSkipsBusyPairsGivesBackPartialAllocationsAndRunsOut() throws Exception {
    deploy(4, 60);
    // Another process holds pair 0's RTP port and pair 1's RTCP port.
    closeables.add(new DatagramSocket(new InetSocketAddress(LOOPBACK, portMin)));
    closeables.add(new DatagramSocket(new InetSocketAddress(LOOPBACK, portMin + 3)));

    ReplyException tooMany = requestFails(new JsonObject().put("op", MediaApi.OP_ALLOCATE).put("call", "x")
        .put("address", "127.0.0.1").put("count", 3));
    assertEquals(MediaApi.ERR_NO_PORTS, tooMany.getMessage());
    assertEquals(503, tooMany.failureCode());

    int[] ports = allocate("x", 2); // possible only if the failed attempt gave its pairs back
    Arrays.sort(ports);
    assertEquals(portMin + 4, ports[0]);
    assertEquals(portMin + 6, ports[1]);
    ReplyException full = requestFails(new JsonObject().put("op", MediaApi.OP_ALLOCATE).put("call", "y")
        .put("address", "127.0.0.1"));
    assertEquals(MediaApi.ERR_NO_PORTS, full.getMessage());
    JsonObject block = blockStats();
    assertEquals(2, block.getInteger("ports"));
    assertEquals(2, block.getInteger("free"));
  }

  @Test
  void timeoutIsPublishedOnceButNotForAHeldCall() throws Exception {
    LinkedBlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
    vertx.eventBus().<JsonObject>localConsumer(MediaApi.timeoutAddress(nodeId), m -> events.add(m.body()))
        .completion().await();
    deploy(8, 1);
    allocate("idle", 1);
    int[] held = allocate("held", 1);
    configure("held", new JsonObject().put("port", held[0]).put("send", false));

    JsonObject event = events.poll(5, TimeUnit.SECONDS);
    assertEquals("idle", event.getString("call"));
    assertEquals("timeout", event.getString("reason"));
    assertNull(events.poll(1500, TimeUnit.MILLISECONDS), "reported once, held call uses silentTimeout");
  }

  @Test
  void strictDropsPacketsFromAnotherSource() throws Exception {
    learning = "off"; // the SDP address is the endpoint from the first packet on
    deploy(8, 60);
    Phone a = phone(true);
    Phone b = phone(true);
    Phone stranger = phone(false);
    int[] p = bridge("strict", a, b);
    configure("strict", leg(p[0], p[1], a).put("strict", true));

    send(stranger.rtp, rtp(1, 0xbad), LOOPBACK, p[0]);
    expectNothing(b.rtp);
    byte[] rtpA = rtp(2, 0xa);
    send(a.rtp, rtpA, LOOPBACK, p[0]);
    expect(b.rtp, rtpA, LOOPBACK, p[1]);

    JsonObject rtpStats = stats("strict").getJsonObject(Integer.toString(p[0])).getJsonObject("rtp");
    assertEquals(1, rtpStats.getLong("errors"));
    assertEquals(1, rtpStats.getLong("packets"));
    assertEquals(1, blockStats().getJsonObject("dropReasons").getLong("strict-source"));
  }

  /**
   * rtpengine's strict source compares with the learned endpoint once it is confirmed, not with the
   * SDP: a phone behind NAT (SDP address private, packets from elsewhere) keeps talking, a stranger
   * after the learning window is dropped and counted.
   */
  @Test
  void strictComparesWithTheLearnedSourceAfterTheWindow() throws Exception {
    deploy(8, 60);
    Phone aSdp = phone(true);
    Phone a = phone(true);
    Phone stranger = phone(false);
    Phone b = phone(true);
    int[] p = bridge("strict-nat", aSdp, b);
    configure("strict-nat", leg(p[0], p[1], aSdp).put("strict", true));
    send(a.rtp, rtp(1, 0xa), LOOPBACK, p[0]);
    expect(b.rtp, rtp(1, 0xa), LOOPBACK, p[1]);

    Thread.sleep(rtpmesh.media.relay.Leg.LEARNING_WINDOW_MS + 200);
    send(stranger.rtp, rtp(2, 0xbad), LOOPBACK, p[0]);
    send(a.rtp, rtp(3, 0xa), LOOPBACK, p[0]);
    expect(b.rtp, rtp(3, 0xa), LOOPBACK, p[1]);
    send(b.rtp, rtp(4, 0xb), LOOPBACK, p[1]);
    expect(a.rtp, rtp(4, 0xb), LOOPBACK, p[0]);
    assertEquals(1, blockStats().getJsonObject("dropReasons").getLong("strict-source"));
  }

  @Test
  void learnsTheSourceAndRelearnsWithoutLatch() throws Exception {
    deploy(8, 60);
    Phone a = phone(true);      // where a actually sends from
    Phone aSdp = phone(true);   // what a's SDP claims
    Phone b = phone(true);
    int[] p = bridge("learn", aSdp, b);

    byte[] before = rtp(1, 0xb);
    send(b.rtp, before, LOOPBACK, p[1]);
    expect(aSdp.rtp, before, LOOPBACK, p[0]); // nothing learned yet: SDP address

    send(a.rtp, rtp(2, 0xa), LOOPBACK, p[0]);
    expect(b.rtp, rtp(2, 0xa), LOOPBACK, p[1]);
    byte[] after = rtp(3, 0xb);
    send(b.rtp, after, LOOPBACK, p[1]);
    expect(a.rtp, after, LOOPBACK, p[0]);
    expectNothing(aSdp.rtp);

    Phone moved = phone(true);
    send(moved.rtp, rtp(4, 0xa), LOOPBACK, p[0]);
    expect(b.rtp, rtp(4, 0xa), LOOPBACK, p[1]);
    send(b.rtp, rtp(5, 0xb), LOOPBACK, p[1]);
    expect(moved.rtp, rtp(5, 0xb), LOOPBACK, p[0]);
    assertEquals("127.0.0.1:" + moved.rtpPort(),
        stats("learn").getJsonObject(Integer.toString(p[0])).getJsonObject("rtp").getString("endpoint"));
  }

  /**
   * rtpengine's default heuristic: within the window a source that matches the SDP address and port
   * is not displaced by one that matches less (a stranger injecting early), but one that matches as
   * well is followed.
   */
  @Test
  void heuristicLearningPrefersTheSourceThatMatchesTheSdp() throws Exception {
    deploy(8, 60);
    Phone a = phone(true);
    Phone stranger = phone(true);
    Phone b = phone(true);
    int[] p = bridge("heuristic", a, b);
    send(a.rtp, rtp(1, 0xa), LOOPBACK, p[0]);
    expect(b.rtp, rtp(1, 0xa), LOOPBACK, p[1]);
    send(stranger.rtp, rtp(2, 0xe), LOOPBACK, p[0]);
    expect(b.rtp, rtp(2, 0xe), LOOPBACK, p[1]); // forwarded, as rtpengine without strict source
    send(b.rtp, rtp(3, 0xb), LOOPBACK, p[1]);
    expect(a.rtp, rtp(3, 0xb), LOOPBACK, p[0]);
    expectNothing(stranger.rtp);
    assertEquals("127.0.0.1:" + a.rtpPort(),
        stats("heuristic").getJsonObject(Integer.toString(p[0])).getJsonObject("rtp").getString("endpoint"));
  }

  @Test
  void immediateLearningKeepsTheFirstSource() throws Exception {
    learning = "immediate";
    deploy(8, 60);
    Phone aSdp = phone(true);
    Phone a = phone(true);
    Phone moved = phone(true);
    Phone b = phone(true);
    int[] p = bridge("immediate", aSdp, b);
    send(a.rtp, rtp(1, 0xa), LOOPBACK, p[0]);
    expect(b.rtp, rtp(1, 0xa), LOOPBACK, p[1]);
    send(moved.rtp, rtp(2, 0xa), LOOPBACK, p[0]);
    expect(b.rtp, rtp(2, 0xa), LOOPBACK, p[1]);
    send(b.rtp, rtp(3, 0xb), LOOPBACK, p[1]);
    expect(a.rtp, rtp(3, 0xb), LOOPBACK, p[0]);
    expectNothing(moved.rtp);
    expectNothing(aSdp.rtp);
  }

  @Test
  void learningOffSendsToTheSdpAddress() throws Exception {
    learning = "off";
    deploy(8, 60);
    Phone aSdp = phone(true);
    Phone a = phone(true);
    Phone b = phone(true);
    int[] p = bridge("off", aSdp, b);
    send(a.rtp, rtp(1, 0xa), LOOPBACK, p[0]);
    expect(b.rtp, rtp(1, 0xa), LOOPBACK, p[1]);
    send(b.rtp, rtp(2, 0xb), LOOPBACK, p[1]);
    expect(aSdp.rtp, rtp(2, 0xb), LOOPBACK, p[0]);
    expectNothing(a.rtp);
  }

  @Test
  void latchKeepsTheFirstSource() throws Exception {
    deploy(8, 60);
    Phone a = phone(true);
    Phone other = phone(true);
    Phone b = phone(true);
    int[] p = bridge("latch", a, b);
    configure("latch", leg(p[0], p[1], a).put("latch", true));

    send(a.rtp, rtp(1, 0xa), LOOPBACK, p[0]);
    expect(b.rtp, rtp(1, 0xa), LOOPBACK, p[1]);
    send(other.rtp, rtp(2, 0xa), LOOPBACK, p[0]);
    expect(b.rtp, rtp(2, 0xa), LOOPBACK, p[1]); // forwarded, but not learned
    send(b.rtp, rtp(3, 0xb), LOOPBACK, p[1]);
    expect(a.rtp, rtp(3, 0xb), LOOPBACK, p[0]);
    expectNothing(other.rtp);
  }

  @Test
  void ipv6() throws Exception {
    InetAddress v6 = InetAddress.getByName("::1");
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(v6, 0))) {
      assertFalse(probe.isClosed());
    } catch (Exception e) {
      Assumptions.abort("no IPv6 loopback: " + e);
    }
    deploy(8, 60);
    Phone a = phone(v6, true);
    Phone b = phone(v6, true);
    int[] p = allocate("v6", 2, v6);
    configure("v6", leg(p[0], p[1], a), leg(p[1], p[0], b));
    byte[] rtpA = rtp(1, 0xa);
    send(a.rtp, rtpA, v6, p[0]);
    expect(b.rtp, rtpA, v6, p[1]);
    byte[] srB = senderReport(0xb);
    send(b.rtcp, srB, v6, p[1] + 1);
    expect(a.rtcp, srB, v6, p[0] + 1);
  }

  /**
   * A port on an IPv4 address is an AF_INET socket, as rtpengine's are (Vert.x's epoll and io_uring
   * transports would open dual-stack IPv6 ones, and each packet would take the kernel's IPv6 path).
   */
  @Test
  void ipv4PortsAreIpv4Sockets() throws Exception {
    deploy(8, 60);
    int[] p = allocate("v4", 1);
    String local = String.format(":%04X ", p[0]);
    java.util.function.Predicate<String> bound = table -> {
      try {
        return java.nio.file.Files.readAllLines(java.nio.file.Path.of(table)).stream()
            .anyMatch(line -> line.trim().split("\\s+")[1].endsWith(local.trim()));
      } catch (java.io.IOException e) {
        return false;
      }
    };
    Assumptions.assumeTrue(java.nio.file.Files.exists(java.nio.file.Path.of("/proc/net/udp")), "no procfs");
    assertTrue(bound.test("/proc/net/udp"), "port " + p[0] + " not in /proc/net/udp");
    assertFalse(bound.test("/proc/net/udp6"), "port " + p[0] + " is an IPv6 socket");
  }

  /** {@code --tos}: what {@code ss --tos} shows for every media socket of a call, also a party's connected one. */
  @Test
  void everyMediaSocketCarriesTheConfiguredTos() throws Exception {
    Assumptions.assumeTrue(SocketTable.available(), "no ss (iproute2)");
    tos = 184;
    deploy(8, 60);
    Phone a = phone(false);
    Phone b = phone(false);
    int[] p = allocate("tos", 2);
    configure("tos", leg(p[0], p[1], a).put("latch", true), leg(p[1], p[0], b).put("latch", true));
    send(a.rtp, rtp(1, 0xa), LOOPBACK, p[0]);
    expect(b.rtp, rtp(1, 0xa), LOOPBACK, p[1]);
    send(b.rtp, rtp(1, 0xb), LOOPBACK, p[1]);
    expect(a.rtp, rtp(1, 0xb), LOOPBACK, p[0]);
    Thread.sleep(200); // a party's connected socket, where the transport has them, opens after its first packet
    for (int port : new int[] {p[0], p[0] + 1, p[1], p[1] + 1}) {
      java.util.List<String> sockets = SocketTable.udp(port);
      assertFalse(sockets.isEmpty(), "no socket on port " + port);
      for (String socket : sockets) {
        assertTrue(socket.contains("tos:0xb8"), "port " + port + ": " + socket);
      }
    }
  }

  @Test
  void badRequestsFailWithoutSideEffects() {
    deploy(8, 60);
    assertEquals(400, requestFails(new JsonObject().put("op", "nope")).failureCode());
    assertEquals(400, requestFails(new JsonObject().put("op", MediaApi.OP_ALLOCATE).put("call", "c")
        .put("address", "localhost")).failureCode());
    assertEquals(404, requestFails(new JsonObject().put("op", MediaApi.OP_CONFIGURE).put("call", "c")
        .put("legs", new io.vertx.core.json.JsonArray())).failureCode());
    int[] p = allocate("c", 1);
    ReplyException badPeer = requestFails(new JsonObject().put("op", MediaApi.OP_CONFIGURE).put("call", "c")
        .put("legs", new io.vertx.core.json.JsonArray().add(new JsonObject().put("port", p[0]).put("peer", 2))));
    assertEquals(404, badPeer.failureCode());
    assertEquals(1, blockStats().getInteger("ports"));
  }
}
