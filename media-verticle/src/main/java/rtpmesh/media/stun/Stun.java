package rtpmesh.media.stun;

import io.netty.buffer.ByteBuf;

/**
 * STUN constants (RFC 5389) and the demultiplexing test that tells STUN from RTP, RTCP and DTLS on
 * a shared socket.
 *
 * <pre>
 * RFC 5389, Section 6
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0|     STUN Message Type     |         Message Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Magic Cookie                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Transaction ID (96 bits)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Stun {
  public static final int HEADER_LENGTH = 20;
  public static final int MAGIC_COOKIE = 0x2112A442;
  /** RFC 5389 §18.1: the only method ICE needs. */
  public static final int BINDING = 0x001;
  public static final int BINDING_REQUEST = StunClass.REQUEST.type(BINDING);
  public static final int BINDING_INDICATION = StunClass.INDICATION.type(BINDING);
  public static final int BINDING_SUCCESS = StunClass.SUCCESS_RESPONSE.type(BINDING);
  public static final int BINDING_ERROR = StunClass.ERROR_RESPONSE.type(BINDING);

  private Stun() {}

  /**
   * True when the readable bytes look like a STUN message: RFC 7983 §7 puts STUN at first byte 0..3
   * (RTP/RTCP 128..191, DTLS 20..63), and RFC 5389 §6 requires the magic cookie at offset 4.
   */
  public static boolean isStun(ByteBuf buf) {
    int at = buf.readerIndex();
    return buf.readableBytes() >= HEADER_LENGTH
        && buf.getUnsignedByte(at) <= 3
        && buf.getInt(at + 4) == MAGIC_COOKIE;
  }

  /** {@link #isStun(ByteBuf)} for a byte array. */
  public static boolean isStun(byte[] packet) {
    return packet.length >= HEADER_LENGTH
        && (packet[0] & 0xff) <= 3
        && ((packet[4] & 0xff) << 24 | (packet[5] & 0xff) << 16 | (packet[6] & 0xff) << 8
                | (packet[7] & 0xff))
            == MAGIC_COOKIE;
  }
}
