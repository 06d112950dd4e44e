package rtpmesh.media.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Two endpoints back to back over an in-memory pipe, each on its own "event loop". */
class DtlsEndpointTest {
  private static final DtlsCertificate CERT_A = DtlsCertificate.generate("a");
  private static final DtlsCertificate CERT_B = DtlsCertificate.generate("b");
  private static final DtlsCertificate STRANGER = DtlsCertificate.generate("stranger");

  private final DtlsHandshakePool pool = new DtlsHandshakePool(4, 16);
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    pool.close();
  }

  private LoopedEndpoint endpoint(String name, DtlsCertificate cert, DtlsParams params) {
    LoopedEndpoint e = new LoopedEndpoint(name, pool, cert, params);
    open.add(e);
    return e;
  }

  private static DtlsParams params(DtlsRole role, DtlsCertificate peer) {
    return DtlsParams.of(role, List.of(DtlsFingerprint.parse(peer.sdpFingerprint())));
  }

  private static void assertSameKeys(DtlsSrtpKeys client, DtlsSrtpKeys server) {
    assertEquals(client.profile(), server.profile());
    assertArrayEquals(client.localKey(), server.remoteKey());
    assertArrayEquals(client.localSalt(), server.remoteSalt());
    assertArrayEquals(client.remoteKey(), server.localKey());
    assertArrayEquals(client.remoteSalt(), server.localSalt());
  }

  // A offers a=setup:{0}; B answers by RFC 5763 §5; A then learns its role from B's answer.
  @ParameterizedTest(name = "rfc5763 offer a=setup:{0}")
  @CsvSource({"actpass", "active", "passive"})
  void rfc5763HandshakeForEachSetupExportsTheSameKeys(String offered) throws Exception {
    DtlsRole roleB = DtlsRole.forRemoteSetup(DtlsSetup.parse(offered).orElseThrow()).orElseThrow();
    DtlsRole roleA = DtlsRole.forRemoteSetup(roleB.localSetup()).orElseThrow();
    LoopedEndpoint a = endpoint("a", CERT_A, params(roleA, CERT_B));
    LoopedEndpoint b = endpoint("b", CERT_B, params(roleB, CERT_A));
    LoopedEndpoint.link(a, b);
    // The server listens first, as it would once ICE completes on both sides.
    (roleA == DtlsRole.SERVER ? a : b).start();
    (roleA == DtlsRole.SERVER ? b : a).start();

    DtlsResult.Connected ca = a.connected(10);
    DtlsResult.Connected cb = b.connected(10);
    DtlsSrtpKeys client = roleA == DtlsRole.CLIENT ? ca.keys() : cb.keys();
    DtlsSrtpKeys server = roleA == DtlsRole.CLIENT ? cb.keys() : ca.keys();
    assertSameKeys(client, server);
    assertEquals(DtlsSrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, client.profile());
    assertEquals(DtlsEndpoint.State.CONNECTED, a.onLoop(a.endpoint::state));
    assertEquals(2, pool.connected());
    System.out.printf("loopback handshake (%s offer): %.1f ms%n", offered,
        Math.max(ca.handshakeNanos(), cb.handshakeNanos()) / 1e6);
  }

  @ParameterizedTest(name = "rfc5764 4.1.1 server prefers {0}")
  @EnumSource(DtlsSrtpProfile.class)
  void rfc5764ServerPicksItsFirstProfileTheClientOffers(DtlsSrtpProfile preferred)
      throws Exception {
    List<DtlsSrtpProfile> serverOrder = new ArrayList<>(List.of(preferred));
    for (DtlsSrtpProfile p : DtlsSrtpProfile.values()) {
      if (p != preferred) {
        serverOrder.add(p);
      }
    }
    LoopedEndpoint client = endpoint("c", CERT_A, params(DtlsRole.CLIENT, CERT_B));
    LoopedEndpoint server = endpoint("s", CERT_B,
        params(DtlsRole.SERVER, CERT_A).withProfiles(serverOrder));
    LoopedEndpoint.link(client, server);
    server.start();
    client.start();
    DtlsSrtpKeys c = client.connected(10).keys();
    DtlsSrtpKeys s = server.connected(10).keys();
    assertEquals(preferred, c.profile());
    assertEquals(preferred.keyLength(), c.localKey().length);
    assertEquals(preferred.saltLength(), c.localSalt().length);
    assertSameKeys(c, s);
  }

  @Test
  void rfc5764NoCommonProfileFailsBothSides() throws Exception {
    LoopedEndpoint client = endpoint("c", CERT_A, params(DtlsRole.CLIENT, CERT_B)
        .withProfiles(List.of(DtlsSrtpProfile.SRTP_AES128_CM_HMAC_SHA1_32)));
    LoopedEndpoint server = endpoint("s", CERT_B, params(DtlsRole.SERVER, CERT_A)
        .withProfiles(List.of(DtlsSrtpProfile.SRTP_AEAD_AES_256_GCM)));
    LoopedEndpoint.link(client, server);
    server.start();
    client.start();
    // RFC 5764 §4.1.1: the server answers without use_srtp; the client gives up and says so.
    assertEquals(DtlsError.NO_SRTP_PROFILE, failed(server).error());
    assertEquals(DtlsError.NO_SRTP_PROFILE, failed(client).error());
  }

  // RFC 5763 §5: a certificate that does not match the SDP fingerprint ends the handshake.
  @ParameterizedTest(name = "rfc5763 fingerprint mismatch seen by the {0}")
  @EnumSource(DtlsRole.class)
  void rfc5763FingerprintMismatchFailsCleanlyOnBothSides(DtlsRole checker) throws Exception {
    DtlsParams clientParams = params(DtlsRole.CLIENT, checker == DtlsRole.CLIENT ? STRANGER : CERT_B);
    DtlsParams serverParams = params(DtlsRole.SERVER, checker == DtlsRole.SERVER ? STRANGER : CERT_A);
    LoopedEndpoint client = endpoint("c", CERT_A, clientParams);
    LoopedEndpoint server = endpoint("s", CERT_B, serverParams);
    LoopedEndpoint.link(client, server);
    server.start();
    client.start();
    LoopedEndpoint wrong = checker == DtlsRole.CLIENT ? client : server;
    LoopedEndpoint other = checker == DtlsRole.CLIENT ? server : client;
    DtlsResult.Failed mismatch = failed(wrong);
    assertEquals(DtlsError.FINGERPRINT_MISMATCH, mismatch.error());
    DtlsCertificate presented = checker == DtlsRole.CLIENT ? CERT_B : CERT_A;
    assertTrue(mismatch.detail().contains(presented.sdpFingerprint()), mismatch.detail());
    // The other side hears bad_certificate (RFC 5246 §7.2.2) and fails too.
    assertEquals(DtlsError.ALERT_RECEIVED, failed(other).error());
    assertEquals(1, pool.failed(DtlsError.FINGERPRINT_MISMATCH));
    assertEquals(DtlsEndpoint.State.FAILED, wrong.onLoop(wrong.endpoint::state));
    assertEquals(null, wrong.onLoop(wrong.endpoint::keys));
  }

  @Test
  void garbageIsCountedAndDoesNotKillTheHandshake() throws Exception {
    LoopedEndpoint client = endpoint("c", CERT_A, params(DtlsRole.CLIENT, CERT_B));
    LoopedEndpoint server = endpoint("s", CERT_B, params(DtlsRole.SERVER, CERT_A));
    List<ByteBuf> garbage = new ArrayList<>();
    Random random = new Random(5764);
    // Before every real datagram, each side also receives a volley of junk.
    Consumer<LoopedEndpoint> junk = to -> {
      for (byte[] g : garbage(random)) {
        ByteBuf buf = Unpooled.wrappedBuffer(g);
        garbage.add(buf);
        to.deliver(buf);
      }
    };
    client.wire = d -> {
      junk.accept(server);
      server.deliver(d);
    };
    server.wire = d -> {
      junk.accept(client);
      client.deliver(d);
    };
    server.start();
    client.start();
    assertSameKeys(client.connected(10).keys(), server.connected(10).keys());
    for (LoopedEndpoint e : List.of(client, server)) {
      long notDtls = e.onLoop(() -> e.endpoint.dropped(DtlsDropReason.NOT_DTLS));
      long malformed = e.onLoop(() -> e.endpoint.dropped(DtlsDropReason.MALFORMED));
      assertTrue(notDtls > 0 && malformed > 0, "not-dtls " + notDtls + " malformed " + malformed);
    }
    for (ByteBuf g : garbage) {
      assertEquals(0, g.refCnt(), "every datagram handed over is released");
    }
  }

  /**
   * Junk of every kind: not DTLS, broken headers, and a well-formed record from a future epoch
   * that the record layer must discard. Not here: epoch-0 records with random sequence numbers.
   * RFC 6347 §4.1.2.6 has the replay window updated only after authentication, but in epoch 0
   * (null cipher) anything "authenticates", so such junk can push BC's window past the real
   * flight's numbers. Only an on-path attacker can do that once ICE has pinned the peer's address.
   */
  private static List<byte[]> garbage(Random random) {
    byte[] rtp = new byte[60];
    random.nextBytes(rtp);
    rtp[0] = (byte) 0x80;
    byte[] stun = {0, 1, 0, 0, 0x21, 0x12, (byte) 0xA4, 0x42};
    byte[] shortRecord = {22, (byte) 0xFE, (byte) 0xFD, 0, 0};
    byte[] tlsVersion = record(22, 0, random, 8);
    tlsVersion[1] = 3;
    tlsVersion[2] = 3;
    byte[] wrongEpoch = record(22, 9, random, 40);
    return List.of(rtp, stun, shortRecord, tlsVersion, wrongEpoch);
  }

  private static byte[] record(int type, int epoch, Random random, int length) {
    byte[] r = new byte[Dtls.RECORD_HEADER_LENGTH + length];
    random.nextBytes(r);
    r[0] = (byte) type;
    r[1] = (byte) 0xFE;
    r[2] = (byte) 0xFD;
    r[3] = (byte) (epoch >> 8);
    r[4] = (byte) epoch;
    r[11] = (byte) (length >> 8);
    r[12] = (byte) length;
    return r;
  }

  @Test
  void handshakeWithNoReplyTimesOutWithinItsBound() throws Exception {
    LoopedEndpoint client = endpoint("c", CERT_A,
        params(DtlsRole.CLIENT, CERT_B).withHandshakeTimeout(Duration.ofMillis(1500)));
    AtomicInteger sent = new AtomicInteger();
    client.wire = d -> {
      sent.incrementAndGet();
      d.release();
    };
    long t0 = System.nanoTime();
    client.start();
    DtlsResult.Failed f = failed(client);
    double took = (System.nanoTime() - t0) / 1e9;
    assertEquals(DtlsError.TIMEOUT, f.error());
    assertTrue(took >= 1.4 && took < 3.0, "timed out after " + took + " s");
    assertTrue(sent.get() >= 2, "ClientHello retransmitted (RFC 6347 §4.2.4): " + sent.get());
    assertEquals(1, pool.failed(DtlsError.TIMEOUT));
    // The thread is back in the pool.
    Thread.sleep(100);
    assertEquals(0, pool.active());
  }

  @Test
  void aFloodOfClientHellosIsBoundedAndTheExtraOnesCounted() throws Exception {
    // A real ClientHello, captured from a client with nobody listening.
    LoopedEndpoint source = endpoint("src", CERT_A, params(DtlsRole.CLIENT, CERT_B));
    CompletableFuture<byte[]> hello = new CompletableFuture<>();
    source.wire = d -> {
      hello.complete(ByteBufUtil.getBytes(d));
      d.release();
    };
    source.start();
    byte[] clientHello = hello.get(5, TimeUnit.SECONDS);
    source.loop.execute(source.endpoint::close);

    try (DtlsHandshakePool small = new DtlsHandshakePool(1, 1)) {
      List<LoopedEndpoint> servers = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        LoopedEndpoint s = new LoopedEndpoint("s" + i, small, CERT_B,
            params(DtlsRole.SERVER, CERT_A).withHandshakeTimeout(Duration.ofSeconds(2)));
        open.add(s);
        servers.add(s);
        s.start();
        s.deliver(Unpooled.wrappedBuffer(clientHello.clone()));
        s.onLoop(s.endpoint::state); // in order: each loop submits before the next one starts
      }
      // One handshake runs (and answers into the void), one waits, the third is refused at once.
      assertEquals(DtlsError.OVERLOADED, failed(servers.get(2)).error());
      assertEquals(1, small.rejected());
      assertEquals(2, small.started());
      assertEquals(1, small.active());
      // The running one ends by its deadline; the queued one finds its deadline passed.
      assertEquals(DtlsError.TIMEOUT, failed(servers.get(0)).error());
      assertEquals(DtlsError.TIMEOUT, failed(servers.get(1)).error());
    }
  }

  @Test
  void closeSendsCloseNotifyAndThePeerReportsIt() throws Exception {
    LoopedEndpoint client = endpoint("c", CERT_A, params(DtlsRole.CLIENT, CERT_B));
    LoopedEndpoint server = endpoint("s", CERT_B, params(DtlsRole.SERVER, CERT_A));
    LoopedEndpoint.link(client, server);
    server.start();
    client.start();
    client.connected(10);
    server.connected(10);
    client.loop.execute(client.endpoint::close);
    assertEquals(new DtlsResult.Closed(false), client.next(5));
    assertEquals(new DtlsResult.Closed(true), server.next(5));
    assertEquals(DtlsEndpoint.State.CLOSED, server.onLoop(server.endpoint::state));
    // After close, datagrams are counted and released, never processed.
    ByteBuf late = Unpooled.wrappedBuffer(record(22, 1, new Random(1), 20));
    server.deliver(late);
    assertEquals(1L, server.onLoop(() -> server.endpoint.dropped(DtlsDropReason.NOT_OPEN)));
    assertEquals(0, late.refCnt());
  }

  @Test
  void closeDuringTheHandshakeFreesTheThread() throws Exception {
    LoopedEndpoint client = endpoint("c", CERT_A, params(DtlsRole.CLIENT, CERT_B));
    client.start();
    Thread.sleep(100);
    assertEquals(1, pool.active());
    client.loop.execute(client.endpoint::close);
    assertEquals(new DtlsResult.Closed(false), client.next(5));
    Thread.sleep(200);
    assertEquals(0, pool.active());
    assertTrue(client.results.isEmpty(), "no Failed after Closed: " + client.results);
  }

  /**
   * RFC 6347 §4.2.4: the server's last flight (ChangeCipherSpec + Finished) is lost, so the client
   * retransmits its flight; the server, already connected and running on its event loop, must
   * answer by resending its last flight.
   */
  @Test
  void rfc6347LostFinalFlightIsResentFromTheEventLoop() throws Exception {
    LoopedEndpoint client = endpoint("c", CERT_A, params(DtlsRole.CLIENT, CERT_B));
    LoopedEndpoint server = endpoint("s", CERT_B, params(DtlsRole.SERVER, CERT_A));
    AtomicInteger lost = new AtomicInteger();
    client.wire = server::deliver;
    server.wire = d -> {
      int epoch = d.getUnsignedShort(d.readerIndex() + 3);
      boolean finalFlight = d.getByte(d.readerIndex()) == 20 || epoch == 1;
      if (finalFlight && lost.get() < 2) {
        lost.incrementAndGet();
        d.release();
      } else {
        client.deliver(d);
      }
    };
    server.start();
    client.start();
    DtlsSrtpKeys s = server.connected(10).keys();
    DtlsSrtpKeys c = client.connected(10).keys();
    assertSameKeys(c, s);
    assertEquals(2, lost.get());
  }

  private static DtlsResult.Failed failed(LoopedEndpoint e) throws InterruptedException {
    return assertInstanceOf(DtlsResult.Failed.class, e.next(20));
  }
}
