package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BUNDLE (RFC 8843) through a node with rtpengine's BUNDLE flags: a party with audio and video on
 * one port calls an audio phone and a video phone that have one port each (separate m= ports).
 */
class BundleCallTest {
  private TestNode node;
  private Phone bundled;
  private Phone audio;
  private Phone video;

  @BeforeEach
  void start() {
    node = TestNode.start();
    bundled = Phone.open();
    audio = Phone.open();
    video = Phone.open();
  }

  @AfterEach
  void stop() {
    bundled.close();
    audio.close();
    video.close();
    node.close();
  }

  private static String sdp(String... lines) {
    return String.join("\r\n", lines) + "\r\n";
  }

  /** The ports of the m= lines, in order. */
  private static List<Integer> ports(Map<String, Object> reply) {
    List<Integer> out = new ArrayList<>();
    for (String l : SdpView.of(reply).lines()) if (l.startsWith("m=")) out.add(Integer.parseInt(l.split(" ")[1]));
    return out;
  }

  private String bundledSdp(boolean group) {
    int p = bundled.rtpPort();
    return sdp("v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "t=0 0", group ? "a=group:BUNDLE a v" : "a=tool:x",
        "m=audio " + p + " RTP/AVP 0", "c=IN IP4 127.0.0.1", "a=rtcp-mux", "a=mid:a", "a=sendrecv",
        "m=video " + p + " RTP/AVP 96", "c=IN IP4 127.0.0.1", "a=rtpmap:96 VP8/90000", "a=rtcp-mux", "a=mid:v", "a=sendrecv");
  }

  private String separateSdp(boolean group) {
    return sdp("v=0", "o=- 2 1 IN IP4 127.0.0.1", "s=-", "t=0 0", group ? "a=group:BUNDLE a v" : "a=tool:y",
        "m=audio " + audio.rtpPort() + " RTP/AVP 0", "c=IN IP4 127.0.0.1", "a=mid:a", "a=sendrecv",
        "m=video " + video.rtpPort() + " RTP/AVP 96", "c=IN IP4 127.0.0.1", "a=rtpmap:96 VP8/90000", "a=mid:v", "a=sendrecv");
  }

  /** Media of each section reaches its own phone, and both phones reach the bundled party's one port. */
  private void mediaFlows(int bundlePort, int audioPort, int videoPort) {
    byte[] pcmu = Packets.rtp(0, 1, 0xa1);
    bundled.sendRtp(bundlePort, pcmu);
    audio.expectRtp(pcmu, audioPort);
    byte[] vp8 = Packets.rtp(96, 1, 0xa2);
    bundled.sendRtp(bundlePort, vp8);
    video.expectRtp(vp8, videoPort);
    audio.expectSilence();

    byte[] fromAudio = Packets.rtp(0, 2, 0xb1);
    audio.sendRtp(audioPort, fromAudio);
    bundled.expectRtp(fromAudio, bundlePort);
    byte[] fromVideo = Packets.rtp(96, 2, 0xb2);
    video.sendRtp(videoPort, fromVideo);
    bundled.expectRtp(fromVideo, bundlePort);
  }

  @Test
  void bundleAcceptAnswersTheOffererOnOnePortAndSplitsItsMediaPerSection() {
    String callId = "bundle-accept";
    Map<String, Object> offer = node.ng().ok("command", "offer", "call-id", callId, "from-tag", "x", "sdp", bundledSdp(true),
        "BUNDLE", List.of("accept"));
    SdpView out = SdpView.of(offer);
    assertFalse(out.text().contains("a=group:BUNDLE"), "the plain side gets one port per m=\n" + out.text());
    List<Integer> toPhones = ports(offer);
    assertNotEquals(toPhones.get(0), toPhones.get(1));

    Map<String, Object> answer = node.ng().ok("command", "answer", "call-id", callId, "from-tag", "x", "to-tag", "y",
        "sdp", separateSdp(false));
    SdpView back = SdpView.of(answer);
    assertTrue(back.has("a=group:BUNDLE a v"), back.text());
    List<Integer> toBundled = ports(answer);
    assertEquals(toBundled.get(0), toBundled.get(1), "one transport for both sections\n" + back.text());
    assertEquals(2, back.all("a=rtcp-mux").size(), back.text());

    mediaFlows(toBundled.get(0), toPhones.get(0), toPhones.get(1));
    node.ng().ok("command", "delete", "call-id", callId, "from-tag", "x", "delete delay", 0L);
  }

  @Test
  void withoutTheFlagTheOfferersBundleIsBroken() {
    String callId = "bundle-none";
    node.ng().ok("command", "offer", "call-id", callId, "from-tag", "x", "sdp", bundledSdp(true));
    Map<String, Object> answer = node.ng().ok("command", "answer", "call-id", callId, "from-tag", "x", "to-tag", "y",
        "sdp", separateSdp(false));
    assertFalse(SdpView.of(answer).text().contains("a=group:BUNDLE"));
    List<Integer> p = ports(answer);
    assertNotEquals(p.get(0), p.get(1));
    node.ng().ok("command", "delete", "call-id", callId, "from-tag", "x", "delete delay", 0L);
  }

  @Test
  void bundleOfferGivesTheReceiverOnePortAndItsMediaIsSplitPerSection() {
    String callId = "bundle-offer";
    // The phones offer (one port each); the receiver is the bundling party.
    Map<String, Object> offer = node.ng().ok("command", "offer", "call-id", callId, "from-tag", "y", "sdp", separateSdp(false),
        "BUNDLE", List.of("offer"));
    SdpView out = SdpView.of(offer);
    assertTrue(out.has("a=group:BUNDLE a v"), out.text());
    List<Integer> toBundled = ports(offer);
    assertEquals(toBundled.get(0), toBundled.get(1), out.text());
    Map<String, Object> answer = node.ng().ok("command", "answer", "call-id", callId, "from-tag", "y", "to-tag", "x",
        "sdp", bundledSdp(true));
    List<Integer> toPhones = ports(answer);
    assertNotEquals(toPhones.get(0), toPhones.get(1));

    mediaFlows(toBundled.get(0), toPhones.get(0), toPhones.get(1));
    node.ng().ok("command", "delete", "call-id", callId, "from-tag", "y", "delete delay", 0L);
  }

  @Test
  void aReceiverThatDeclinesTheBundleIsSentEachSectionAtItsOwnPort() {
    String callId = "bundle-declined";
    Map<String, Object> offer = node.ng().ok("command", "offer", "call-id", callId, "from-tag", "x", "sdp", bundledSdp(true),
        "BUNDLE", List.of("accept", "offer"));
    List<Integer> toPhones = ports(offer);
    assertEquals(toPhones.get(0), toPhones.get(1), "offered bundled");
    // The answerer knows nothing of BUNDLE: its sections have their own ports.
    Map<String, Object> answer = node.ng().ok("command", "answer", "call-id", callId, "from-tag", "x", "to-tag", "y",
        "sdp", separateSdp(false));
    int bundlePort = ports(answer).get(0);
    int relayPort = toPhones.get(0);

    byte[] pcmu = Packets.rtp(0, 1, 0xa1);
    bundled.sendRtp(bundlePort, pcmu);
    audio.expectRtp(pcmu, relayPort);
    byte[] vp8 = Packets.rtp(96, 1, 0xa2);
    bundled.sendRtp(bundlePort, vp8);
    video.expectRtp(vp8, relayPort);
    byte[] fromVideo = Packets.rtp(96, 2, 0xb2);
    video.sendRtp(relayPort, fromVideo);
    bundled.expectRtp(fromVideo, bundlePort);
    node.ng().ok("command", "delete", "call-id", callId, "from-tag", "x", "delete delay", 0L);
  }
}
