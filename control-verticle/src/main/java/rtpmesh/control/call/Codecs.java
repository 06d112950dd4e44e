package rtpmesh.control.call;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import rtpmesh.control.ng.NgFlags;
import rtpmesh.control.sdp.MediaDescription;
import rtpmesh.control.sdp.SdpLine;
import rtpmesh.control.sdp.StaticPayloadTypes;

/**
 * Codec manipulation at the SDP level ({@code codec: strip/mask/offer/except}, {@code single-codec}):
 * payload types are removed from the m= line together with their rtpmap, fmtp and rtcp-fb lines.
 */
final class Codecs {
  private Codecs() {}

  /** The encoding name of a payload type in this section ("PCMU"), or null if unknown. */
  static String encoding(MediaDescription m, String pt) {
    String map = rtpmap(m, pt);
    if (map == null) return null;
    int slash = map.indexOf('/');
    return slash < 0 ? map : map.substring(0, slash);
  }

  static String rtpmap(MediaDescription m, String pt) {
    for (SdpLine l : m.attrs("rtpmap")) {
      String v = l.attrValue();
      int sp = v == null ? -1 : v.indexOf(' '); // a bare "a=rtpmap" has no value (NgFuzzTest)
      if (sp > 0 && v.substring(0, sp).equals(pt)) return v.substring(sp + 1).trim();
    }
    return StaticPayloadTypes.rtpmap(pt);
  }

  static boolean matches(MediaDescription m, String pt, String codec) {
    if (codec.equalsIgnoreCase("all")) return true;
    String enc = encoding(m, pt);
    if (enc == null) return false;
    String full = rtpmap(m, pt);
    // "opus/48000" names one clock rate; "opus" any.
    return codec.indexOf('/') >= 0 ? full.toLowerCase(Locale.ROOT).startsWith(codec.toLowerCase(Locale.ROOT)) : enc.equalsIgnoreCase(codec);
  }

  static boolean matchesAny(MediaDescription m, String pt, List<String> codecs) {
    for (String c : codecs) if (matches(m, pt, c)) return true;
    return false;
  }

  /** Applies strip/mask/except/offer of an offer to one RTP media section. */
  static void applyOfferFlags(MediaDescription m, NgFlags flags) {
    List<String> remove = new ArrayList<>(flags.codecStrip());
    remove.addAll(flags.codecMask());
    if (remove.isEmpty()) return;
    List<String> keep = new ArrayList<>(flags.codecExcept());
    keep.addAll(flags.codecOffer());
    List<String> kept = new ArrayList<>();
    for (String pt : new ArrayList<>(m.formats)) {
      if (matchesAny(m, pt, remove) && !matchesAny(m, pt, keep)) removeFormat(m, pt);
      else kept.add(pt);
    }
    if (!flags.codecOffer().isEmpty() && (remove.contains("all") || remove.contains("ALL"))) {
      // With everything stripped, "offer" lists the codecs to keep in the order to offer them.
      List<String> ordered = new ArrayList<>();
      for (String c : flags.codecOffer()) for (String pt : kept) if (!ordered.contains(pt) && matches(m, pt, c)) ordered.add(pt);
      for (String pt : kept) if (!ordered.contains(pt)) ordered.add(pt);
      kept = ordered;
    }
    m.formats = kept;
  }

  /** single-codec: the first codec and telephone-event, nothing else. */
  static void singleCodec(MediaDescription m) {
    String first = null;
    List<String> kept = new ArrayList<>();
    for (String pt : new ArrayList<>(m.formats)) {
      boolean dtmf = "telephone-event".equalsIgnoreCase(encoding(m, pt));
      if (dtmf || first == null) {
        if (!dtmf) first = pt;
        kept.add(pt);
      } else {
        removeFormat(m, pt);
      }
    }
    m.formats = kept;
  }

  static void removeFormat(MediaDescription m, String pt) {
    m.formats.remove(pt);
    for (Iterator<SdpLine> it = m.lines.iterator(); it.hasNext(); ) {
      SdpLine l = it.next();
      if (!l.isAttr()) continue;
      String n = l.name().toLowerCase(Locale.ROOT);
      if (!n.equals("rtpmap") && !n.equals("fmtp") && !n.equals("rtcp-fb")) continue;
      String v = l.attrValue();
      if (v == null) continue;
      int sp = v.indexOf(' ');
      String first = sp < 0 ? v : v.substring(0, sp);
      if (first.equals(pt)) it.remove();
    }
  }

  /** Adds the a=rtpmap that phones leave out for static payload types (RFC 3551). */
  static void addStaticRtpmaps(MediaDescription m) {
    int insertAt = 0;
    for (int i = 0; i < m.lines.size(); i++) {
      if (m.lines.get(i).isAttr("rtpmap") || !m.lines.get(i).isAttr()) insertAt = i + 1;
    }
    for (String pt : m.formats) {
      boolean has = false;
      for (SdpLine l : m.attrs("rtpmap")) if (l.attrValue() != null && l.attrValue().startsWith(pt + " ")) has = true;
      String map = StaticPayloadTypes.rtpmap(pt);
      if (!has && map != null) m.lines.add(Math.min(insertAt++, m.lines.size()), SdpLine.attr("rtpmap", pt + " " + map));
    }
  }
}
