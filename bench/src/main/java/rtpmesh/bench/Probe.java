package rtpmesh.bench;

import java.nio.ByteBuffer;

/**
 * The probe packets: a G.711-sized RTP packet (12-byte header, RFC 3550 5.1, PT 0, 160-byte
 * payload = 20 ms of PCMU) whose payload starts with a magic, the sending side, a 32-bit sequence
 * number and the System.nanoTime of the send; and a 28-byte RTCP sender report (RFC 3550 6.4.1).
 *
 * <pre>
 * payload offset 0: "RMB1" | 4: sender side (int) | 8: seq (int) | 12: send nanoTime (long) | rest 0xFF
 * </pre>
 */
final class Probe {
  static final int RTP_HEADER = 12;
  static final int PAYLOAD = 160;
  static final int RTP_LENGTH = RTP_HEADER + PAYLOAD;
  static final int RTCP_LENGTH = 28;
  static final int MAGIC = 0x524D4231; // "RMB1"
  private static final int OFF_MAGIC = RTP_HEADER;
  private static final int OFF_SIDE = RTP_HEADER + 4;
  private static final int OFF_SEQ = RTP_HEADER + 8;
  private static final int OFF_TIME = RTP_HEADER + 12;

  private Probe() {}

  /** A template buffer; {@link #stampRtp} fills in the per-packet fields. */
  static ByteBuffer rtpTemplate() {
    ByteBuffer b = ByteBuffer.allocateDirect(RTP_LENGTH);
    for (int i = 0; i < RTP_LENGTH; i++) {
      b.put(i, (byte) 0xFF); // PCMU silence
    }
    b.put(0, (byte) 0x80); // V=2, no padding, no extension, CC=0
    b.put(1, (byte) 0);    // M=0, PT=0 (PCMU)
    b.putInt(OFF_MAGIC, MAGIC);
    return b;
  }

  static void stampRtp(ByteBuffer b, int side, int seq, long nanoTime) {
    b.putShort(2, (short) seq);
    b.putInt(4, seq * 160);         // RTP timestamp: 160 samples per packet
    b.putInt(8, 0x10000 + side);    // SSRC
    b.putInt(OFF_SIDE, side);
    b.putInt(OFF_SEQ, seq);
    b.putLong(OFF_TIME, nanoTime);
    b.clear();
  }

  static ByteBuffer rtcpTemplate() {
    ByteBuffer b = ByteBuffer.allocateDirect(RTCP_LENGTH);
    b.put(0, (byte) 0x80);          // V=2, RC=0
    b.put(1, (byte) 200);           // SR
    b.putShort(2, (short) 6);       // length in 32-bit words minus one
    return b;
  }

  static void stampRtcp(ByteBuffer b, int side, int seq) {
    b.putInt(4, 0x10000 + side);    // SSRC
    b.putLong(8, System.currentTimeMillis()); // stands in for the NTP timestamp
    b.putInt(16, seq * 160);
    b.putInt(20, seq);              // sender's packet count
    b.putInt(24, seq * PAYLOAD);    // sender's octet count
    b.clear();
  }

  static boolean isProbe(ByteBuffer b, int length) {
    return length == RTP_LENGTH && b.getInt(OFF_MAGIC) == MAGIC;
  }

  static int side(ByteBuffer b) {
    return b.getInt(OFF_SIDE);
  }

  static int seq(ByteBuffer b) {
    return b.getInt(OFF_SEQ);
  }

  static long sentAt(ByteBuffer b) {
    return b.getLong(OFF_TIME);
  }
}
