package rtpmesh.control.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rtpmesh.control.ng.NgFlags;
import rtpmesh.control.ng.NgMessage;
import rtpmesh.control.sdp.Sdp;

/** Each rewrite rule of an outgoing SDP, on the desk-phone and Chrome offers of the kit. */
class SdpRewriterTest {
  private static final String PHONE = "v=0\r\no=- 1545997027 1 IN IP4 192.168.1.10\r\ns=-\r\nc=IN IP4 192.168.1.10\r\nt=0 0\r\n"
      + "m=audio 4000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
      + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n";

  private static MediaLeg leg(int port) {
    MediaLeg l = new MediaLeg(1);
    l.port = port;
    l.proto = "RTP/AVP";
    l.type = "audio";
    return l;
  }

  private static NgFlags flags(Object... kv) {
    Map<String, Object> d = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) d.put((String) kv[i], kv[i + 1]);
    return NgFlags.parse(new NgMessage(d, false));
  }

  private static String offer(String sdp, NgFlags f) throws Exception {
    return rewrite(sdp, f, true, null, false);
  }

  private static String rewrite(String sdp, NgFlags f, boolean offer, String ptime, boolean mux) throws Exception {
    Sdp in = Sdp.parse(sdp);
    List<SdpRewriter.Out> outs = new ArrayList<>();
    for (int i = 0; i < in.media.size(); i++) outs.add(new SdpRewriter.Out(leg(30000 + 2 * i), "127.0.0.1", mux, mux, ptime));
    return SdpRewriter.rewrite(in, outs, f, new Monologue("a", 0, 0), offer, "0123456789ab").toString();
  }

  @Test
  void defaultRewriteChangesOnlyAddressPortAndRtcp() throws Exception {
    String out = offer(PHONE, flags());
    assertEquals("v=0\r\no=- 1545997027 1 IN IP4 192.168.1.10\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio 30000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
        + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\na=rtcp:30001\r\na=ptime:20\r\n", out);
  }

  @Test
  void rtcpMuxAdvertisesTheRtpPortForRtcp() throws Exception {
    String out = rewrite(PHONE, flags(), false, null, true);
    assertTrue(out.contains("a=rtcp:30000\r\na=rtcp-mux\r\n"), out);
  }

  @Test
  void fullAndNoRtcpAttributeFlags() throws Exception {
    assertTrue(offer(PHONE, flags("flags", List.of("full-rtcp-attribute"))).contains("a=rtcp:30001 IN IP4 127.0.0.1\r\n"));
    assertFalse(offer(PHONE, flags("flags", List.of("no-rtcp-attribute"))).contains("a=rtcp"));
  }

  @Test
  void rfc2543HoldKeepsZeroAddressAndBecomesSendonly() throws Exception {
    String out = offer(PHONE.replace("c=IN IP4 192.168.1.10", "c=IN IP4 0.0.0.0"), flags());
    assertTrue(out.contains("c=IN IP4 0.0.0.0\r\n"), out);
    assertTrue(out.contains("a=sendonly\r\n"), out);
    String zero = offer(PHONE.replace("c=IN IP4 192.168.1.10", "c=IN IP4 0.0.0.0"), flags("replace", List.of("zero-address")));
    assertTrue(zero.contains("c=IN IP4 127.0.0.1\r\n") && zero.contains("a=sendrecv"), zero);
  }

  @Test
  void answerEchoesTheOfferPtimeWhenItHasNone() throws Exception {
    String answer = PHONE.replace("a=ptime:20\r\n", "");
    assertTrue(rewrite(answer, flags(), false, "20", false).contains("a=ptime:20\r\n"));
    assertTrue(rewrite(answer, flags("ptime-reverse", 30L), false, "20", false).contains("a=ptime:30\r\n"));
  }

  @Test
  void codecStripRemovesFormatsAndTheirAttributes() throws Exception {
    String out = offer(PHONE, flags("codec", Map.of("strip", List.of("PCMA", "telephone-event"))));
    assertTrue(out.contains("m=audio 30000 RTP/AVP 0\r\n"), out);
    assertFalse(out.contains("PCMA") || out.contains("fmtp:101"), out);
  }

  @Test
  void stripAllWithOfferKeepsTheListedCodecsInThatOrder() throws Exception {
    String out = offer(PHONE, flags("codec", Map.of("strip", List.of("all"), "offer", List.of("PCMA", "PCMU"))));
    assertTrue(out.contains("m=audio 30000 RTP/AVP 8 0\r\n"), out);
  }

  @Test
  void codecFlagsInTheFlagsList() throws Exception {
    String out = offer(PHONE, flags("flags", List.of("codec-strip-PCMU")));
    assertTrue(out.contains("m=audio 30000 RTP/AVP 8 101\r\n"), out);
  }

  @Test
  void singleCodecInAnAnswerKeepsTheFirstAndDtmf() throws Exception {
    String out = rewrite(PHONE, flags("flags", List.of("single-codec")), false, null, false);
    assertTrue(out.contains("m=audio 30000 RTP/AVP 0 101\r\n"), out);
    assertFalse(out.contains("PCMA"), out);
  }

  @Test
  void staticPayloadTypesGetTheirRtpmap() throws Exception {
    String out = offer("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 18\r\n", flags());
    assertTrue(out.contains("a=rtpmap:0 PCMU/8000\r\na=rtpmap:18 G729/8000\r\n"), out);
  }

  @Test
  void replaceOriginAndUsernameAndSessionName() throws Exception {
    String out = offer(PHONE, flags("replace", List.of("origin")));
    assertTrue(out.contains("o=- 1545997027 1 IN IP4 127.0.0.1\r\n"), out);
  }

  @Test
  void sdpVersionIsOwnedByTheRelay() throws Exception {
    Monologue a = new Monologue("a", 0, 0);
    NgFlags f = flags("replace", List.of("SDP-version"));
    List<SdpRewriter.Out> outs = List.of(new SdpRewriter.Out(leg(30000), "127.0.0.1", false, false, null));
    String v1 = SdpRewriter.rewrite(Sdp.parse(PHONE), outs, f, a, true, "x").toString();
    String bumped = SdpRewriter.rewrite(Sdp.parse(PHONE.replace(" 1 IN IP4", " 7 IN IP4")), outs, f, a, true, "x").toString();
    String changed = SdpRewriter.rewrite(Sdp.parse(PHONE.replace(" 0 8 101", " 8 101")), outs, f, a, true, "x").toString();
    assertTrue(v1.contains("o=- 1545997027 1 IN"));
    assertTrue(bumped.contains("o=- 1545997027 1 IN"), "unchanged body keeps the version: " + bumped);
    assertTrue(changed.contains("o=- 1545997027 2 IN"), "changed body gets +1: " + changed);
  }

  @Test
  void loopProtectAndSdpAttr() throws Exception {
    Map<String, Object> attr = Map.of("audio", Map.of("add", List.of("foo:bar"), "remove", List.of("fmtp")));
    String out = offer(PHONE, flags("flags", List.of("loop-protect"), "sdp-attr", attr));
    assertTrue(out.contains("a=rtpengine:0123456789ab\r\n"), out);
    assertTrue(out.contains("a=foo:bar\r\n") && !out.contains("a=fmtp"), out);
  }

  @Test
  void chromeOfferLosesBundleAndIceAndExtmapWhenAsked() throws Exception {
    String chrome;
    try (java.io.InputStream in = getClass().getResourceAsStream("/sdp/chrome-offer.sdp")) {
      chrome = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    String out = offer(chrome, flags("ICE", "remove", "flags", List.of("strip-extmap")));
    assertFalse(out.contains("a=group:BUNDLE") || out.contains("a=candidate") || out.contains("a=ice-ufrag")
        || out.contains("a=extmap:"), out);
    assertTrue(out.contains("c=IN IP4 127.0.0.1\r\n") && out.contains("a=sendrecv"), "port 9 is trickle ICE, not hold: " + out);
  }

  @Test
  void rejectedStreamStaysPortZeroWithoutAttributes() throws Exception {
    String two = PHONE + "m=video 0 RTP/AVP 99\r\na=rtpmap:99 H264/90000\r\n";
    String out = offer(two, flags());
    assertTrue(out.endsWith("m=video 0 RTP/AVP 99\r\n"), out);
  }

  @Test
  void iceForceRelayKeepsThePartysTransportAndAddsUsAsRelayCandidate() throws Exception {
    String browser = "v=0\r\no=- 46117 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
        + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n"
        + "a=candidate:1 1 udp 2122260223 192.168.0.196 46243 typ host\r\n"
        + "a=candidate:2 1 udp 41885439 198.51.100.9 3478 typ relay raddr 0.0.0.0 rport 0\r\n"
        + "a=ice-ufrag:Oyef\r\na=ice-pwd:yyYgfVzdBHObSqMmlvt7M7Ed\r\na=fingerprint:sha-256 49:66\r\na=setup:actpass\r\n"
        + "a=mid:0\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\na=sendrecv\r\n";
    MediaLeg l = leg(30000);
    l.proto = "UDP/TLS/RTP/SAVPF";
    SdpRewriter.Web relay = SdpRewriter.Web.relay(List.of("F 1 UDP 16777215 127.0.0.1 30000 typ relay raddr 127.0.0.1 rport 30000"));
    List<SdpRewriter.Out> outs = List.of(new SdpRewriter.Out(l, "127.0.0.1", false, false, null, null, List.of(), relay));
    String out = SdpRewriter.rewrite(Sdp.parse(browser), outs, flags("ICE", "force-relay"), new Monologue("a", 0, 0), true, "x")
        .toString();
    for (String kept : List.of("a=group:BUNDLE 0", "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0",
        "a=candidate:1 1 udp", "a=ice-ufrag:Oyef", "a=fingerprint:sha-256 49:66", "a=setup:actpass", "a=rtcp-mux", "a=mid:0")) {
      assertTrue(out.contains(kept + ""), kept + " missing in " + out);
    }
    assertFalse(out.contains("198.51.100.9"), "the party's own relay candidate goes: " + out);
    assertTrue(out.endsWith("a=candidate:F 1 UDP 16777215 127.0.0.1 30000 typ relay raddr 127.0.0.1 rport 30000\r\n"), out);
  }
}
