package rtpmesh.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static rtpmesh.media.Phone.expect;
import static rtpmesh.media.Phone.expectNothing;
import static rtpmesh.media.Phone.send;

import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A party that BUNDLEs audio and video on one port (RFC 8843) against two plain phones with one
 * port each, over real UDP sockets on 127.0.0.1: each of its packets reaches the phone of its media
 * section (by MID header extension, SSRC, payload type), and both phones reach it on its one port.
 */
class MediaVerticleBundleTest extends MediaVerticleTestBase {
  private static final int MID_EXT = 4;

  @Override
  VertxOptions vertxOptions() {
    return new VertxOptions().setPreferNativeTransport(false);
  }

  /** An RTP packet with payload type {@code pt}; with {@code mid} it carries the MID extension (one-byte form). */
  static byte[] rtp(int pt, int seq, int ssrc, String mid) {
    byte[] m = mid == null ? new byte[0] : mid.getBytes(StandardCharsets.US_ASCII);
    int extWords = mid == null ? 0 : (1 + m.length + 3) / 4;
    ByteBuffer b = ByteBuffer.allocate(12 + (mid == null ? 0 : 4 + 4 * extWords) + 20);
    b.put((byte) (mid == null ? 0x80 : 0x90)).put((byte) pt).putShort((short) seq).putInt(seq * 160).putInt(ssrc);
    if (mid != null) {
      b.putShort((short) 0xBEDE).putShort((short) extWords);
      b.put((byte) (MID_EXT << 4 | (m.length - 1))).put(m);
      for (int i = 1 + m.length; i < 4 * extWords; i++) b.put((byte) 0);
    }
    for (int i = 0; i < 20; i++) b.put((byte) (seq + i));
    return b.array();
  }

  /** A receiver report from {@code ssrc} about {@code about} (RFC 3550 §6.4.2, one report block). */
  static byte[] receiverReport(int ssrc, int about) {
    ByteBuffer b = ByteBuffer.allocate(32);
    b.put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt(ssrc).putInt(about);
    b.putInt(0).putInt(100).putInt(0).putInt(0).putInt(0);
    return b.array();
  }

  private static JsonObject bundle(int audioPeer, int videoPeer) {
    return new JsonObject().put("midExtension", MID_EXT).put("streams", new JsonArray()
        .add(new JsonObject().put("mid", "0").put("peer", audioPeer).put("payloadTypes", new JsonArray().add(0).add(8)))
        .add(new JsonObject().put("mid", "1").put("peer", videoPeer).put("payloadTypes", new JsonArray().add(96))));
  }

  @Test
  void eachBundledSectionReachesItsOwnPhoneAndBothPhonesReachTheBundle() throws Exception {
    deploy(8, 60);
    Phone bundled = phone(false);
    Phone audio = phone(false);
    Phone video = phone(false);
    int[] p = allocate("b", 3);
    configure("b", leg(p[0], p[1], bundled).put("bundle", bundle(p[1], p[2])),
        leg(p[1], p[0], audio), leg(p[2], p[0], video));

    // By payload type, without MID.
    byte[] pcmu = rtp(0, 1, 0xa1, null);
    send(bundled.rtp, pcmu, LOOPBACK, p[0]);
    expect(audio.rtp, pcmu, LOOPBACK, p[1]);
    byte[] vp8 = rtp(96, 1, 0xa2, null);
    send(bundled.rtp, vp8, LOOPBACK, p[0]);
    expect(video.rtp, vp8, LOOPBACK, p[2]);
    expectNothing(audio.rtp);

    // Both phones reach the bundled party on its one port, from that port.
    byte[] fromAudio = rtp(0, 2, 0xb1, null);
    send(audio.rtp, fromAudio, LOOPBACK, p[1]);
    expect(bundled.rtp, fromAudio, LOOPBACK, p[0]);
    byte[] fromVideo = rtp(96, 2, 0xb2, null);
    send(video.rtp, fromVideo, LOOPBACK, p[2]);
    expect(bundled.rtp, fromVideo, LOOPBACK, p[0]);

    // The MID header extension wins over the payload type, and its SSRC is then remembered.
    byte[] tagged = rtp(0, 3, 0xa3, "1");
    send(bundled.rtp, tagged, LOOPBACK, p[0]);
    expect(video.rtp, tagged, LOOPBACK, p[2]);
    byte[] untagged = rtp(0, 4, 0xa3, null);
    send(bundled.rtp, untagged, LOOPBACK, p[0]);
    expect(video.rtp, untagged, LOOPBACK, p[2]);
    expectNothing(audio.rtp);

    // RTCP: a sender report by the sender's SSRC; a receiver report by the SSRC it reports on.
    byte[] sr = Packets.senderReport(0xa2);
    send(bundled.rtp, sr, LOOPBACK, p[0]);
    expect(video.rtp, sr, LOOPBACK, p[2]);
    byte[] rr = receiverReport(0xcafe, 0xb1);
    send(bundled.rtp, rr, LOOPBACK, p[0]);
    expect(audio.rtp, rr, LOOPBACK, p[1]);
    expectNothing(video.rtp);

    // A payload type of no section, with an unknown SSRC and no MID: dropped and counted.
    send(bundled.rtp, rtp(50, 5, 0xa9, null), LOOPBACK, p[0]);
    expectNothing(audio.rtp);
    expectNothing(video.rtp);
    assertEquals(1, blockStats().getJsonObject("dropReasons").getLong("bundle-unrouted"));
  }

  @Test
  void releasingABundledSectionsPhoneLegStopsOnlyThatSection() throws Exception {
    deploy(8, 60);
    Phone bundled = phone(false);
    Phone audio = phone(false);
    Phone video = phone(false);
    int[] p = allocate("b", 3);
    configure("b", leg(p[0], p[1], bundled).put("bundle", bundle(p[1], p[2])),
        leg(p[1], p[0], audio), leg(p[2], p[0], video));
    request(new JsonObject().put("op", MediaApi.OP_RELEASE).put("call", "b").put("ports", new JsonArray().add(p[2])));

    send(bundled.rtp, rtp(96, 1, 0xa2, null), LOOPBACK, p[0]);
    expectNothing(video.rtp);
    byte[] pcmu = rtp(0, 2, 0xa1, null);
    send(bundled.rtp, pcmu, LOOPBACK, p[0]);
    expect(audio.rtp, pcmu, LOOPBACK, p[1]);
  }

  @Test
  void aBundleNamingAPortOutsideTheCallIsRejected() {
    deploy(4, 60);
    int[] p = allocate("b", 2);
    JsonObject bad = new JsonObject().put("port", p[0]).put("bundle", bundle(p[1], 9));
    assertEquals(404, requestFails(new JsonObject().put("op", MediaApi.OP_CONFIGURE).put("call", "b")
        .put("legs", new JsonArray().add(bad))).failureCode());
    JsonObject noStreams = new JsonObject().put("port", p[0]).put("bundle", new JsonObject().put("streams", new JsonArray()));
    assertEquals(400, requestFails(new JsonObject().put("op", MediaApi.OP_CONFIGURE).put("call", "b")
        .put("legs", new JsonArray().add(noStreams))).failureCode());
  }
}
