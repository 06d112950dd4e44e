package rtpmesh.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rtpmesh.media.Packets.rtp;
import static rtpmesh.media.Phone.expect;
import static rtpmesh.media.Phone.expectNothing;
import static rtpmesh.media.Phone.send;

import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rtpmesh.media.dtls.DtlsHandshakePool;
import rtpmesh.media.dtls.DtlsRole;
import rtpmesh.media.dtls.DtlsSrtpKeys;
import rtpmesh.media.ice.IceCredentials;
import rtpmesh.media.stun.Stun;

/**
 * A browser (ICE controlling + DTLS + SRTP, built from the media packages) on leg A and a plain
 * RTP phone on leg B, over real UDP sockets on 127.0.0.1: the leg terminates ICE and DTLS-SRTP.
 */
class MediaVerticleWebRtcTest extends MediaVerticleTestBase {
  private static final DtlsHandshakePool BROWSER_POOL = new DtlsHandshakePool(4, 16);
  private static final IceCredentials LEG_ICE = new IceCredentials("legUfrag", "legPasswordOf22CharsPlus");

  @AfterAll
  static void closePool() {
    BROWSER_POOL.close();
  }

  @Override
  VertxOptions vertxOptions() {
    return new VertxOptions().setPreferNativeTransport(false);
  }

  private String fingerprint() {
    return request(new JsonObject().put("op", MediaApi.OP_FINGERPRINT)).getString("fingerprint");
  }

  private Browser browser(DtlsRole role, int legPort, IceCredentials legCredentials) throws Exception {
    Browser b = new Browser(BROWSER_POOL, role, new InetSocketAddress(LOOPBACK, legPort), legCredentials, fingerprint());
    closeables.add(b);
    return b;
  }

  /** Leg A as the control plane would send it: ICE controlled (the browser offers), DTLS opposite. */
  private static JsonObject webrtcLeg(int port, int peer, Browser browser, DtlsRole browserRole) {
    return new JsonObject().put("port", port).put("peer", peer).put("mux", true)
        .put("remote", LOOPBACK.getHostAddress()).put("remotePort", browser.address().getPort())
        .put("ice", new JsonObject()
            .put("ufrag", LEG_ICE.ufrag()).put("pwd", LEG_ICE.pwd())
            .put("remoteUfrag", browser.credentials.ufrag()).put("remotePwd", browser.credentials.pwd())
            .put("controlling", false).put("remoteLite", false))
        .put("dtls", new JsonObject()
            .put("role", browserRole == DtlsRole.CLIENT ? "server" : "client")
            .put("remoteFingerprint", Browser.CERTIFICATE.sdpFingerprint()));
  }

  private LinkedBlockingQueue<JsonObject> events() {
    LinkedBlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
    vertx.eventBus().<JsonObject>localConsumer(MediaApi.eventsAddress(nodeId), m -> events.add(m.body()))
        .completion().await();
    return events;
  }

  private long dropped(String reason) {
    return blockStats().getJsonObject("dropReasons").getLong(reason);
  }

  private static String base64(byte[] key, byte[] salt) {
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(key.length + salt.length).put(key).put(salt).array());
  }

  /** Runs ICE and DTLS to completion; checks the published keys against the browser's. */
  private void handshake(Browser browser, int port, LinkedBlockingQueue<JsonObject> events) throws Exception {
    browser.start();
    DtlsSrtpKeys keys = browser.connected(15);
    JsonObject event = events.poll(5, TimeUnit.SECONDS);
    assertNotNull(event, "no dtls event published");
    assertEquals("w", event.getString("call"));
    assertEquals(port, event.getInteger("port"));
    assertEquals(MediaApi.EVENT_DTLS, event.getString("event"));
    assertEquals("AES_CM_128_HMAC_SHA1_80", event.getString("suite"));
    assertEquals(base64(keys.remoteKey(), keys.remoteSalt()), event.getString("localKey"));
    assertEquals(base64(keys.localKey(), keys.localSalt()), event.getString("remoteKey"));
  }

  private void exchangeMedia(Browser browser, Phone phone, int[] p, int seq) throws Exception {
    byte[] fromBrowser = rtp(seq, 0xa);
    browser.sendSrtp(fromBrowser);
    expect(phone.rtp, fromBrowser, LOOPBACK, p[1]);
    byte[] fromPhone = rtp(seq, 0xb);
    send(phone.rtp, fromPhone, LOOPBACK, p[1]);
    assertArrayEquals(fromPhone, browser.receiveSrtp(2));
  }

  @ParameterizedTest(name = "browser is DTLS {0}")
  @EnumSource(DtlsRole.class)
  void browserSrtpReachesThePlainPhoneAndBack(DtlsRole browserRole) throws Exception {
    deploy(8, 60);
    Phone phone = phone(false);
    int[] p = allocate("w", 2);
    Browser browser = browser(browserRole, p[0], LEG_ICE);
    LinkedBlockingQueue<JsonObject> events = events();
    configure("w", webrtcLeg(p[0], p[1], browser, browserRole), leg(p[1], p[0], phone));

    handshake(browser, p[0], events);
    exchangeMedia(browser, phone, p, 1);

    // The browser nominates right after its first check succeeds; the leg's DTLS (as client) may
    // have started on that first authenticated check already.
    JsonObject legA = stats("w").getJsonObject(Integer.toString(p[0]));
    for (int i = 0; i < 50 && !"connected".equals(legA.getString("ice")); i++) {
      Thread.sleep(20);
      legA = stats("w").getJsonObject(Integer.toString(p[0]));
    }
    assertEquals("connected", legA.getString("ice"));
    assertEquals("connected", legA.getString("dtls"));
    assertEquals("127.0.0.1:" + browser.address().getPort(), legA.getJsonObject("rtp").getString("endpoint"));
    assertEquals(0, dropped("stun-rejected"));
    assertNull(events.poll(200, TimeUnit.MILLISECONDS), "the dtls event is published once");

    // A configure repeating the same ice/dtls keeps the association and its SRTP state.
    configure("w", webrtcLeg(p[0], p[1], browser, browserRole), leg(p[1], p[0], phone));
    exchangeMedia(browser, phone, p, 2);
    assertNull(events.poll(200, TimeUnit.MILLISECONDS));
  }

  @Test
  void stunWithAWrongPasswordGetsNoSuccessAndNothingReachesThePhone() throws Exception {
    deploy(8, 60);
    Phone phone = phone(false);
    int[] p = allocate("w", 2);
    Browser browser = browser(DtlsRole.CLIENT, p[0], new IceCredentials(LEG_ICE.ufrag(), "notTheLegPasswordAtAll"));
    configure("w", webrtcLeg(p[0], p[1], browser, DtlsRole.CLIENT), leg(p[1], p[0], phone));

    browser.start();
    Thread.sleep(600);
    List<Integer> types = browser.stunTypes;
    assertFalse(types.isEmpty(), "the relay answers a bad check with an error");
    assertFalse(types.contains(Stun.BINDING_SUCCESS), "no success response to a bad password: " + types);
    assertTrue(types.contains(Stun.BINDING_ERROR));
    assertTrue(dropped("stun-rejected") > 0);
    expectNothing(phone.rtp);
    JsonObject legA = stats("w").getJsonObject(Integer.toString(p[0]));
    assertEquals("new", legA.getString("ice"));
    assertNull(legA.getJsonObject("rtp").getString("endpoint"));
  }

  @Test
  void mediaBeforeTheHandshakeIsDroppedBothWays() throws Exception {
    deploy(8, 60);
    Phone phone = phone(false);
    int[] p = allocate("w", 2);
    Browser browser = browser(DtlsRole.CLIENT, p[0], LEG_ICE);
    configure("w", webrtcLeg(p[0], p[1], browser, DtlsRole.CLIENT), leg(p[1], p[0], phone));

    browser.sendRaw(rtp(1, 0xa)); // plain RTP before any key exists
    expectNothing(phone.rtp);
    send(phone.rtp, rtp(2, 0xb), LOOPBACK, p[1]); // never plain RTP to a DTLS party
    assertNull(browser.pollMedia(300));
    assertEquals(2, dropped("dtls-pending"));
  }

  @Test
  void garbageOnTheWebRtcPortDoesNotBreakTheLeg() throws Exception {
    deploy(8, 60);
    Phone phone = phone(false);
    int[] p = allocate("w", 2);
    Browser browser = browser(DtlsRole.SERVER, p[0], LEG_ICE);
    LinkedBlockingQueue<JsonObject> events = events();
    configure("w", webrtcLeg(p[0], p[1], browser, DtlsRole.SERVER), leg(p[1], p[0], phone));

    byte[] stunHeaderWrongCookie = new byte[20];
    stunHeaderWrongCookie[1] = 0x01;
    byte[] stunTruncated = {0x00, 0x01, 0x00, 0x08, 0x21, 0x12, (byte) 0xa4, 0x42};
    // A well-formed DTLS handshake record, from an address ICE has not validated yet.
    byte[] dtlsRecord = {22, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1};
    byte[] dtlsMalformed = {22, 0x01, 0x02};
    byte[] notMedia = new byte[40];
    notMedia[0] = 0x50;
    byte[] highByte = new byte[40];
    highByte[0] = (byte) 0xf0;
    for (byte[] garbage : List.of(new byte[0], stunHeaderWrongCookie, stunTruncated, dtlsRecord, dtlsMalformed,
        notMedia, highByte, rtp(9, 0xdead))) {
      browser.sendRaw(garbage);
    }
    expectNothing(phone.rtp);
    // The loop may still be busy (a busy machine): wait until the last datagram sent was handled.
    JsonObject reasons = blockStats().getJsonObject("dropReasons");
    for (int i = 0; i < 100 && reasons.getLong("dtls-pending") == 0; i++) {
      Thread.sleep(50);
      reasons = blockStats().getJsonObject("dropReasons");
    }
    assertEquals(2, reasons.getLong("stun-rejected"), reasons::encode);
    assertEquals(2, reasons.getLong("dtls-unexpected"), reasons::encode);
    assertTrue(reasons.getLong("not-media") >= 2, reasons::encode); // 3 if the transport delivers the empty one
    assertEquals(1, reasons.getLong("dtls-pending"), reasons::encode);

    // The browser is the DTLS server here, so the leg is the client and starts after ICE.
    handshake(browser, p[0], events);
    exchangeMedia(browser, phone, p, 1);
  }

  @Test
  void srtpFailingAuthenticationIsDroppedCountedAndNeverForwarded() throws Exception {
    deploy(8, 60);
    Phone phone = phone(false);
    int[] p = allocate("w", 2);
    Browser browser = browser(DtlsRole.CLIENT, p[0], LEG_ICE);
    LinkedBlockingQueue<JsonObject> events = events();
    configure("w", webrtcLeg(p[0], p[1], browser, DtlsRole.CLIENT), leg(p[1], p[0], phone));
    handshake(browser, p[0], events);
    exchangeMedia(browser, phone, p, 1);

    byte[] tampered = browser.protect(rtp(2, 0xa));
    tampered[20] ^= 0x01; // one payload bit: the HMAC-SHA1 tag no longer matches (RFC 3711 §3.4)
    browser.sendRaw(tampered);
    byte[] badTag = browser.protect(rtp(3, 0xa));
    badTag[badTag.length - 1] ^= (byte) 0x80;
    browser.sendRaw(badTag);
    expectNothing(phone.rtp);
    assertEquals(2, dropped("srtp-unprotect"));
    JsonObject legA = stats("w").getJsonObject(Integer.toString(p[0]));
    assertEquals(2, legA.getJsonObject("rtp").getLong("errors"));

    // The stream goes on: the next good packet passes.
    exchangeMedia(browser, phone, p, 4);
  }

  @Test
  void aBundledBrowserReachesAnAudioAndAVideoPhoneOverOneIceDtlsTransport() throws Exception {
    deploy(8, 60);
    Phone audio = phone(false);
    Phone video = phone(false);
    int[] p = allocate("w", 3);
    Browser browser = browser(DtlsRole.CLIENT, p[0], LEG_ICE);
    LinkedBlockingQueue<JsonObject> events = events();
    JsonObject bundle = new JsonObject().put("midExtension", 0).put("streams", new JsonArray()
        .add(new JsonObject().put("mid", "0").put("peer", p[1]).put("payloadTypes", new JsonArray().add(0)))
        .add(new JsonObject().put("mid", "1").put("peer", p[2]).put("payloadTypes", new JsonArray().add(96))));
    configure("w", webrtcLeg(p[0], p[1], browser, DtlsRole.CLIENT).put("bundle", bundle),
        leg(p[1], p[0], audio), leg(p[2], p[0], video));
    handshake(browser, p[0], events);

    byte[] pcmu = rtp(1, 0xa1);
    browser.sendSrtp(pcmu);
    expect(audio.rtp, pcmu, LOOPBACK, p[1]);
    byte[] vp8 = rtp(1, 0xa2);
    vp8[1] = 96;
    browser.sendSrtp(vp8);
    expect(video.rtp, vp8, LOOPBACK, p[2]);
    expectNothing(audio.rtp);

    // Both phones reach the browser, encrypted, on its one transport.
    byte[] fromAudio = rtp(2, 0xb1);
    send(audio.rtp, fromAudio, LOOPBACK, p[1]);
    assertArrayEquals(fromAudio, browser.receiveSrtp(2));
    byte[] fromVideo = rtp(2, 0xb2);
    fromVideo[1] = 96;
    send(video.rtp, fromVideo, LOOPBACK, p[2]);
    assertArrayEquals(fromVideo, browser.receiveSrtp(2));
  }

  @Test
  void fingerprintOpNamesTheNodeCertificate() {
    deploy(2, 60);
    String fp = fingerprint();
    assertTrue(fp.matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}"), fp);
    assertEquals(rtpmesh.media.dtls.DtlsCertificate.node().sdpFingerprint(), fp);
  }

  @Test
  void badWebRtcConfigIsRejected() {
    deploy(2, 60);
    int[] p = allocate("w", 1);
    JsonObject bad = new JsonObject().put("port", p[0]).put("dtls", new JsonObject().put("role", "both")
        .put("remoteFingerprint", "sha-256 00"));
    assertEquals(400, requestFails(new JsonObject().put("op", MediaApi.OP_CONFIGURE).put("call", "w")
        .put("legs", new JsonArray().add(bad))).failureCode());
    JsonObject badIce = new JsonObject().put("port", p[0]).put("ice", new JsonObject().put("ufrag", "a"));
    assertEquals(400, requestFails(new JsonObject().put("op", MediaApi.OP_CONFIGURE).put("call", "w")
        .put("legs", new JsonArray().add(badIce))).failureCode());
  }
}
