package rtpmesh.media.stun;

import io.netty.buffer.ByteBuf;
import java.util.zip.CRC32;

/**
 * FINGERPRINT (RFC 5389 §15.5): CRC-32 of the message up to the attribute, XORed with 0x5354554e
 * ("STUN"), with the header length already counting the FINGERPRINT attribute. It lets a receiver
 * tell STUN from other protocols on the same port. Stateless.
 */
public final class Fingerprint {
  public static final long XOR = 0x5354554eL;
  /** Type-length header plus the 32-bit CRC. */
  public static final int ATTRIBUTE_LENGTH = 8;

  private Fingerprint() {}

  /**
   * The fingerprint of the message starting at absolute index {@code message} whose FINGERPRINT
   * attribute starts at absolute index {@code attribute}.
   */
  public static int compute(ByteBuf buf, int message, int attribute) {
    int lengthField = attribute - message - Stun.HEADER_LENGTH + ATTRIBUTE_LENGTH;
    CRC32 crc = new CRC32();
    crc.update(buf.nioBuffer(message, 2));
    crc.update(lengthField >> 8);
    crc.update(lengthField);
    crc.update(buf.nioBuffer(message + 4, attribute - message - 4));
    return (int) (crc.getValue() ^ XOR);
  }

  /** Appends FINGERPRINT to the message at absolute index {@code message}, fixing its length. */
  public static void write(ByteBuf out, int message) {
    int attribute = out.writerIndex();
    int value = compute(out, message, attribute);
    out.setShort(message + 2, attribute - message - Stun.HEADER_LENGTH + ATTRIBUTE_LENGTH);
    out.writeShort(StunAttribute.FINGERPRINT).writeShort(4).writeInt(value);
  }
}
