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

  /**
   * One a=crypto line: tag, suite name, the inline key (base64 of master key || salt) and what
   * followed it ({@code |lifetime|MKI:length}, RFC 4568 §9.2, with its leading bar; "" if none).
   */
  record Crypto(String tag, String suite, String key, String params) {
    Crypto(String tag, String suite, String key) {
      this(tag, suite, key, "");
    }

    String line() {
      return tag + " " + suite + " inline:" + key + params;
    }

    /**
     * The key carries an MKI (RFC 3711 §3.1): every packet then has an MKI field our SRTP stage
     * does not parse, so such a key can pass through but not be terminated.
     */
    boolean hasMki() {
      for (String p : params.split("\\|")) if (p.contains(":")) return true;
      return false;
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
      out.add(new Crypto(f[0], f[1], bar < 0 ? key : key.substring(0, bar), bar < 0 ? "" : key.substring(bar)));
    }
    return out;
  }

  /**
   * Fresh keys for every suite this node offers, honouring rtpengine's {@code SDES} flags (as the
   * {@code SDES} list or {@code SDES-} flags, any case, '-' or '_'): {@code off|no|disable},
   * {@code no-<suite>}, {@code order:<suite;suite...>} (those first, in that order), {@code pad}
   * (keep base64 '=' padding), {@code lifetime} (add {@code |2^31}). {@code only-<suite>} is not
   * applied here: rtpengine 10.5 (the kit's reference) offers every suite on a plain to SRTP offer
   * even with it.
   */
  static List<Crypto> offer(Set<String> sdesFlags) {
    List<Crypto> out = new ArrayList<>();
    Set<String> f = new java.util.HashSet<>();
    List<String> order = new ArrayList<>();
    for (String x : sdesFlags) {
      String c = canon(x);
      if (c.startsWith("ORDER:")) {
        for (String o : c.substring(6).split("[;,]")) if (!o.isBlank()) order.add(o.trim());
      } else {
        f.add(c);
      }
    }
    if (f.contains("OFF") || f.contains("NO") || f.contains("DISABLE")) return out;
    boolean pad = f.contains("PAD");
    String params = f.contains("LIFETIME") ? "|2^31" : "";
    List<String[]> suites = new ArrayList<>();
    for (String o : order) for (String[] s : SUITES) if (s[0].equals(o) && !suites.contains(s)) suites.add(s);
    for (String[] s : SUITES) if (!suites.contains(s)) suites.add(s);
    int tag = 1;
    for (String[] s : suites) {
      if (f.contains("NO_" + s[0])) continue;
      out.add(new Crypto(Integer.toString(tag++), s[0], key(Integer.parseInt(s[1]), pad), params));
    }
    return out;
  }

  /** {@code OSRTP=offer|offer-RFC}: a plain RTP offer goes out with a=crypto (RFC 8643). */
  static boolean osrtpOffer(Set<String> osrtpFlags) {
    return osrtpFlags.contains("offer") || osrtpFlags.contains("offer-rfc");
  }

  /** {@code OSRTP=accept|accept-RFC}: an OSRTP offer answered in plain RTP is accepted with SRTP anyway. */
  static boolean osrtpAccept(Set<String> osrtpFlags) {
    return osrtpFlags.contains("accept") || osrtpFlags.contains("accept-rfc");
  }

  /** Whether {@code SDES-nonew} is set: offer the offerer's suites only, add none. */
  static boolean noNew(Set<String> sdesFlags) {
    for (String x : sdesFlags) if (canon(x).equals("NONEW")) return true;
    return false;
  }

  /** Flags compare in upper case with '_' for '-' (NgFlags lower-cases and dashes {@code SDES-} flags). */
  private static String canon(String flag) {
    return flag.trim().toUpperCase(Locale.ROOT).replace('-', '_');
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
