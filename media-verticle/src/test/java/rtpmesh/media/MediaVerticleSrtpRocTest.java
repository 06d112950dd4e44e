package rtpmesh.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static rtpmesh.media.Phone.expect;
import static rtpmesh.media.Phone.expectNothing;
import static rtpmesh.media.Phone.send;

import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import rtpmesh.media.srtp.SrtpContext;
import rtpmesh.media.srtp.SrtpSuite;

/**
 * SRTP rollover counters (RFC 3711 §3.3.1) across the control plane: a leg reports a ROC that
 * advanced as an event (never per packet), and a leg configured with the counters from the call
 * record (a takeover) decrypts a stream that is past its first wrap at once.
 */
class MediaVerticleSrtpRocTest extends MediaVerticleTestBase {
  private static final int SSRC = 0x0badcafe;

  @Override
  VertxOptions vertxOptions() {
    return new VertxOptions().setPreferNativeTransport(false);
  }

  private static byte[] rtp(int seq) {
    ByteBuffer b = ByteBuffer.allocate(12 + 40);
    b.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(seq * 160).putInt(SSRC);
    for (int i = 0; i < 40; i++) b.put((byte) (seq + i));
    return b.array();
  }

  private static byte[] protect(SrtpContext c, byte[] plain) {
    byte[] buf = Arrays.copyOf(plain, plain.length + 10);
    return Arrays.copyOf(buf, c.protect(buf, 0, plain.length));
  }

  private LinkedBlockingQueue<JsonObject> events() {
    LinkedBlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
    vertx.eventBus().<JsonObject>localConsumer(MediaApi.eventsAddress(nodeId), m -> events.add(m.body())).completion().await();
    return events;
  }

  @Test
  void aTakenOverLegStartsFromTheRecordedRocAndReportsTheNextWrapOnce() throws Exception {
    deploy(8, 60);
    Phone srtpPhone = phone(false);
    Phone plainPhone = phone(false);
    int[] p = allocate("r", 2);
    byte[] key = new byte[30];
    new SecureRandom().nextBytes(key);
    String inline = Base64.getEncoder().encodeToString(key);
    SrtpContext phoneOut = SrtpContext.create(SrtpSuite.AES_CM_128_HMAC_SHA1_80, Arrays.copyOf(key, 16), Arrays.copyOfRange(key, 16, 30));
    phoneOut.setRoc(SSRC, 5); // the stream has wrapped five times already
    LinkedBlockingQueue<JsonObject> events = events();
    JsonObject srtp = new JsonObject().put("suite", "AES_CM_128_HMAC_SHA1_80").put("sendKey", inline).put("recvKey", inline)
        .put("recvRoc", new JsonObject().put(Long.toString(SSRC & 0xffffffffL), 5));
    configure("r", leg(p[0], p[1], srtpPhone).put("srtp", srtp), leg(p[1], p[0], plainPhone));

    byte[] plain = rtp(65534);
    send(srtpPhone.rtp, protect(phoneOut, plain), LOOPBACK, p[0]);
    expect(plainPhone.rtp, plain, LOOPBACK, p[1]);
    assertNull(events.poll(200, TimeUnit.MILLISECONDS), "no event for an ordinary packet");

    for (int seq : new int[] {65535, 0, 1}) {
      byte[] next = rtp(seq);
      send(srtpPhone.rtp, protect(phoneOut, next), LOOPBACK, p[0]);
      expect(plainPhone.rtp, next, LOOPBACK, p[1]);
    }
    JsonObject event = events.poll(5, TimeUnit.SECONDS);
    assertNotNull(event, "the wrap is reported");
    assertEquals(MediaApi.EVENT_ROC, event.getString("event"));
    assertEquals("r", event.getString("call"));
    assertEquals(p[0], event.getInteger("port"));
    assertEquals("recv", event.getString("direction"));
    assertEquals(SSRC & 0xffffffffL, event.getLong("ssrc"));
    assertEquals(6, event.getInteger("roc"));
    assertNull(events.poll(200, TimeUnit.MILLISECONDS), "once per wrap");
  }

  @Test
  void withoutTheRecordedRocAStreamPastItsFirstWrapDoesNotAuthenticate() throws Exception {
    deploy(8, 60);
    Phone srtpPhone = phone(false);
    Phone plainPhone = phone(false);
    int[] p = allocate("r", 2);
    byte[] key = new byte[30];
    new SecureRandom().nextBytes(key);
    String inline = Base64.getEncoder().encodeToString(key);
    SrtpContext phoneOut = SrtpContext.create(SrtpSuite.AES_CM_128_HMAC_SHA1_80, Arrays.copyOf(key, 16), Arrays.copyOfRange(key, 16, 30));
    phoneOut.setRoc(SSRC, 5);
    JsonObject srtp = new JsonObject().put("suite", "AES_CM_128_HMAC_SHA1_80").put("sendKey", inline).put("recvKey", inline);
    configure("r", leg(p[0], p[1], srtpPhone).put("srtp", srtp), leg(p[1], p[0], plainPhone));
    send(srtpPhone.rtp, protect(phoneOut, rtp(100)), LOOPBACK, p[0]);
    expectNothing(plainPhone.rtp);
    assertEquals(1, blockStats().getJsonObject("dropReasons").getLong("srtp-unprotect"));
  }
}
