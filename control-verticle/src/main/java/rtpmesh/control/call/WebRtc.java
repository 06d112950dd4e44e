package rtpmesh.control.call;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import rtpmesh.control.ng.NgFlags;
import rtpmesh.control.sdp.MediaDescription;
import rtpmesh.control.sdp.Sdp;
import rtpmesh.control.sdp.SdpLine;

/**
 * ICE and DTLS-SRTP at the SDP level: what a party said (credentials, trickle, lite, setup,
 * fingerprint, mid) and what this node says back (its own credentials, host candidates, setup
 * role and certificate fingerprint). The media plane terminates both.
 */
final class WebRtc {
  private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final String FOUNDATION_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();
  /** One foundation per interface for the life of the process, as rtpengine does. */
  private static final Map<String, String> FOUNDATIONS = new ConcurrentHashMap<>();

  /** The node's DTLS fingerprint ("sha-256 AB:..."), or null when the media plane cannot do DTLS. */
  private final String fingerprint;

  WebRtc(String fingerprint) {
    this.fingerprint = fingerprint;
  }

  boolean available() {
    return fingerprint != null;
  }

  String fingerprint() {
    return fingerprint;
  }

  /** Reads a party's ICE, DTLS and mid attributes (media level, falling back to session level). */
  static void takeIn(MediaLeg leg, Sdp sdp, MediaDescription md) {
    leg.remoteIceUfrag = value(sdp, md, "ice-ufrag");
    leg.remoteIcePwd = value(sdp, md, "ice-pwd");
    String options = value(sdp, md, "ice-options");
    leg.remoteIceTrickle = options != null && options.toLowerCase(Locale.ROOT).contains("trickle");
    leg.remoteIceLite = sdp.sessionAttr("ice-lite") != null || md.hasAttr("ice-lite");
    leg.remoteSetup = value(sdp, md, "setup");
    leg.remoteFingerprint = value(sdp, md, "fingerprint");
    SdpLine mid = md.attr("mid");
    leg.mid = mid == null ? null : mid.attrValue();
  }

  private static String value(Sdp sdp, MediaDescription md, String name) {
    SdpLine l = md.attr(name);
    if (l == null) l = sdp.sessionAttr(name);
    return l == null ? null : l.attrValue();
  }

  /** Whether a party's SDP carried ICE. */
  static boolean hasIce(MediaLeg leg) {
    return leg.remoteIceUfrag != null && leg.remoteIcePwd != null;
  }

  /** Whether the SDP going to a party gets our ICE: ICE=force, or default when the other side had ICE. */
  boolean iceTowards(NgFlags flags, boolean otherSideHadIce) {
    if (!available()) return false;
    String ice = flags.ice();
    if (ice == null || ice.equals("default")) return otherSideHadIce;
    return ice.equals("force") || ice.equals("optional");
  }

  static void credentials(MediaLeg leg) {
    if (leg.iceUfrag == null) leg.iceUfrag = random(ICE_CHARS, 8);
    if (leg.icePwd == null) leg.icePwd = random(ICE_CHARS, 26);
  }

  static String foundation(String iface) {
    return FOUNDATIONS.computeIfAbsent(iface == null ? "default" : iface, k -> random(FOUNDATION_CHARS, 16));
  }

  /** Whether DTLS is off for this offer ({@code DTLS: off|no|disable}). */
  static boolean dtlsOff(NgFlags flags, String dtlsKey) {
    if (dtlsKey == null) return false;
    String d = dtlsKey.toLowerCase(Locale.ROOT);
    return d.equals("off") || d.equals("no") || d.equals("disable");
  }

  /** Our a=setup in an answer to a party that offered {@code theirs}: active unless it is active. */
  static String answerSetup(String theirs) {
    return "active".equalsIgnoreCase(theirs) ? "passive" : "active";
  }

  private static String random(String chars, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) b.append(chars.charAt(RANDOM.nextInt(chars.length())));
    return b.toString();
  }
}
