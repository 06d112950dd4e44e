package rtpmesh.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * Finds one element of an RTP header extension (RFC 8285) without copying: the one-byte form
 * (profile 0xBEDE, §4.2) and the two-byte form (profile 0x100X, §4.3).
 *
 * <pre>
 * RFC 8285, Section 4.2 (one-byte header)        RFC 8285, Section 4.3 (two-byte header)
 *  0xBE | 0xDE | length (32-bit words)            0x10 | 0x0X | length (32-bit words)
 *  ID(4) L(4) | data (L+1 bytes) ...              ID(8) | L(8) | data (L bytes) ...
 * </pre>
 *
 * <p>Stateless and allocation-free; ids are 1..14 (one-byte) or 1..255 (two-byte).
 */
public final class RtpExtensions {
  private RtpExtensions() {}

  /**
   * The element {@code id} of the RTP packet at {@code offset} ({@code length} bytes) as
   * {@code (absoluteOffset << 16) | dataLength}, or -1 when the packet has no extension, no such
   * element, or a malformed one.
   */
  public static long find(ByteBuf buf, int offset, int length, int id) {
    if (id <= 0 || length < RtpHeader.FIXED_LENGTH || (buf.getByte(offset) & 0x10) == 0) {
      return -1;
    }
    int ext = offset + RtpHeader.FIXED_LENGTH + 4 * (buf.getByte(offset) & 0x0f);
    int end = offset + length;
    if (ext + 4 > end) {
      return -1;
    }
    int profile = buf.getUnsignedShort(ext);
    int dataEnd = ext + 4 + 4 * buf.getUnsignedShort(ext + 2);
    if (dataEnd > end) {
      return -1;
    }
    int i = ext + 4;
    if (profile == 0xBEDE) {
      while (i < dataEnd) {
        int b = buf.getUnsignedByte(i);
        int elementId = b >> 4;
        if (elementId == 0) { // padding
          i++;
          continue;
        }
        if (elementId == 15) { // reserved: stop (§4.2)
          return -1;
        }
        int len = (b & 0x0f) + 1;
        if (i + 1 + len > dataEnd) {
          return -1;
        }
        if (elementId == id) {
          return ((long) (i + 1) << 16) | len;
        }
        i += 1 + len;
      }
    } else if ((profile & 0xFFF0) == 0x1000) {
      while (i < dataEnd) {
        int elementId = buf.getUnsignedByte(i);
        if (elementId == 0) {
          i++;
          continue;
        }
        if (i + 2 > dataEnd) {
          return -1;
        }
        int len = buf.getUnsignedByte(i + 1);
        if (i + 2 + len > dataEnd) {
          return -1;
        }
        if (elementId == id) {
          return ((long) (i + 2) << 16) | len;
        }
        i += 2 + len;
      }
    }
    return -1;
  }

  /** The absolute offset part of a {@link #find} result. */
  public static int offsetOf(long found) {
    return (int) (found >>> 16);
  }

  /** The data length part of a {@link #find} result. */
  public static int lengthOf(long found) {
    return (int) (found & 0xffff);
  }
}
