package rtpmesh.control.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rtpmesh.control.sdp.MediaDescription;
import rtpmesh.control.sdp.SdpLine;

/**
 * One payload type of a media section as its SDP describes it: {@code a=rtpmap} (or the RFC 3551
 * static default), {@code a=fmtp} and {@code a=rtcp-fb} lines. Immutable.
 */
record SdpCodec(String pt, String name, int rate, int channels, String fmtp, List<String> rtcpFb) {

  /** The codecs of a section in m= order; formats without a known mapping are skipped. */
  static List<SdpCodec> of(MediaDescription m) {
    List<SdpCodec> out = new ArrayList<>();
    for (String pt : m.formats) {
      String map = Codecs.rtpmap(m, pt);
      if (map == null) continue;
      String[] p = map.split("/");
      int rate = p.length > 1 ? parse(p[1], 8000) : 8000;
      int ch = p.length > 2 ? parse(p[2], 1) : 1;
      String fmtp = null;
      List<String> fb = new ArrayList<>();
      for (SdpLine l : m.lines) {
        if (!l.isAttr() || l.attrValue() == null) continue;
        String n = l.name().toLowerCase(Locale.ROOT);
        String v = l.attrValue();
        if (!v.startsWith(pt + " ")) continue;
        if (n.equals("fmtp")) fmtp = v.substring(pt.length() + 1).trim();
        else if (n.equals("rtcp-fb")) fb.add(v.substring(pt.length() + 1).trim());
      }
      out.add(new SdpCodec(pt, p[0], rate, ch, fmtp, List.copyOf(fb)));
    }
    return out;
  }

  private static int parse(String s, int dflt) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  boolean isDtmf() {
    return name.equalsIgnoreCase("telephone-event");
  }

  boolean isCn() {
    return name.equalsIgnoreCase("CN");
  }

  boolean isRed() {
    return name.equalsIgnoreCase("red");
  }

  /** telephone-event, CN and RED ride along with a real codec; they are never "the" codec. */
  boolean isSupplementary() {
    return isDtmf() || isCn() || isRed();
  }

  /** Same encoding, clock rate and channels (payload type numbers may differ). */
  boolean sameAs(SdpCodec o) {
    return name.equalsIgnoreCase(o.name) && rate == o.rate && channels == o.channels;
  }

  /** The a=rtpmap value: "PCMU/8000", "opus/48000/2". */
  String rtpmap() {
    return name + "/" + rate + (channels > 1 ? "/" + channels : "");
  }

  /** True when a codec flag names this codec ("opus", "opus/48000", "PCMU/8000/1", "all"). */
  boolean matches(String flag) {
    if (flag.equalsIgnoreCase("all")) return true;
    String[] p = flag.split("/");
    if (!p[0].equalsIgnoreCase(name)) return false;
    if (p.length > 1 && !p[1].isEmpty() && parse(p[1], -1) != rate) return false;
    return p.length <= 2 || p[2].isEmpty() || parse(p[2], -1) == channels;
  }

  static boolean matchesAny(SdpCodec c, List<String> flags) {
    for (String f : flags) if (c.matches(f)) return true;
    return false;
  }
}
