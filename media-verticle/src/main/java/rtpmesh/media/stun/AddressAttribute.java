package rtpmesh.media.stun;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * MAPPED-ADDRESS (RFC 5389 §15.1) and XOR-MAPPED-ADDRESS (§15.2) values. The XOR form hides the
 * address from NATs that rewrite payloads: the port is XORed with the top 16 bits of the magic
 * cookie, an IPv4 address with the cookie, an IPv6 address with the cookie and transaction id.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0 0 0 0 0 0 0|    Family     |         X-Port                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                X-Address (32 bits or 128 bits)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class AddressAttribute {
  public static final int FAMILY_IPV4 = 0x01;
  public static final int FAMILY_IPV6 = 0x02;

  private AddressAttribute() {}

  /** Value length for {@code address}: 8 for IPv4, 20 for IPv6. */
  public static int valueLength(InetSocketAddress address) {
    return 4 + address.getAddress().getAddress().length;
  }

  /**
   * Decodes a value of {@code length} bytes at absolute index {@code value}; {@code message} is the
   * absolute index of the message header (for the XOR key). Null when malformed.
   */
  public static InetSocketAddress decode(
      ByteBuf buf, int message, int value, int length, boolean xor) {
    if (length < 4) {
      return null;
    }
    int family = buf.getUnsignedByte(value + 1);
    int addressLength = family == FAMILY_IPV4 ? 4 : family == FAMILY_IPV6 ? 16 : -1;
    if (addressLength < 0 || length != 4 + addressLength) {
      return null;
    }
    int port = buf.getUnsignedShort(value + 2) ^ (xor ? Stun.MAGIC_COOKIE >>> 16 : 0);
    byte[] ip = new byte[addressLength];
    for (int i = 0; i < addressLength; i++) {
      // Bytes 4..19 of the header are the cookie followed by the transaction id.
      ip[i] = (byte) (buf.getByte(value + 4 + i) ^ (xor ? buf.getByte(message + 4 + i) : 0));
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    } catch (UnknownHostException impossible) {
      return null; // only thrown for a bad array length, which was checked above
    }
  }

  /** Writes the value (not the attribute header) for {@code address}. */
  public static void encode(
      ByteBuf out, int message, InetSocketAddress address, boolean xor) {
    byte[] ip = address.getAddress().getAddress();
    out.writeByte(0);
    out.writeByte(ip.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6);
    out.writeShort(address.getPort() ^ (xor ? Stun.MAGIC_COOKIE >>> 16 : 0));
    for (int i = 0; i < ip.length; i++) {
      out.writeByte(ip[i] ^ (xor ? out.getByte(message + 4 + i) : 0));
    }
  }
}
