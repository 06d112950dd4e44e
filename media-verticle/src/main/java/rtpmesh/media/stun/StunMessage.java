package rtpmesh.media.stun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A reusable read-only view of a STUN message (RFC 5389 §6, §15) inside a {@link ByteBuf},
 * relative to an offset, so a caller keeps one instance and re-{@link #wrap}s it per packet.
 *
 * <p>{@link #decode()} checks the header and walks the attributes once, returning a
 * {@link StunError} instead of throwing; the accessors are only meaningful after it returned
 * {@link StunError#NONE}. As RFC 5389 §15.4 requires, attributes after MESSAGE-INTEGRITY other
 * than FINGERPRINT are ignored. The view never retains or releases the buffer. Not thread-safe:
 * one instance belongs to one event loop.
 */
public final class StunMessage {
  /** How many unknown comprehension-required types are remembered for a 420 response. */
  public static final int MAX_UNKNOWN = 8;

  private ByteBuf buf;
  private int offset;
  private int length;
  private int integrity;
  private int fingerprint;
  private final int[] unknown = new int[MAX_UNKNOWN];
  private int unknownCount;

  /** Points this view at {@code length} bytes of {@code buf} starting at absolute index {@code offset}. */
  public StunMessage wrap(ByteBuf buf, int offset, int length) {
    this.buf = buf;
    this.offset = offset;
    this.length = length;
    this.integrity = -1;
    this.fingerprint = -1;
    this.unknownCount = 0;
    return this;
  }

  /** Points this view at the readable bytes of {@code buf}. */
  public StunMessage wrap(ByteBuf buf) {
    return wrap(buf, buf.readerIndex(), buf.readableBytes());
  }

  /** Points this view at a whole array (tests, tools). */
  public StunMessage wrap(byte[] packet) {
    return wrap(Unpooled.wrappedBuffer(packet));
  }

  /** Validates the header and the attribute layout; see {@link StunError}. */
  public StunError decode() {
    if (length < Stun.HEADER_LENGTH) {
      return StunError.TOO_SHORT;
    }
    if ((buf.getUnsignedByte(offset) & 0xC0) != 0) {
      return StunError.NOT_STUN;
    }
    if (buf.getInt(offset + 4) != Stun.MAGIC_COOKIE) {
      return StunError.BAD_COOKIE;
    }
    int bodyLength = buf.getUnsignedShort(offset + 2);
    if ((bodyLength & 3) != 0) {
      return StunError.BAD_LENGTH;
    }
    if (Stun.HEADER_LENGTH + bodyLength > length) {
      return StunError.TRUNCATED;
    }
    if (Stun.HEADER_LENGTH + bodyLength < length) {
      return StunError.BAD_LENGTH; // a datagram carries exactly one message
    }
    return walkAttributes(offset + Stun.HEADER_LENGTH, offset + length);
  }

  private StunError walkAttributes(int at, int end) {
    while (at < end) {
      if (fingerprint >= 0) {
        return StunError.ATTRIBUTE_AFTER_FINGERPRINT;
      }
      if (end - at < StunAttribute.HEADER_LENGTH) {
        return StunError.BAD_ATTRIBUTE;
      }
      int type = buf.getUnsignedShort(at);
      int valueLength = buf.getUnsignedShort(at + 2);
      int next = at + StunAttribute.HEADER_LENGTH + StunAttribute.padded(valueLength);
      if (next > end) {
        return StunError.BAD_ATTRIBUTE;
      }
      int fixed = StunAttribute.fixedLength(type);
      if (fixed >= 0 && valueLength != fixed) {
        return StunError.BAD_ATTRIBUTE;
      }
      if (type == StunAttribute.FINGERPRINT) {
        fingerprint = at;
      } else if (integrity < 0) {
        if (type == StunAttribute.MESSAGE_INTEGRITY) {
          integrity = at;
        } else if (!StunAttribute.isKnown(type)
            && StunAttribute.isComprehensionRequired(type)
            && unknownCount < MAX_UNKNOWN) {
          unknown[unknownCount++] = type;
        }
      }
      at = next;
    }
    return StunError.NONE;
  }

  /**
   * Checks FINGERPRINT when present, then MESSAGE-INTEGRITY against {@code key} (required).
   * {@code mi} is the caller's (per event loop) HMAC engine.
   */
  public StunError verify(MessageIntegrity mi, byte[] key) {
    StunError fp = verifyFingerprint(false);
    if (fp != StunError.NONE) {
      return fp;
    }
    if (integrity < 0) {
      return StunError.MISSING_INTEGRITY;
    }
    return mi.check(buf, offset, integrity, key) ? StunError.NONE : StunError.BAD_INTEGRITY;
  }

  /** Checks FINGERPRINT; an absent one is {@link StunError#BAD_FINGERPRINT} only when required. */
  public StunError verifyFingerprint(boolean required) {
    if (fingerprint < 0) {
      return required ? StunError.BAD_FINGERPRINT : StunError.NONE;
    }
    int expected = Fingerprint.compute(buf, offset, fingerprint);
    return buf.getInt(fingerprint + StunAttribute.HEADER_LENGTH) == expected
        ? StunError.NONE
        : StunError.BAD_FINGERPRINT;
  }

  public ByteBuf buffer() {
    return buf;
  }

  public int offset() {
    return offset;
  }

  public int length() {
    return length;
  }

  public int type() {
    return buf.getUnsignedShort(offset);
  }

  public StunClass messageClass() {
    return StunClass.of(type());
  }

  public int method() {
    return StunClass.method(type());
  }

  public TransactionId transactionId() {
    return TransactionId.read(buf, offset);
  }

  /** Absolute index of the first attribute of {@code type} (its type-length header), or -1. */
  public int find(int type) {
    if (type == StunAttribute.FINGERPRINT) {
      return fingerprint;
    }
    if (type == StunAttribute.MESSAGE_INTEGRITY) {
      return integrity;
    }
    int end = integrity >= 0 ? integrity : fingerprint >= 0 ? fingerprint : offset + length;
    for (int at = offset + Stun.HEADER_LENGTH; at < end; ) {
      if (buf.getUnsignedShort(at) == type) {
        return at;
      }
      at += StunAttribute.HEADER_LENGTH + StunAttribute.padded(buf.getUnsignedShort(at + 2));
    }
    return -1;
  }

  public boolean has(int type) {
    return find(type) >= 0;
  }

  /** Value length of the attribute whose header is at absolute index {@code attribute}. */
  public int valueLength(int attribute) {
    return buf.getUnsignedShort(attribute + 2);
  }

  /** A UTF-8 attribute (USERNAME, SOFTWARE, REALM, NONCE) as a string, or null when absent. */
  public String string(int type) {
    int at = find(type);
    return at < 0 ? null : buf.toString(at + 4, valueLength(at), StandardCharsets.UTF_8);
  }

  public String username() {
    return string(StunAttribute.USERNAME);
  }

  /** True when USERNAME is exactly {@code expected}; allocation-free. */
  public boolean usernameEquals(byte[] expected) {
    int at = find(StunAttribute.USERNAME);
    return at >= 0 && valueLength(at) == expected.length && regionEquals(at + 4, expected);
  }

  /** True when USERNAME starts with {@code prefix}; allocation-free. */
  public boolean usernameStartsWith(byte[] prefix) {
    int at = find(StunAttribute.USERNAME);
    return at >= 0 && valueLength(at) >= prefix.length && regionEquals(at + 4, prefix);
  }

  private boolean regionEquals(int index, byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (buf.getByte(index + i) != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  /** ICE PRIORITY (RFC 8445 §16.1) as an unsigned 32-bit value, or -1 when absent. */
  public long priority() {
    int at = find(StunAttribute.PRIORITY);
    return at < 0 ? -1 : buf.getUnsignedInt(at + 4);
  }

  public boolean useCandidate() {
    return has(StunAttribute.USE_CANDIDATE);
  }

  /** The 64-bit tie-breaker of ICE-CONTROLLING or ICE-CONTROLLED; check {@link #has} first. */
  public long tieBreaker(int type) {
    int at = find(type);
    return at < 0 ? 0 : buf.getLong(at + 4);
  }

  public InetSocketAddress xorMappedAddress() {
    return address(StunAttribute.XOR_MAPPED_ADDRESS, true);
  }

  public InetSocketAddress mappedAddress() {
    return address(StunAttribute.MAPPED_ADDRESS, false);
  }

  private InetSocketAddress address(int type, boolean xor) {
    int at = find(type);
    return at < 0 ? null : AddressAttribute.decode(buf, offset, at + 4, valueLength(at), xor);
  }

  /** ERROR-CODE as class * 100 + number, or -1 when absent or shorter than 4 bytes. */
  public int errorCode() {
    int at = find(StunAttribute.ERROR_CODE);
    if (at < 0 || valueLength(at) < 4) {
      return -1;
    }
    return (buf.getByte(at + 6) & 0x07) * 100 + buf.getUnsignedByte(at + 7);
  }

  public String errorReason() {
    int at = find(StunAttribute.ERROR_CODE);
    return at < 0 || valueLength(at) < 4
        ? null
        : buf.toString(at + 8, valueLength(at) - 4, StandardCharsets.UTF_8);
  }

  /** The types listed in UNKNOWN-ATTRIBUTES (RFC 5389 §15.9) of an error response. */
  public int[] unknownAttributes() {
    int at = find(StunAttribute.UNKNOWN_ATTRIBUTES);
    if (at < 0) {
      return new int[0];
    }
    int[] types = new int[valueLength(at) / 2];
    for (int i = 0; i < types.length; i++) {
      types[i] = buf.getUnsignedShort(at + 4 + 2 * i);
    }
    return types;
  }

  /** How many unknown comprehension-required attributes {@link #decode()} met (at most {@link #MAX_UNKNOWN}). */
  public int unknownRequiredCount() {
    return unknownCount;
  }

  public int unknownRequired(int index) {
    return unknown[index];
  }

  /** Absolute index of the MESSAGE-INTEGRITY attribute, or -1. */
  public int integrityAttribute() {
    return integrity;
  }

  /** Absolute index of the FINGERPRINT attribute, or -1. */
  public int fingerprintAttribute() {
    return fingerprint;
  }
}
