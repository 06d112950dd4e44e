package rtpmesh.control.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rtpmesh.control.ng.NgFlags;
import rtpmesh.control.ng.NgMessage;
import rtpmesh.control.sdp.MediaDescription;
import rtpmesh.control.sdp.Sdp;

/** The codec flags that engage transcoding: offer edits and the pass-through/transcode decision. */
class TranscodingTest {
  private static final String PHONE = "v=0\r\no=- 1 1 IN IP4 192.168.1.10\r\ns=-\r\nc=IN IP4 192.168.1.10\r\nt=0 0\r\n"
      + "m=audio 4000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
      + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n";
  private static final String CHROME = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
      + "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 13 110 126\r\nc=IN IP4 0.0.0.0\r\n"
      + "a=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n"
      + "a=rtpmap:63 red/48000/2\r\na=fmtp:63 111/111\r\na=rtpmap:9 G722/8000\r\na=rtpmap:0 PCMU/8000\r\n"
      + "a=rtpmap:13 CN/8000\r\na=rtpmap:110 telephone-event/48000\r\na=rtpmap:126 telephone-event/8000\r\n";

  private static NgFlags flags(Object... kv) {
    Map<String, Object> d = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) d.put((String) kv[i], kv[i + 1]);
    return NgFlags.parse(new NgMessage(d, false));
  }

  private final MediaLeg la = new MediaLeg(1);
  private final MediaLeg lb = new MediaLeg(1);

  TranscodingTest() {
    la.peer = lb;
    lb.peer = la;
  }

  /** The offer as the answerer gets it (codec part only). */
  private MediaDescription offer(String sdp, NgFlags f) throws Exception {
    MediaDescription md = Sdp.parse(sdp).media.get(0);
    la.ptime = md.attr("ptime") == null ? null : md.attr("ptime").attrValue();
    Transcoding.takeOffer(la, md, f);
    MediaDescription out = md.copy();
    Codecs.applyOfferFlags(out, f);
    Transcoding.offer(out, f, la);
    return out;
  }

  private MediaDescription answer(String formats, String... rtpmaps) throws Exception {
    StringBuilder sb = new StringBuilder("v=0\r\no=- 9 9 IN IP4 10.0.0.20\r\ns=-\r\nc=IN IP4 10.0.0.20\r\nt=0 0\r\nm=audio 5000 RTP/AVP " + formats + "\r\n");
    for (String r : rtpmaps) sb.append("a=rtpmap:").append(r).append("\r\n");
    MediaDescription md = Sdp.parse(sb.toString()).media.get(0);
    Transcoding.answer(la, lb, md);
    return md;
  }

  @Test
  void transcodeAddsTheCodecAheadOfTelephoneEvent() throws Exception {
    MediaDescription out = offer(PHONE, flags("codec", Map.of("transcode", List.of("G722"))));
    assertEquals(List.of("0", "8", "9", "101"), out.formats);
    assertTrue(out.lines.toString().contains("9 G722/8000"));
    // A codec already offered is not added twice; one the media plane cannot encode is not added.
    assertEquals(List.of("0", "8", "101"), offer(PHONE, flags("codec", Map.of("transcode", List.of("PCMA", "AMR")))).formats);
  }

  @Test
  void dynamicPayloadTypeForOpusAvoidsTheOfferersNumbers() throws Exception {
    MediaDescription out = offer(PHONE, flags("flags", List.of("codec-transcode-opus")));
    assertEquals(List.of("0", "8", "96", "101"), out.formats);
    assertTrue(out.lines.toString().contains("96 opus/48000/2"));
  }

  @Test
  void maskedOpusTakesRedAndTelephoneEvent48kWithIt() throws Exception {
    MediaDescription out = offer(CHROME, flags("codec", Map.of("mask", List.of("opus"), "transcode", List.of("PCMU"))));
    assertEquals(List.of("9", "0", "13", "126"), out.formats);
  }

  @Test
  void sharedCodecPassesThrough() throws Exception {
    offer(CHROME, flags("codec", Map.of("mask", List.of("opus"), "transcode", List.of("PCMU"))));
    MediaDescription a = answer("0 126", "0 PCMU/8000", "126 telephone-event/8000");
    assertEquals(List.of("0", "126"), a.formats);
    assertNull(la.transcode);
    assertNull(lb.transcode);
  }

  @Test
  void maskedOpusIsWhatTheBrowserIsAnswered() throws Exception {
    offer(CHROME, flags("codec", Map.of("mask", List.of("opus", "G722", "PCMU", "CN"), "transcode", List.of("PCMA"))));
    MediaDescription a = answer("8 126", "8 PCMA/8000", "126 telephone-event/8000");
    // The browser's telephone-event/48000 rides along with opus; its telephone-event/8000 cannot.
    assertEquals(List.of("111", "110"), a.formats);
    assertTrue(a.lines.toString().contains("minptime=10;useinbandfec=1") && a.lines.toString().contains("transport-cc"), a.lines.toString());
    assertEquals("opus", la.transcode.codec().name());
    assertEquals(110, la.transcode.dtmfPt());
    assertEquals("PCMA", lb.transcode.codec().name());
    assertEquals(126, lb.transcode.dtmfPt());
  }

  @Test
  void opusWithoutTelephoneEvent48kGetsNoEvents() throws Exception {
    offer(CHROME.replace(" 110 126", " 126").replace("a=rtpmap:110 telephone-event/48000\r\n", ""),
        flags("codec", Map.of("mask", List.of("opus"), "transcode", List.of("PCMA"), "strip", List.of("G722", "PCMU"))));
    MediaDescription a = answer("8 126", "8 PCMA/8000", "126 telephone-event/8000");
    assertEquals(List.of("111"), a.formats);
    assertEquals(-1, la.transcode.dtmfPt());
  }

  @Test
  void alwaysTranscodeAnswersTheOfferersFirstCodec() throws Exception {
    offer(PHONE, flags("flags", List.of("always transcode")));
    MediaDescription a = answer("8 101", "8 PCMA/8000", "101 telephone-event/8000");
    assertEquals(List.of("0", "101"), a.formats);
    assertEquals(0, la.transcode.toJson().getInteger("pt"));
    assertEquals(8, lb.transcode.toJson().getInteger("pt"));
    assertEquals(101, la.transcode.dtmfPt());
  }

  @Test
  void consumeRemovesAndAcceptIsPreferredInTheAnswer() throws Exception {
    MediaDescription out = offer(PHONE, flags("codec", Map.of("consume", List.of("PCMA"), "accept", List.of("PCMA"), "transcode", List.of("G722"))));
    assertEquals(List.of("0", "9", "101"), out.formats);
    answer("9", "9 G722/8000");
    assertEquals("PCMA", la.transcode.codec().name());
  }

  @Test
  void codecSetGivesTheOfferersEncoderItsBitrate() throws Exception {
    offer(CHROME, flags("codec", Map.of("mask", List.of("opus"), "transcode", List.of("PCMA"), "set", List.of("opus/48000/2/24000"),
        "strip", List.of("G722", "PCMU"))));
    MediaDescription a = answer("8", "8 PCMA/8000");
    assertEquals("minptime=10;useinbandfec=1;maxaveragebitrate=24000", la.transcode.codec().fmtp());
    assertTrue(a.lines.toString().contains("111 minptime=10;useinbandfec=1"), "the SDP keeps the browser's own fmtp");
  }

  @Test
  void forcedPtimeRepacketizesTheSameCodec() throws Exception {
    offer(PHONE, flags("ptime", 40L));
    answer("0", "0 PCMU/8000");
    assertEquals(20, la.transcode.ptime());
    assertEquals(40, lb.transcode.ptime());
    // Without flags nothing is decided here: plain relaying.
    offer(PHONE, flags());
    answer("8", "8 PCMA/8000");
    assertNull(la.transcode);
  }
}
