package rtpmesh.control.node;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/** RTP and RTCP packets a phone would send; random payloads so each is recognisable. */
final class Packets {
  private Packets() {}

  /** RFC 3550 §5.1: V=2, PT, sequence, timestamp, SSRC, then 160 bytes (20 ms of G.711). */
  static byte[] rtp(int payloadType, int seq, int ssrc) {
    ByteBuffer b = ByteBuffer.allocate(12 + 160);
    b.put((byte) 0x80).put((byte) payloadType).putShort((short) seq).putInt(seq * 160).putInt(ssrc);
    byte[] payload = new byte[160];
    ThreadLocalRandom.current().nextBytes(payload);
    b.put(payload);
    return b.array();
  }

  /** RFC 3550 §6.4.1: a sender report without report blocks; length 6 = 28 bytes / 4 - 1. */
  static byte[] senderReport(int ssrc) {
    ByteBuffer b = ByteBuffer.allocate(28);
    b.put((byte) 0x80).put((byte) 200).putShort((short) 6).putInt(ssrc);
    b.putLong(ThreadLocalRandom.current().nextLong()).putInt(12345).putInt(10).putInt(1600);
    return b.array();
  }
}
