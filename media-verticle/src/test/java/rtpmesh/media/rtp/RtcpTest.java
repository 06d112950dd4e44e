package rtpmesh.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtcpTest {
  // RFC 3550, Section 6.4.1 sender report header without report blocks.
  static final String SR = "80c80006" + "deadbeef" + "0000000000000000" + "00000000" + "00000000" + "00000000";

  @ParameterizedTest(name = "second byte {0} -> rtcp {1}")
  @CsvSource({
      "00, false", // RTP PT 0 (PCMU)
      "60, false", // RTP PT 96
      "e0, false", // RTP PT 96 + marker = 224, just past the RTCP range
      "bf, false", // 191, just below
      "c0, true",  // 192, legacy FIR: RFC 5761 §4 lower bound
      "c8, true",  // 200 SR
      "c9, true",  // 201 RR
      "cf, true",  // 207 XR
      "df, true",  // 223: RFC 5761 §4 upper bound
  })
  void rfc5761_4_demux(String secondByte, boolean rtcp) {
    String hex = "80" + secondByte + "0006deadbeef";
    for (int offset : new int[] {0, 9}) {
      ByteBuf buf = RtpHeaderTest.at(offset, hex);
      assertEquals(rtcp, Rtcp.isRtcp(buf), "offset " + offset);
      assertEquals(rtcp, Rtcp.isRtcp(buf, offset, buf.readableBytes()), "offset " + offset);
    }
  }

  @ParameterizedTest
  @CsvSource({"0", "4"})
  void senderReportIsRtcpAndShortPacketIsNot(int offset) {
    assertEquals(true, Rtcp.isRtcp(RtpHeaderTest.at(offset, SR)));
    assertEquals(false, Rtcp.isRtcp(RtpHeaderTest.at(offset, "80c800")));
  }
}
