package rtpmesh.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * A reusable read-only view of an RTP header inside a {@link ByteBuf}, relative to an offset, so a
 * caller can keep one instance and re-{@link #wrap} it per packet without allocating.
 *
 * <pre>
 * RFC 3550, Section 5.1
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Accessors do not check bounds beyond what the buffer itself checks; call {@link #isValid()}
 * first on untrusted input. Not thread-safe: one instance belongs to one event loop.
 */
public final class RtpHeader {
  /** Fixed header length (RFC 3550 §5.1), without CSRCs or extension. */
  public static final int FIXED_LENGTH = 12;
  public static final int VERSION = 2;

  private ByteBuf buf;
  private int offset;
  private int length;

  /** Points this view at {@code length} bytes of {@code buf} starting at absolute index {@code offset}. */
  public RtpHeader wrap(ByteBuf buf, int offset, int length) {
    this.buf = buf;
    this.offset = offset;
    this.length = length;
    return this;
  }

  /** Points this view at the readable bytes of {@code buf}. */
  public RtpHeader wrap(ByteBuf buf) {
    return wrap(buf, buf.readerIndex(), buf.readableBytes());
  }

  public int offset() {
    return offset;
  }

  public int length() {
    return length;
  }

  /** True when the packet is long enough for its whole header and has version 2. */
  public boolean isValid() {
    return length >= FIXED_LENGTH && version() == VERSION && headerLength() > 0;
  }

  public int version() {
    return (buf.getUnsignedByte(offset) >> 6) & 0x03;
  }

  public boolean padding() {
    return (buf.getByte(offset) & 0x20) != 0;
  }

  public boolean extension() {
    return (buf.getByte(offset) & 0x10) != 0;
  }

  public int csrcCount() {
    return buf.getByte(offset) & 0x0f;
  }

  public boolean marker() {
    return (buf.getByte(offset + 1) & 0x80) != 0;
  }

  public int payloadType() {
    return buf.getByte(offset + 1) & 0x7f;
  }

  public int sequenceNumber() {
    return buf.getUnsignedShort(offset + 2);
  }

  public long timestamp() {
    return buf.getUnsignedInt(offset + 4);
  }

  /** The SSRC as the raw 32 bits (compare, don't do arithmetic). */
  public int ssrc() {
    return buf.getInt(offset + 8);
  }

  /**
   * Header length including CSRCs and the header extension (RFC 3550 §5.3.1: 16-bit profile id,
   * 16-bit length in 32-bit words excluding the 4-byte extension header), or -1 when the packet is
   * shorter than that.
   */
  public int headerLength() {
    if (length < FIXED_LENGTH) {
      return -1;
    }
    int len = FIXED_LENGTH + 4 * csrcCount();
    if (extension()) {
      if (length < len + 4) {
        return -1;
      }
      len += 4 + 4 * buf.getUnsignedShort(offset + len + 2);
    }
    return len <= length ? len : -1;
  }
}
