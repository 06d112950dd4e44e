package rtpmesh.control.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SdpTest {

  static String resource(String name) throws Exception {
    try (InputStream in = SdpTest.class.getResourceAsStream("/sdp/" + name)) {
      assertNotNull(in, name);
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"phone-offer.sdp", "freeswitch-offer.sdp", "chrome-offer.sdp", "video-phone-offer.sdp",
      "ipv6-offer.sdp", "sdes-phone-offer.sdp"})
  void realWorldSdpsRoundTripByteForByte(String name) throws Exception {
    String text = resource(name);
    assertEquals(text, Sdp.parse(text).toString());
  }

  @Test
  void lfOnlyBodiesKeepTheirLineEnding() throws Exception {
    String text = resource("phone-offer.sdp").replace("\r\n", "\n");
    assertEquals(text, Sdp.parse(text).toString());
  }

  @Test
  void chromeOfferHasMediaLevelConnectionAndItsFormats() throws Exception {
    Sdp sdp = Sdp.parse(resource("chrome-offer.sdp"));
    assertEquals(1, sdp.media.size());
    MediaDescription m = sdp.media.get(0);
    assertEquals("UDP/TLS/RTP/SAVPF", m.proto);
    assertEquals(List.of("111", "63", "9", "0", "8", "13", "110", "126"), m.formats);
    assertTrue(sdp.connectionOf(m).isZero());
    assertEquals("rtpmap", m.attr("rtpmap").name());
  }

  @Test
  void mediaLevelConnectionWinsOverSession() throws Exception {
    Sdp sdp = Sdp.parse("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\n"
        + "m=audio 4000 RTP/AVP 0\r\nc=IN IP4 5.6.7.8\r\nm=audio 4002 RTP/AVP 0\r\n");
    assertEquals("5.6.7.8", sdp.connectionOf(sdp.media.get(0)).address());
    assertEquals("1.2.3.4", sdp.connectionOf(sdp.media.get(1)).address());
  }

  @Test
  void portCountIsKept() throws Exception {
    Sdp sdp = Sdp.parse("v=0\r\nm=video 5000/2 RTP/AVP 31\r\n");
    assertEquals(2, sdp.media.get(0).portCount);
    assertEquals("video 5000/2 RTP/AVP 31", sdp.media.get(0).mLine());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "this is not an SDP body\r\nat all\r\n",
      "v=0\r\nm=audio notaport RTP/AVP 0\r\n",
      "v=0\r\nm=audio 70000 RTP/AVP 0\r\n",
      "v=0\r\nm=audio 4000\r\n",
      "v=0\r\nc=IN IP4 999.1.2.3\r\nm=audio 4000 RTP/AVP 0\r\n",
      "v=0\r\nc=IN IP4\r\n",
      "v=0\r\nc=IN IP6 2001:db8::zz\r\n",
      "v=0\r\no=- 1 IN IP4 1.2.3.4\r\n",
      "o=- 1 1 IN IP4 1.2.3.4\r\nv=0\r\n",
      "",
      "v=0\r\n=novalue\r\n",
  })
  void malformedBodiesAreRejectedWithAReason(String body) {
    SdpException e = assertThrows(SdpException.class, () -> Sdp.parse(body));
    assertTrue(!e.getMessage().isEmpty());
  }

  @Test
  void ipv6ConnectionParses() throws Exception {
    Sdp sdp = Sdp.parse(resource("ipv6-offer.sdp"));
    Connection c = sdp.connectionOf(sdp.media.get(0));
    assertEquals("IP6", c.addrType());
    assertEquals("2001:db8::10", c.address());
  }
}
