package rtpmesh.media.stun;

/**
 * The class of a STUN message, with its two bits. RFC 5389 §6 interleaves them with the 12 method
 * bits in the 14-bit message type:
 *
 * <pre>
 *  0                 1
 *  2  3  4 5 6 7 8 9 0 1 2 3 4 5
 * +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 * |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
 * |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
 * +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public enum StunClass {
  REQUEST(0b00),
  INDICATION(0b01),
  SUCCESS_RESPONSE(0b10),
  ERROR_RESPONSE(0b11);

  private static final StunClass[] BY_BITS = values();

  private final int bits;

  StunClass(int bits) {
    this.bits = bits;
  }

  public int bits() {
    return bits;
  }

  /** The message type for {@code method} in this class. */
  public int type(int method) {
    return (method & 0x000F)
        | (method & 0x0070) << 1
        | (method & 0x0F80) << 2
        | (bits & 0b01) << 4
        | (bits & 0b10) << 7;
  }

  /** The class encoded in a 14-bit message type. */
  public static StunClass of(int type) {
    return BY_BITS[(type >> 7 & 0b10) | (type >> 4 & 0b01)];
  }

  /** The 12-bit method encoded in a message type. */
  public static int method(int type) {
    return (type & 0x000F) | (type & 0x00E0) >> 1 | (type & 0x3E00) >> 2;
  }
}
