package rtpmesh.media;

import java.nio.ByteBuffer;

/** Test packets; RTP per RFC 3550 §5.1, RTCP SR per RFC 3550 §6.4.1. */
final class Packets {
  private Packets() {}

  /** PCMU RTP packet with a 160-byte payload whose bytes depend on seq. */
  static byte[] rtp(int seq, int ssrc) {
    ByteBuffer b = ByteBuffer.allocate(12 + 160);
    b.put((byte) 0x80).put((byte) 0x00).putShort((short) seq).putInt(seq * 160).putInt(ssrc);
    for (int i = 0; i < 160; i++) {
      b.put((byte) (seq + i));
    }
    return b.array();
  }

  /** RTCP sender report without report blocks (PT 200: RTCP under RFC 5761 demux). */
  static byte[] senderReport(int ssrc) {
    ByteBuffer b = ByteBuffer.allocate(28);
    b.put((byte) 0x80).put((byte) 200).putShort((short) 6).putInt(ssrc);
    b.putLong(0x0123456789abcdefL).putInt(1234).putInt(10).putInt(1600);
    return b.array();
  }
}
