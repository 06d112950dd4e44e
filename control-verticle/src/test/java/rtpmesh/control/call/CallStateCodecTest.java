package rtpmesh.control.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.json.JsonObject;
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
    lb.sendRoc.put(0xfffffff0L, 1);
    lb.recvRoc.put(7L, 2);
    MediaLeg lp = phone.media(1);
    lp.port = 30042;
    lb.peer = lp;
    lp.peer = lb;

    Call back = CallStateCodec.fromJson(new JsonObject(CallStateCodec.toJson(c, "n1").encode()), 0);
    MediaLeg resumed = back.tagged("browser").existingMedia(1);
    assertEquals(new Endpoint("192.0.2.7", 50123), resumed.dtlsParty);

    JsonObject taken = legAt(LegConfig.of(back, true), 30040);
    assertEquals(new JsonObject().put("suite", "AES_CM_128_HMAC_SHA1_80").put("sendKey", "c2VuZA==")
        .put("recvKey", "cmVjdg==").put("roc", new JsonObject()
            .put("send", new JsonObject().put("4294967280", 1)).put("recv", new JsonObject().put("7", 2))),
        taken.getJsonObject("srtp"), "the keys, and the ROCs the streams had rolled over to");
    assertEquals(null, taken.getJsonObject("dtls"), "no new handshake");
    assertEquals("192.0.2.7", taken.getString("remote"));
    assertEquals(50123, taken.getInteger("remotePort"));

    JsonObject signalled = legAt(LegConfig.of(back, false), 30040);
    assertEquals(null, signalled.getString("remote"), "outside a takeover ICE alone says where media goes");
    assertEquals(null, signalled.getJsonObject("srtp"), "outside a takeover the handshake gives the keys");
  }

  private static JsonObject legAt(io.vertx.core.json.JsonArray legs, int port) {
    for (Object o : legs) {
      if (((JsonObject) o).getInteger("port") == port) return (JsonObject) o;
    }
    throw new AssertionError("no leg " + port + " in " + legs);
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
}
