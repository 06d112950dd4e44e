package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import rtpmesh.media.Browser;
import rtpmesh.media.dtls.DtlsHandshakePool;
import rtpmesh.media.dtls.DtlsRole;
import rtpmesh.media.ice.IceCredentials;

/**
 * A browser (ICE, DTLS-SRTP, rtcp-mux) calls a plain RTP phone through the node, with Kamailio's
 * usual flags: everything the browser needs comes from the node's SDP answer, and media flows
 * SRTP on the browser's side and plain RTP on the phone's, both ways.
 */
class WebRtcCallTest {
  private static final DtlsHandshakePool POOL = new DtlsHandshakePool(2, 8);

  @Test
  void browserCallsPlainPhone() throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (TestNode node = TestNode.start(); Phone phone = Phone.open();
         Browser browser = new Browser(POOL, DtlsRole.SERVER, lo)) {
      NgClient ng = node.ng();
      String callId = "webrtc-" + UUID.randomUUID();
      IceCredentials mine = browser.credentials();
      String offer = String.join("\r\n",
          "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
          "m=audio 9 UDP/TLS/RTP/SAVPF 0", "c=IN IP4 0.0.0.0",
          "a=candidate:1 1 udp 2122260223 127.0.0.1 " + browser.address().getPort() + " typ host",
          "a=ice-ufrag:" + mine.ufrag(), "a=ice-pwd:" + mine.pwd(),
          "a=fingerprint:" + Browser.CERTIFICATE.sdpFingerprint(), "a=setup:actpass", "a=mid:0",
          "a=sendrecv", "a=rtcp-mux", "a=rtpmap:0 PCMU/8000") + "\r\n";
      Map<String, Object> o = ng.ok("command", "offer", "call-id", callId, "from-tag", "browser", "sdp", offer,
          "ICE", "remove", "transport-protocol", "RTP/AVP", "rtcp-mux", List.of("demux"));
      String toPhone = (String) o.get("sdp");
      assertTrue(toPhone.contains(" RTP/AVP ") && !toPhone.contains("a=fingerprint") && !toPhone.contains("a=candidate"), toPhone);
      Map<String, Object> a = ng.ok("command", "answer", "call-id", callId, "from-tag", "browser", "to-tag", "phone",
          "sdp", phone.sdp().withoutPtime().toString(),
          "ICE", "force", "transport-protocol", "UDP/TLS/RTP/SAVPF", "rtcp-mux", List.of("require"));
      String toBrowser = (String) a.get("sdp");
      assertTrue(toBrowser.contains("a=setup:active"), toBrowser);
      Matcher cand = Pattern.compile("a=candidate:\\S+ 1 UDP \\d+ (\\S+) (\\d+) typ host").matcher(toBrowser);
      assertTrue(cand.find(), toBrowser);
      String ufrag = attr(toBrowser, "ice-ufrag");
      String pwd = attr(toBrowser, "ice-pwd");
      String fingerprint = attr(toBrowser, "fingerprint");
      assertNotNull(fingerprint, toBrowser);
      InetSocketAddress relay = new InetSocketAddress(cand.group(1), Integer.parseInt(cand.group(2)));
      int phoneSendsTo = SdpView.of(o).port();

      browser.peer(relay, new IceCredentials(ufrag, pwd), fingerprint);
      browser.start();
      browser.connected(15);

      for (int seq = 1; seq <= 3; seq++) {
        byte[] fromBrowser = Packets.rtp(0, seq, 0x0b0b0b0b);
        browser.sendSrtp(fromBrowser);
        assertArrayEquals(fromBrowser, receive(phone), "the phone hears the browser in plain RTP");
        byte[] fromPhone = Packets.rtp(0, seq, 0x0c0c0c0c);
        phone.rtp.send(new DatagramPacket(fromPhone, fromPhone.length, lo, phoneSendsTo));
        assertArrayEquals(fromPhone, browser.receiveSrtp(5), "the browser hears the phone in SRTP");
      }
    }
  }

  private static String attr(String sdp, String name) {
    for (String l : sdp.split("\r\n")) if (l.startsWith("a=" + name + ":")) return l.substring(name.length() + 3);
    return null;
  }

  private static byte[] receive(Phone p) throws Exception {
    p.rtp.setSoTimeout(Phone.RECEIVE_MS);
    byte[] buf = new byte[2048];
    DatagramPacket d = new DatagramPacket(buf, buf.length);
    p.rtp.receive(d);
    return Arrays.copyOf(buf, d.getLength());
  }
}
