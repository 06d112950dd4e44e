package rtpmesh.media.ice;

import java.util.Random;

/**
 * An ICE username fragment and password (RFC 8445 §5.3). RFC 8839 §5.4 asks for 4..256 and 22..256
 * ice-chars; generated ones are 8 and 26 characters long, as rtpengine's. Remote ones are taken as
 * offered (some endpoints send short passwords), refusing only what would break the USERNAME
 * "ufrag:ufrag" syntax.
 */
public record IceCredentials(String ufrag, String pwd) {
  /** RFC 8839 §5.1: ice-char = ALPHA / DIGIT / "+" / "/". */
  public static final String ICE_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  public static final int UFRAG_LENGTH = 8;
  public static final int PWD_LENGTH = 26;

  public IceCredentials {
    if (!isUsable(ufrag) || !isUsable(pwd)) {
      throw new IllegalArgumentException(
          "ice-ufrag and ice-pwd need 1..256 characters without ':' or spaces, got ufrag '"
              + ufrag + "' and a pwd of " + (pwd == null ? "null" : pwd.length() + " chars"));
    }
  }

  /** Fresh local credentials; pass a {@link java.security.SecureRandom} (RFC 8445 §5.3: 24+ bits / 128+ bits of randomness). */
  public static IceCredentials generate(Random random) {
    return new IceCredentials(randomIceString(random, UFRAG_LENGTH), randomIceString(random, PWD_LENGTH));
  }

  public static String randomIceString(Random random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length()));
    }
    return new String(chars);
  }

  /** True when {@code s} follows RFC 8839 §5.4 strictly: {@code minLength}..256 ice-chars. */
  public static boolean isStrict(String s, int minLength) {
    if (s == null || s.length() < minLength || s.length() > 256) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (ICE_CHARS.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUsable(String s) {
    if (s == null || s.isEmpty() || s.length() > 256) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ':' || c <= ' ') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "IceCredentials[ufrag=" + ufrag + ", pwd=(" + pwd.length() + " chars)]";
  }
}
