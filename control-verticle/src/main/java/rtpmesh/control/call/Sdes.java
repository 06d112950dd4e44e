package rtpmesh.control.call;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import rtpmesh.control.sdp.MediaDescription;
import rtpmesh.control.sdp.SdpLine;

/**
 * SDES (RFC 4568) at the SDP level: the {@code a=crypto} lines a party offered, the suites this
 * node offers with fresh keys, in rtpengine's order, and the key sizes of each suite.
 */
final class Sdes {
  private Sdes() {}

  /** One a=crypto line: tag, suite name, and the inline key (base64 of master key || salt). */
  record Crypto(String tag, String suite, String key) {
    String line() {
      return tag + " " + suite + " inline:" + key;
    }
  }

  /** Suite name → master key + salt length in bytes, in the order rtpengine offers them. */
  private static final String[][] SUITES = {
      {"AEAD_AES_256_GCM", "44"}, {"AEAD_AES_128_GCM", "28"},
      {"AES_256_CM_HMAC_SHA1_80", "46"}, {"AES_256_CM_HMAC_SHA1_32", "46"},
      {"AES_192_CM_HMAC_SHA1_80", "38"}, {"AES_192_CM_HMAC_SHA1_32", "38"},
      {"AES_CM_128_HMAC_SHA1_80", "30"}, {"AES_CM_128_HMAC_SHA1_32", "30"},
      {"F8_128_HMAC_SHA1_80", "30"}, {"F8_128_HMAC_SHA1_32", "30"},
      {"NULL_HMAC_SHA1_80", "30"}, {"NULL_HMAC_SHA1_32", "30"},
  };

  private static final SecureRandom RANDOM = new SecureRandom();

  static boolean isSrtp(String proto) {
    return proto != null && proto.toUpperCase(Locale.ROOT).contains("SAVP");
  }

  static boolean isDtls(String proto) {
    return proto != null && proto.toUpperCase(Locale.ROOT).startsWith("UDP/TLS/");
  }

  static boolean known(String suite) {
    for (String[] s : SUITES) if (s[0].equalsIgnoreCase(suite)) return true;
    return false;
  }

  /** The a=crypto lines of a media section, in their order (their order is the preference). */
  static List<Crypto> parse(MediaDescription m) {
    List<Crypto> out = new ArrayList<>();
    for (SdpLine l : m.attrs("crypto")) {
      String[] f = l.attrValue() == null ? new String[0] : l.attrValue().trim().split(" +");
      if (f.length < 3 || !f[2].startsWith("inline:")) continue;
      String key = f[2].substring(7);
      int bar = key.indexOf('|');
      out.add(new Crypto(f[0], f[1], bar < 0 ? key : key.substring(0, bar)));
    }
    return out;
  }

  /** Fresh keys for every suite this node offers, honouring {@code SDES: off / no-<suite>}. */
  static List<Crypto> offer(Set<String> sdesFlags) {
    List<Crypto> out = new ArrayList<>();
    if (sdesFlags.contains("off") || sdesFlags.contains("no") || sdesFlags.contains("disable")) return out;
    boolean pad = sdesFlags.contains("pad");
    int tag = 1;
    for (String[] s : SUITES) {
      if (sdesFlags.contains("no-" + s[0])) continue;
      out.add(new Crypto(Integer.toString(tag++), s[0], key(Integer.parseInt(s[1]), pad)));
    }
    return out;
  }

  static String freshKey(String suite) {
    for (String[] s : SUITES) if (s[0].equalsIgnoreCase(suite)) return key(Integer.parseInt(s[1]), false);
    return key(30, false);
  }

  private static String key(int bytes, boolean pad) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    Base64.Encoder enc = pad ? Base64.getEncoder() : Base64.getEncoder().withoutPadding();
    return enc.encodeToString(b);
  }
}
