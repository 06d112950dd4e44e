package rtpmesh.control.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster record of a call must rebuild the same call: tags, forks, legs, peers and ports. */
class CallStateCodecTest {

  private static Call forkedCall() {
    Call c = new Call("call-1", 1_700_000_000_123L, 0);
    Monologue a = c.newTagged("caller", c.createdMs);
    Monologue b1 = c.newUntagged("branch1", c.createdMs);
    c.adopt(b1, "fork1");
    Monologue b2 = c.newTagged("fork2", c.createdMs);
    a.subscribeTo(b1);
    b1.subscribeTo(a);
    b1.unsubscribeFrom(a);
    a.subscribeTo(b2);
    b2.subscribeTo(a);
    MediaLeg la = a.media(1);
    la.port = 30010;
    la.localAddress = "127.0.0.1";
    la.advertisedAddress = "203.0.113.7";
    la.remote = new Endpoint("192.168.1.10", 4000);
    la.remoteRtcpPort = 4001;
    la.mux = true;
    la.ptime = "20";
    MediaLeg lb1 = b1.media(1);
    lb1.port = 30020;
    MediaLeg lb2 = b2.media(1);
    lb2.port = 30030;
    la.peer = lb2;
    lb1.peer = la;
    lb2.peer = la;
    a.initialized = true;
    b2.iceControlling = true;
    c.version = 7;
    return c;
  }

  @Test
  void recordRebuildsTheSameCall() {
    Call c = forkedCall();
    JsonObject json = CallStateCodec.toJson(c, "node2");
    assertEquals("node2", json.getString("owner"));
    Call back = CallStateCodec.fromJson(new JsonObject(json.encode()), 1);
    assertEquals(c.callId, back.callId);
    assertEquals(c.createdMs, back.createdMs);
    assertEquals(7, back.version);
    Monologue a = back.tagged("caller");
    Monologue b1 = back.tagged("fork1");
    Monologue b2 = back.tagged("fork2");
    assertEquals(2, a.subscriptions.size());
    assertSame(b2, a.subscriptions.get(0));
    assertSame(b2, a.subscribers.get(0));
    assertEquals(0, b1.subscriptions.size());
    MediaLeg la = a.existingMedia(1);
    assertEquals(30010, la.port);
    assertEquals("203.0.113.7", la.advertisedAddress);
    assertEquals(new Endpoint("192.168.1.10", 4000), la.remote);
    assertEquals(4001, la.remoteRtcpPort);
    assertEquals(true, la.mux);
    assertSame(b2.existingMedia(1), la.peer);
    assertSame(la, b1.existingMedia(1).peer);
    assertEquals(true, a.initialized);
    assertEquals(true, b2.iceControlling);
    assertEquals("branch1", b1.viaBranch);
    assertEquals(json, CallStateCodec.toJson(back, "node2"), "a second round trip changes nothing");
  }

  /**
   * A browser's leg (no address in its SDP) whose DTLS handshake gave keys: the record keeps the
   * keys and where ICE had validated the browser, and a takeover's leg config resumes SRTP with
   * those keys and sends there at once (else media to the browser waits for its next consent check).
   */
  @Test
  void takeoverResumesADtlsLegWithItsKeysAtTheValidatedAddress() {
    Call c = new Call("call-3", 1L, 0);
    Monologue browser = c.newTagged("browser", 1L);
    Monologue phone = c.newTagged("phone", 1L);
    MediaLeg lb = browser.media(1);
    lb.port = 30040;
    lb.zeroAddress = true;
    lb.remote = new Endpoint("0.0.0.0", 9);
    lb.mux = true;
    lb.dtlsSetup = "active";
    lb.remoteSetup = "actpass";
    lb.remoteFingerprint = "sha-256 AB:CD";
    lb.dtlsSuite = "AES_CM_128_HMAC_SHA1_80";
    lb.dtlsSendKey = "c2VuZA==";
    lb.dtlsRecvKey = "cmVjdg==";
    lb.dtlsParty = new Endpoint("192.0.2.7", 50123);
    MediaLeg lp = phone.media(1);
    lp.port = 30042;
    lb.peer = lp;
    lp.peer = lb;

    Call back = CallStateCodec.fromJson(new JsonObject(CallStateCodec.toJson(c, "n1").encode()), 0);
    MediaLeg resumed = back.tagged("browser").existingMedia(1);
    assertEquals(new Endpoint("192.0.2.7", 50123), resumed.dtlsParty);

    JsonObject taken = legAt(LegConfig.of(back, true), 30040);
    assertEquals(new JsonObject().put("suite", "AES_CM_128_HMAC_SHA1_80").put("sendKey", "c2VuZA==")
        .put("recvKey", "cmVjdg==").put("sendRoc", new JsonObject()).put("recvRoc", new JsonObject()),
        taken.getJsonObject("srtp"), "the recorded keys, rollover counters from 0");
    assertEquals(null, taken.getJsonObject("dtls"), "no new handshake");
    assertEquals("192.0.2.7", taken.getString("remote"));
    assertEquals(50123, taken.getInteger("remotePort"));

    JsonObject signalled = legAt(LegConfig.of(back, false), 30040);
    assertEquals(null, signalled.getString("remote"), "outside a takeover ICE alone says where media goes");
  }

  private static JsonObject legAt(io.vertx.core.json.JsonArray legs, int port) {
    for (Object o : legs) {
      if (((JsonObject) o).getInteger("port") == port) return (JsonObject) o;
    }
    throw new AssertionError("no leg " + port + " in " + legs);
  }

  @Test
  void webrtcStateSurvivesTheRecordAndATakeoverResumesFromIt() {
    Call c = forkedCall();
    MediaLeg la = c.tagged("caller").existingMedia(1);
    la.ice = true;
    la.iceUfrag = "ourUfrag";
    la.icePwd = "ourPasswordOf22CharsXyz";
    la.remoteIceUfrag = "theirs";
    la.remoteIcePwd = "theirPasswordOf22Chars";
    la.iceControlling = true;
    la.dtlsSetup = "active";
    la.remoteSetup = "actpass";
    la.remoteFingerprint = "sha-256 AB:CD";
    la.dtlsSuite = "AES_CM_128_HMAC_SHA1_80";
    la.dtlsSendKey = "c2VuZEtleVNlbmRLZXlTZW5kS2V5U2VuZEtleQ";
    la.dtlsRecvKey = "cmVjdktleVJlY3ZLZXlSZWN2S2V5UmVjdktleQ";
    la.rocSend.put("4294967295", 3);
    la.rocRecv.put("287454020", 1);
    la.bundleWith = 0;
    la.midExtension = 4;
    la.formats = java.util.List.of("111", "0");
    JsonObject json = CallStateCodec.toJson(c, "node1");
    Call back = CallStateCodec.fromJson(new JsonObject(json.encode()), 1);
    MediaLeg lb = back.tagged("caller").existingMedia(1);
    assertEquals("ourUfrag", lb.iceUfrag);
    assertEquals("theirPasswordOf22Chars", lb.remoteIcePwd);
    assertEquals(true, lb.iceControlling);
    assertEquals(java.util.Map.of("4294967295", 3), lb.rocSend);
    assertEquals(java.util.Map.of("287454020", 1), lb.rocRecv);
    assertEquals(4, lb.midExtension);
    assertEquals(java.util.List.of("111", "0"), lb.formats);
    assertEquals(json, CallStateCodec.toJson(back, "node1"), "a second round trip changes nothing");

    // The new owner configures the stream with the exported keys and the counters, no handshake.
    io.vertx.core.json.JsonArray legs = LegConfig.of(back, true);
    JsonObject leg = null;
    for (Object o : legs) if (((JsonObject) o).getInteger("port") == 30010) leg = (JsonObject) o;
    assertEquals(null, leg.getJsonObject("dtls"));
    JsonObject srtp = leg.getJsonObject("srtp");
    assertEquals(la.dtlsSendKey, srtp.getString("sendKey"));
    assertEquals(3, srtp.getJsonObject("sendRoc").getInteger("4294967295"));
    assertEquals(1, srtp.getJsonObject("recvRoc").getInteger("287454020"));
    assertEquals("ourUfrag", leg.getJsonObject("ice").getString("ufrag"));
    // An ordinary configure (no takeover) keeps the handshake and sends no counters.
    for (Object o : LegConfig.of(back, false)) {
      JsonObject j = (JsonObject) o;
      if (j.getInteger("port") == 30010) assertEquals("client", j.getJsonObject("dtls").getString("role"));
    }
  }

  @Test
  void transcodingSurvivesTheRecord() {
    Call c = forkedCall();
    MediaLeg la = c.tagged("caller").existingMedia(1);
    SdpCodec opus = new SdpCodec("111", "opus", 48000, 2, "useinbandfec=1", List.of("transport-cc"));
    la.transcode = new StreamCodec(opus, 110, -1, 20);
    la.transcodeMode = "always";
    la.answerable = List.of(opus);
    la.dtmfBlock = true;
    Call back = CallStateCodec.fromJson(new JsonObject(CallStateCodec.toJson(c, "n").encode()), 1);
    MediaLeg lb = back.tagged("caller").existingMedia(1);
    assertEquals(la.transcode, lb.transcode);
    assertEquals(List.of(opus), lb.answerable);
    assertEquals("always", lb.transcodeMode);
    assertEquals(true, lb.dtmfBlock);
  }

  @Test
  void untaggedSideKeepsItsNumberForQueries() {
    Call c = new Call("call-2", 1L, 0);
    Monologue a = c.newTagged("caller", 1L);
    Monologue u = c.newUntagged(null, 1L);
    a.subscribeTo(u);
    u.subscribeTo(a);
    Call back = CallStateCodec.fromJson(CallStateCodec.toJson(c, "n"), 0);
    assertEquals("<untagged 1>", back.untagged.get(0).label());
    Monologue again = back.newUntagged(null, 2L);
    assertEquals("<untagged 2>", again.label());
  }
  /** A media fork (subscribe request) survives a takeover: the subscriber, its keys and what it copies. */
  @Test
  void recordKeepsSubscriptions() {
    Call c = forkedCall();
    Monologue sub = c.newTagged("srs", c.createdMs);
    sub.subscriber = true;
    sub.inactive = true;
    MediaLeg s1 = sub.media(1);
    s1.port = 30040;
    s1.copyOf = c.tagged("caller").media(1);
    s1.srtpSuite = "AES_CM_128_HMAC_SHA1_80";
    s1.srtpSendKey = "send";
    s1.srtpRecvKey = "recv";
    MediaLeg s2 = sub.media(2);
    s2.port = 30042;
    s2.copyOf = c.tagged("fork2").media(1);
    Monologue pub = c.newTagged("pub", c.createdMs);
    pub.publisher = true;

    Call back = CallStateCodec.fromJson(new JsonObject(CallStateCodec.toJson(c, "node1").encode()), 0);
    Monologue sb = back.tagged("srs");
    assertEquals(true, sb.subscriber);
    assertEquals(true, sb.inactive);
    assertEquals(true, back.tagged("pub").publisher);
    assertEquals(false, back.tagged("caller").subscriber);
    assertSame(back.tagged("caller").media(1), sb.media(1).copyOf);
    assertSame(back.tagged("fork2").media(1), sb.media(2).copyOf);
    assertEquals("send", sb.media(1).srtpSendKey);
    assertEquals("[30040]", LegConfig.of(back).stream()
        .map(o -> (JsonObject) o).filter(j -> j.getInteger("port") == 30010).findFirst().orElseThrow()
        .getJsonArray("forks").encode(), "the caller's leg forks to the subscriber after the takeover");
  }
}
