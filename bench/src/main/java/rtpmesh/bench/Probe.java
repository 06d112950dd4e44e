package rtpmesh.bench;

import io.netty.buffer.ByteBuf;

/**
 * The probe packets: a G.711-sized RTP packet (12-byte header, RFC 3550 5.1, PT 0, 160-byte
 * payload = 20 ms of PCMU) whose payload starts with a magic, the sending side, a 32-bit sequence
 * number and the System.nanoTime of the send; and a 28-byte RTCP sender report (RFC 3550 6.4.1).
 * Every accessor reads relative to the buffer's reader index.
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
  /** A side's SSRC is this plus its index. */
  static final int SSRC_BASE = 0x10000;
  private static final int OFF_MAGIC = RTP_HEADER;
  private static final int OFF_SIDE = RTP_HEADER + 4;
  private static final int OFF_SEQ = RTP_HEADER + 8;
  private static final int OFF_TIME = RTP_HEADER + 12;
  private static final byte[] SILENCE = silence();

  private Probe() {}

  private static byte[] silence() {
    byte[] b = new byte[PAYLOAD];
    java.util.Arrays.fill(b, (byte) 0xFF); // PCMU silence
    return b;
  }

  /** Appends a probe to {@code b} (at its writer index). */
  static void writeRtp(ByteBuf b, int side, int seq, long nanoTime) {
    int at = b.writerIndex();
    b.writeByte(0x80);            // V=2, no padding, no extension, CC=0
    b.writeByte(0);               // M=0, PT=0 (PCMU)
    b.writeShort(seq);
    b.writeInt(seq * 160);        // RTP timestamp: 160 samples per packet
    b.writeInt(SSRC_BASE + side);  // SSRC
    b.writeInt(MAGIC);
    b.writeInt(side);
    b.writeInt(seq);
    b.writeLong(nanoTime);
    b.writeBytes(SILENCE, 0, RTP_LENGTH - (b.writerIndex() - at));
  }

  /** Appends an RTCP sender report of {@code side} to {@code b}. */
  static void writeRtcp(ByteBuf b, int side, int seq) {
    b.writeByte(0x80);            // V=2, RC=0
    b.writeByte(200);             // SR
    b.writeShort(6);              // length in 32-bit words minus one
    b.writeInt(SSRC_BASE + side);  // SSRC
    b.writeLong(System.currentTimeMillis()); // stands in for the NTP timestamp
    b.writeInt(seq * 160);
    b.writeInt(seq);              // sender's packet count
    b.writeInt(seq * PAYLOAD);    // sender's octet count
  }

  static boolean isProbe(ByteBuf b) {
    return b.readableBytes() == RTP_LENGTH && b.getInt(b.readerIndex() + OFF_MAGIC) == MAGIC;
  }

  static int side(ByteBuf b) {
    return b.getInt(b.readerIndex() + OFF_SIDE);
  }

  static int seq(ByteBuf b) {
    return b.getInt(b.readerIndex() + OFF_SEQ);
  }

  static long sentAt(ByteBuf b) {
    return b.getLong(b.readerIndex() + OFF_TIME);
  }
}
