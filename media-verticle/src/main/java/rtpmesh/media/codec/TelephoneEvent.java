package rtpmesh.media.codec;

/**
 * RFC 4733 §2.3 telephone-event payload: one 4-byte event per packet.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     event     |E|R| volume    |          duration             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Events 0-15 are the DTMF digits 0-9, *, #, A-D (§3.2); volume is -dBm0 (0..63); duration is in
 * RTP clock units from the event's timestamp. All packets of one event carry the same timestamp;
 * the last (usually sent three times) has E set.
 */
public final class TelephoneEvent {
  private TelephoneEvent() {}

  public static final int LENGTH = 4;
  private static final String DIGITS = "0123456789*#ABCD";

  public static int event(byte[] p, int off) {
    return p[off] & 0xFF;
  }

  public static boolean end(byte[] p, int off) {
    return (p[off + 1] & 0x80) != 0;
  }

  public static int volume(byte[] p, int off) {
    return p[off + 1] & 0x3F;
  }

  public static int duration(byte[] p, int off) {
    return ((p[off + 2] & 0xFF) << 8) | (p[off + 3] & 0xFF);
  }

  public static void write(byte[] p, int off, int event, boolean end, int volume, int duration) {
    p[off] = (byte) event;
    p[off + 1] = (byte) ((end ? 0x80 : 0) | (Math.min(63, Math.max(0, volume))));
    p[off + 2] = (byte) (duration >> 8);
    p[off + 3] = (byte) duration;
  }

  /** The digit of a DTMF event ('0'..'9', '*', '#', 'A'..'D'), or 0 for other events. */
  public static char digit(int event) {
    return event >= 0 && event < 16 ? DIGITS.charAt(event) : 0;
  }

  /** The event code of a digit (case-insensitive), or -1. */
  public static int eventOf(char digit) {
    return DIGITS.indexOf(Character.toUpperCase(digit));
  }
}
