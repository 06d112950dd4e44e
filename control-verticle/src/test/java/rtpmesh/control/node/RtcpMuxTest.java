package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both phones multiplex RTCP on the RTP port (RFC 5761); README §9, §21, §28. */
class RtcpMuxTest {
  private TestNode node;
  private Phone a;
  private Phone b;

  @BeforeEach
  void start() {
    node = TestNode.start();
    a = Phone.open();
    b = Phone.open();
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    node.close();
  }

  @Test
  void senderReportOnTheRtpPortReachesThePeersRtpPort() {
    TwoPartyCall call = new TwoPartyCall(node.ng(), a, b);
    SdpView offer = SdpView.of(call.offer(a.sdp().rtcpMux()));
    call.portB = offer.port();
    assertTrue(offer.has("a=rtcp-mux"), offer.text());
    // Until B accepts mux the offer keeps the RTCP port too (rtcp_mux_passthrough golden).
    assertTrue(offer.has("a=rtcp:" + (call.portB + 1)), offer.text());
    SdpView answer = SdpView.of(call.answer(b.sdp().withoutPtime().rtcpMux()));
    call.portA = answer.port();
    assertTrue(answer.has("a=rtcp-mux"), "mux accepted back to the offerer\n" + answer.text());
    assertEquals(String.valueOf(call.portA), answer.attr("rtcp"), "muxed: a=rtcp names the RTP port\n" + answer.text());

    call.assertRtpBothWays(2);
    byte[] toB = Packets.senderReport(0x1111);
    a.sendRtp(call.portA, toB);
    b.expectRtp(toB, call.portB);
    byte[] toA = Packets.senderReport(0x2222);
    b.sendRtp(call.portB, toA);
    a.expectRtp(toA, call.portA);
    call.assertRtpBothWays(1);
    call.delete(0);
  }
}
