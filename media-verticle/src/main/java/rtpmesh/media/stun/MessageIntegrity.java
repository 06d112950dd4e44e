package rtpmesh.media.stun;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MESSAGE-INTEGRITY (RFC 5389 §15.4): HMAC-SHA1 over the message up to the attribute, with the
 * header length set as if the message ended right after MESSAGE-INTEGRITY (so a FINGERPRINT added
 * later does not change it). Holds a {@link Mac}, so it is not thread-safe: one instance per event
 * loop or per agent. Keys are compared by identity to skip re-initialising the {@link Mac}, so
 * callers must not mutate a key array after using it.
 */
public final class MessageIntegrity {
  public static final int HMAC_LENGTH = 20;
  /** Type-length header plus the HMAC. */
  public static final int ATTRIBUTE_LENGTH = StunAttribute.HEADER_LENGTH + HMAC_LENGTH;

  private final Mac mac;
  private final byte[] expected = new byte[HMAC_LENGTH];
  private final byte[] actual = new byte[HMAC_LENGTH];
  private byte[] lastKey;

  public MessageIntegrity() {
    try {
      mac = Mac.getInstance("HmacSHA1");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is mandatory in every JDK", e);
    }
  }

  /** RFC 5389 §15.4 short-term credential (ICE): the password itself, SASLprep is a no-op on ice-chars. */
  public static byte[] shortTermKey(String password) {
    return password.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * RFC 5389 §15.4 long-term credential: MD5(username ":" realm ":" password), the password already
   * processed by SASLprep.
   */
  public static byte[] longTermKey(String username, String realm, String password) {
    try {
      return MessageDigest.getInstance("MD5")
          .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 is mandatory in every JDK", e);
    }
  }

  /**
   * True when the MESSAGE-INTEGRITY attribute at absolute index {@code attribute} of the message at
   * {@code message} matches {@code key}. Compares in constant time.
   */
  public boolean check(ByteBuf buf, int message, int attribute, byte[] key) {
    if (key.length == 0) {
      return false; // an empty key cannot authenticate anything (and SecretKeySpec rejects it)
    }
    hmac(buf, message, attribute, key, expected);
    buf.getBytes(attribute + StunAttribute.HEADER_LENGTH, actual);
    return MessageDigest.isEqual(expected, actual);
  }

  /** Appends MESSAGE-INTEGRITY to the message at absolute index {@code message}, fixing its length. */
  public void write(ByteBuf out, int message, byte[] key) {
    int attribute = out.writerIndex();
    hmac(out, message, attribute, key, expected);
    out.setShort(message + 2, attribute - message - Stun.HEADER_LENGTH + ATTRIBUTE_LENGTH);
    out.writeShort(StunAttribute.MESSAGE_INTEGRITY).writeShort(HMAC_LENGTH).writeBytes(expected);
  }

  private void hmac(ByteBuf buf, int message, int attribute, byte[] key, byte[] into) {
    int lengthField = attribute - message - Stun.HEADER_LENGTH + ATTRIBUTE_LENGTH;
    try {
      if (key != lastKey) {
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        lastKey = key;
      }
      mac.update(buf.nioBuffer(message, 2));
      mac.update((byte) (lengthField >> 8));
      mac.update((byte) lengthField);
      mac.update(buf.nioBuffer(message + 4, attribute - message - 4));
      mac.doFinal(into, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA1 failed on a sized buffer", e);
    }
  }
}
