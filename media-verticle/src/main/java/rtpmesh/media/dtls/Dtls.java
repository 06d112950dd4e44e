package rtpmesh.media.dtls;

import io.netty.buffer.ByteBuf;

/**
 * Stateless DTLS wire helpers: the demultiplexing test of RFC 7983 and a cheap record-header walk
 * that rejects datagrams no DTLS stack would accept, before they are copied anywhere.
 *
 * <pre>
 * RFC 6347, Section 4.1 (DTLS record header, 13 bytes)
 * +-------------+-----------------+---------+----------------------+---------+
 * | type (1)    | version (2)     | epoch(2)| sequence_number (6)  | len (2) |
 * +-------------+-----------------+---------+----------------------+---------+
 * </pre>
 */
public final class Dtls {
  /** Length of a DTLS 1.0/1.2 record header (RFC 6347 §4.1). */
  public static final int RECORD_HEADER_LENGTH = 13;

  // RFC 7983 §7: 20..63 is DTLS; below is STUN (0..3) or ZRTP (16..19), above is TURN/RTP.
  private static final int FIRST_BYTE_MIN = 20;
  private static final int FIRST_BYTE_MAX = 63;
  // Content types a DTLS 1.2 peer may send: change_cipher_spec(20)..heartbeat(24) (RFC 6520).
  private static final int CONTENT_TYPE_MAX = 24;
  // DTLS versions are 1's complement: 1.0 = 0xFEFF, 1.2 = 0xFEFD; the major byte is always 0xFE.
  private static final int VERSION_MAJOR = 0xFE;

  private Dtls() {}

  /** RFC 7983 §7: the datagram is DTLS when its first byte is in 20..63. Empty is not. */
  public static boolean isDtls(ByteBuf datagram) {
    return isDtls(datagram, datagram.readerIndex(), datagram.readableBytes());
  }

  /** {@link #isDtls(ByteBuf)} for {@code length} bytes at absolute index {@code offset}. */
  public static boolean isDtls(ByteBuf datagram, int offset, int length) {
    if (length < 1) {
      return false;
    }
    int first = datagram.getUnsignedByte(offset);
    return first >= FIRST_BYTE_MIN && first <= FIRST_BYTE_MAX;
  }

  /**
   * True when the datagram is a sequence of whole DTLS records (RFC 6347 §4.1 allows several per
   * datagram), each with a known content type and a DTLS version. Contents are not authenticated
   * here; that is the record layer's job.
   */
  public static boolean isWellFormed(ByteBuf datagram, int offset, int length) {
    if (length < RECORD_HEADER_LENGTH) {
      return false;
    }
    int pos = offset;
    int end = offset + length;
    while (pos < end) {
      if (end - pos < RECORD_HEADER_LENGTH) {
        return false;
      }
      int type = datagram.getUnsignedByte(pos);
      if (type < FIRST_BYTE_MIN || type > CONTENT_TYPE_MAX) {
        return false;
      }
      if (datagram.getUnsignedByte(pos + 1) != VERSION_MAJOR) {
        return false;
      }
      int fragmentLength = datagram.getUnsignedShort(pos + 11);
      pos += RECORD_HEADER_LENGTH + fragmentLength;
    }
    return pos == end;
  }
}
