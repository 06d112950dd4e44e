package rtpmesh.media.stun;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Appends one STUN message to a {@link ByteBuf} at its writer index: {@link #start} writes the
 * header, each attribute call appends a padded attribute and fixes the header length, and
 * {@link #messageIntegrity} then {@link #fingerprint} close it (in that order, RFC 5389 §15.4-15.5).
 * Padding bytes are zero. Reusable; holds an HMAC engine, so not thread-safe: one per event loop.
 */
public final class StunWriter {
  private final MessageIntegrity integrity;
  private ByteBuf out;
  private int message;

  public StunWriter(MessageIntegrity integrity) {
    this.integrity = integrity;
  }

  public StunWriter() {
    this(new MessageIntegrity());
  }

  /** Starts a message of {@code type} at {@code out}'s writer index. */
  public StunWriter start(ByteBuf out, int type, TransactionId id) {
    this.out = out;
    this.message = out.writerIndex();
    out.writeShort(type).writeShort(0).writeInt(Stun.MAGIC_COOKIE);
    id.write(out);
    return this;
  }

  /** Starts a response of {@code type} to {@code request}, copying its transaction id. */
  public StunWriter startResponse(ByteBuf out, int type, StunMessage request) {
    this.out = out;
    this.message = out.writerIndex();
    out.writeShort(type).writeShort(0).writeInt(Stun.MAGIC_COOKIE);
    out.writeBytes(request.buffer(), request.offset() + 8, TransactionId.LENGTH);
    return this;
  }

  /** Bytes written since {@link #start}. */
  public int length() {
    return out.writerIndex() - message;
  }

  public StunWriter bytes(int type, byte[] value) {
    header(type, value.length);
    out.writeBytes(value);
    return pad(value.length);
  }

  public StunWriter string(int type, String value) {
    return bytes(type, value.getBytes(StandardCharsets.UTF_8));
  }

  public StunWriter username(byte[] username) {
    return bytes(StunAttribute.USERNAME, username);
  }

  public StunWriter software(String software) {
    return string(StunAttribute.SOFTWARE, software);
  }

  /** An attribute with no value (USE-CANDIDATE). */
  public StunWriter flag(int type) {
    header(type, 0);
    return this;
  }

  /** A 32-bit attribute (PRIORITY). */
  public StunWriter u32(int type, long value) {
    header(type, 4);
    out.writeInt((int) value);
    return this;
  }

  /** A 64-bit attribute (ICE-CONTROLLING / ICE-CONTROLLED tie-breaker). */
  public StunWriter u64(int type, long value) {
    header(type, 8);
    out.writeLong(value);
    return this;
  }

  public StunWriter xorMappedAddress(InetSocketAddress address) {
    header(StunAttribute.XOR_MAPPED_ADDRESS, AddressAttribute.valueLength(address));
    AddressAttribute.encode(out, message, address, true);
    return this;
  }

  public StunWriter mappedAddress(InetSocketAddress address) {
    header(StunAttribute.MAPPED_ADDRESS, AddressAttribute.valueLength(address));
    AddressAttribute.encode(out, message, address, false);
    return this;
  }

  /** ERROR-CODE (RFC 5389 §15.6) with the standard reason phrase. */
  public StunWriter errorCode(ErrorCode error) {
    byte[] reason = error.reason().getBytes(StandardCharsets.UTF_8);
    header(StunAttribute.ERROR_CODE, 4 + reason.length);
    out.writeShort(0).writeByte(error.code() / 100).writeByte(error.code() % 100);
    out.writeBytes(reason);
    return pad(4 + reason.length);
  }

  /** UNKNOWN-ATTRIBUTES (RFC 5389 §15.9): the first {@code count} of {@code types}. */
  public StunWriter unknownAttributes(int[] types, int count) {
    header(StunAttribute.UNKNOWN_ATTRIBUTES, 2 * count);
    for (int i = 0; i < count; i++) {
      out.writeShort(types[i]);
    }
    return pad(2 * count);
  }

  public StunWriter messageIntegrity(byte[] key) {
    integrity.write(out, message, key);
    return this;
  }

  public StunWriter fingerprint() {
    Fingerprint.write(out, message);
    return this;
  }

  private void header(int type, int valueLength) {
    out.writeShort(type).writeShort(valueLength);
    out.setShort(message + 2, length() - Stun.HEADER_LENGTH + StunAttribute.padded(valueLength));
  }

  private StunWriter pad(int valueLength) {
    out.writeZero(StunAttribute.padded(valueLength) - valueLength);
    return this;
  }
}
