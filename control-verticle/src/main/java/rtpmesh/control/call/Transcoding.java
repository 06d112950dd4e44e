package rtpmesh.control.call;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import rtpmesh.control.ng.NgFlags;
import rtpmesh.control.sdp.MediaDescription;
import rtpmesh.control.sdp.SdpLine;

/**
 * rtpengine's codec flags that engage transcoding ({@code transcode}, {@code mask}, {@code consume},
 * {@code accept}, {@code set}, {@code always transcode}, {@code ptime}, and {@code inject DTMF} /
 * {@code detect DTMF}, which need the decoder in the path): what the offer tells the
 * answerer, and from the answer, per stream, whether media passes through or is transcoded and with
 * which codec towards each party.
 *
 * <p>Offer: masked and consumed codecs leave the SDP but stay acceptable from the offerer; codecs to
 * transcode to are added (static payload type, else the first free dynamic one) ahead of
 * telephone-event and CN; RED and telephone-event/CN that no remaining codec can carry go too.
 * Answer: a codec that both sides have passes through (unless {@code always transcode}); otherwise
 * the offerer is answered with its own first acceptable codec, and its telephone-event of the same
 * clock rate (events the other side lacks become in-band tones, and tones become events).
 */
final class Transcoding {
  private Transcoding() {}

  private static final Map<String, String> STATIC_PT = Map.of(
      "PCMU/8000", "0", "PCMA/8000", "8", "G722/8000", "9", "CN/8000", "13", "GSM/8000", "3", "G729/8000", "18");
  /** Codecs the media plane can decode and encode. */
  private static final Set<String> SUPPORTED = Set.of("pcmu", "pcma", "g722", "opus");

  static boolean engaged(NgFlags f) {
    return !f.codecTranscode().isEmpty() || !f.codecMask().isEmpty() || !f.codecConsume().isEmpty()
        || !f.codecAccept().isEmpty() || always(f) || f.has("allow-transcoding") || dtmfHandling(f)
        || (f.ptime() != null && f.ptime() > 0) || (f.ptimeReverse() != null && f.ptimeReverse() > 0);
  }

  /** inject DTMF and detect DTMF need the decoder in the path even when both sides share a codec. */
  static boolean dtmfHandling(NgFlags f) {
    return f.has("inject-dtmf") || f.has("detect-dtmf");
  }

  static boolean always(NgFlags f) {
    return f.has("always-transcode") || f.has("always-transcoding");
  }

  /** Remembers the offerer's codecs (before any flag touched them) on the leg facing it. */
  static void takeOffer(MediaLeg la, MediaDescription offered, NgFlags flags) {
    la.codecs = SdpCodec.of(offered);
    la.transcode = null;
    if (!engaged(flags)) {
      la.transcodeMode = null;
      return;
    }
    la.transcodeMode = always(flags) ? "always" : dtmfHandling(flags) ? "dtmf" : "on";
    la.dtmfDetect = flags.has("detect-dtmf");
    la.peer.dtmfDetect = flags.has("detect-dtmf");
    List<SdpCodec> answerable = new ArrayList<>();
    for (SdpCodec c : la.codecs) if (!SdpCodec.matchesAny(c, flags.codecStrip())) answerable.add(c);
    // accept-listed codecs are the ones to answer the offerer with first.
    List<SdpCodec> ordered = new ArrayList<>();
    for (SdpCodec c : answerable) if (SdpCodec.matchesAny(c, flags.codecAccept())) ordered.add(c);
    for (SdpCodec c : answerable) if (!ordered.contains(c)) ordered.add(c);
    la.answerable = ordered;
    la.ptimeToParty = flags.ptimeReverse() != null && flags.ptimeReverse() > 0 ? flags.ptimeReverse() : null;
    la.peer.ptimeToParty = flags.ptime() != null && flags.ptime() > 0 ? flags.ptime() : null;
    la.codecSet = List.copyOf(flags.codecSet());
  }

  /** Edits the offer to the answerer (after strip/mask): consume, transcode additions, orphans. */
  static void offer(MediaDescription m, NgFlags flags, MediaLeg la) {
    if (la == null || la.transcodeMode == null) return;
    for (String pt : List.copyOf(m.formats)) {
      if (Codecs.matchesAny(m, pt, flags.codecConsume())) Codecs.removeFormat(m, pt);
    }
    List<SdpCodec> present = SdpCodec.of(m);
    for (String want : flags.codecTranscode()) {
      String[] p = want.split("/");
      if (!SUPPORTED.contains(p[0].toLowerCase(Locale.ROOT))) continue;
      boolean has = false;
      for (SdpCodec c : present) has |= c.matches(want);
      if (has) continue;
      SdpCodec added = newCodec(p, m, la);
      int at = m.formats.size();
      for (int i = 0; i < m.formats.size(); i++) {
        String enc = Codecs.encoding(m, m.formats.get(i));
        if (enc != null && (enc.equalsIgnoreCase("telephone-event") || enc.equalsIgnoreCase("CN"))) {
          at = i;
          break;
        }
      }
      m.formats.add(at, added.pt());
      m.lines.add(SdpLine.attr("rtpmap", added.pt() + " " + added.rtpmap()));
      if (added.fmtp() != null) m.lines.add(SdpLine.attr("fmtp", added.pt() + " " + added.fmtp()));
      present = SdpCodec.of(m);
    }
    removeOrphans(m);
  }

  private static SdpCodec newCodec(String[] p, MediaDescription m, MediaLeg la) {
    String name = p[0];
    boolean opus = name.equalsIgnoreCase("opus");
    int rate = p.length > 1 && !p[1].isEmpty() ? Integer.parseInt(p[1]) : opus ? 48000 : 8000;
    int ch = p.length > 2 && !p[2].isEmpty() ? Integer.parseInt(p[2]) : opus ? 2 : 1;
    String canonical = switch (name.toLowerCase(Locale.ROOT)) {
      case "pcmu" -> "PCMU";
      case "pcma" -> "PCMA";
      case "g722" -> "G722";
      case "opus" -> "opus";
      default -> name;
    };
    String pt = STATIC_PT.get(canonical + "/" + rate);
    if (pt == null || m.formats.contains(pt)) pt = freeDynamicPt(m, la);
    return new SdpCodec(pt, canonical, rate, ch, null, List.of());
  }

  private static String freeDynamicPt(MediaDescription m, MediaLeg la) {
    for (int pt = 96; pt <= 127; pt++) {
      String s = Integer.toString(pt);
      boolean used = m.formats.contains(s);
      for (SdpCodec c : la.codecs) used |= c.pt().equals(s);
      if (!used) return s;
    }
    return "96";
  }

  /** RED whose primary codec left, and telephone-event/CN at a clock rate no real codec has. */
  private static void removeOrphans(MediaDescription m) {
    List<SdpCodec> codecs = SdpCodec.of(m);
    for (SdpCodec c : codecs) {
      if (c.isRed()) {
        boolean ok = c.fmtp() != null;
        if (ok) for (String ref : c.fmtp().split("/")) ok &= m.formats.contains(ref.trim());
        if (!ok) Codecs.removeFormat(m, c.pt());
      } else if (c.isDtmf() || c.isCn()) {
        boolean carrier = false;
        for (SdpCodec o : codecs) carrier |= !o.isSupplementary() && o.rate() == c.rate() && m.formats.contains(o.pt());
        if (!carrier) Codecs.removeFormat(m, c.pt());
      }
    }
  }

  /**
   * Decides a stream from the answer and, when it is transcoded, rewrites the answer that goes to
   * the offerer ({@code answered}, still the answerer's SDP) to the offerer's own codec.
   */
  static void answer(MediaLeg la, MediaLeg lb, MediaDescription answered) {
    lb.codecs = SdpCodec.of(answered);
    la.transcode = null;
    lb.transcode = null;
    if (la.transcodeMode == null) return;
    SdpCodec bMain = firstReal(lb.codecs);
    if (bMain == null || !SUPPORTED.contains(bMain.name().toLowerCase(Locale.ROOT))) return;
    SdpCodec same = null;
    for (SdpCodec c : la.answerable) if (c.sameAs(bMain)) same = same == null ? c : same;
    int bPtime = ptime(lb.ptimeToParty, lb.ptime);
    int aPtime = ptime(la.ptimeToParty, la.ptime);
    boolean always = "always".equals(la.transcodeMode);
    boolean dtmf = "dtmf".equals(la.transcodeMode);
    if (same != null && !always && !dtmf && aPtime == bPtime) return; // both sides speak it: pass through
    SdpCodec aMain = always || same == null ? firstSupported(la.answerable) : same;
    if (aMain == null) return;
    // Events either side lacks are played or detected in-band, so each keeps its own.
    SdpCodec bDtmf = first(lb.codecs, bMain.rate());
    SdpCodec aDtmf = first(la.answerable, aMain.rate());
    SdpCodec aCn = firstCn(la.answerable, aMain.rate());
    SdpCodec bCn = firstCn(lb.codecs, bMain.rate());

    for (String pt : List.copyOf(answered.formats)) Codecs.removeFormat(answered, pt);
    answered.formats = new ArrayList<>();
    addFormat(answered, aMain);
    if (aDtmf != null) addFormat(answered, aDtmf);

    la.transcode = new StreamCodec(withSet(aMain, la.codecSet), aDtmf == null ? -1 : pt(aDtmf),
        aCn == null || bCn == null ? -1 : pt(aCn), aPtime);
    lb.transcode = new StreamCodec(bMain, bDtmf == null ? -1 : pt(bDtmf), aCn == null || bCn == null ? -1 : pt(bCn), bPtime);
  }

  /**
   * codec-set ("opus/48000/2/32000"): the bitrate we encode at towards the offerer, carried to the
   * media plane as the fmtp's maxaveragebitrate (the SDP is not changed).
   */
  private static SdpCodec withSet(SdpCodec c, List<String> sets) {
    for (String set : sets) {
      String[] p = set.split("/");
      if (p.length < 4 || !c.matches(p[0] + "/" + p[1] + "/" + p[2])) continue;
      try {
        int bitrate = Integer.parseInt(p[3].trim());
        String fmtp = (c.fmtp() == null || c.fmtp().isBlank() ? "" : c.fmtp() + ";") + "maxaveragebitrate=" + bitrate;
        return new SdpCodec(c.pt(), c.name(), c.rate(), c.channels(), fmtp, c.rtcpFb());
      } catch (NumberFormatException e) {
        // not a bitrate: nothing to set
      }
    }
    return c;
  }

  private static int ptime(Integer forced, String stated) {
    if (forced != null) return forced;
    try {
      return stated == null ? 20 : Integer.parseInt(stated.trim());
    } catch (NumberFormatException e) {
      return 20;
    }
  }

  private static int pt(SdpCodec c) {
    return Integer.parseInt(c.pt());
  }

  private static void addFormat(MediaDescription m, SdpCodec c) {
    m.formats.add(c.pt());
    int at = 0;
    m.lines.add(Math.min(at, m.lines.size()), SdpLine.attr("rtpmap", c.pt() + " " + c.rtpmap()));
    int next = 1;
    if (c.fmtp() != null) m.lines.add(next++, SdpLine.attr("fmtp", c.pt() + " " + c.fmtp()));
    for (String fb : c.rtcpFb()) m.lines.add(next++, SdpLine.attr("rtcp-fb", c.pt() + " " + fb));
  }

  private static SdpCodec firstReal(List<SdpCodec> list) {
    for (SdpCodec c : list) if (!c.isSupplementary()) return c;
    return null;
  }

  private static SdpCodec firstSupported(List<SdpCodec> list) {
    for (SdpCodec c : list) if (!c.isSupplementary() && SUPPORTED.contains(c.name().toLowerCase(Locale.ROOT))) return c;
    return null;
  }

  /** The first telephone-event at a clock rate. */
  private static SdpCodec first(List<SdpCodec> list, int rate) {
    for (SdpCodec c : list) if (c.isDtmf() && c.rate() == rate) return c;
    return null;
  }

  private static SdpCodec firstCn(List<SdpCodec> list, int rate) {
    for (SdpCodec c : list) if (c.isCn() && c.rate() == rate) return c;
    return null;
  }

  /** Drops lines of formats that are gone (used after an edit that bypassed removeFormat). */
  static void prune(MediaDescription m) {
    for (Iterator<SdpLine> it = m.lines.iterator(); it.hasNext(); ) {
      SdpLine l = it.next();
      if (!l.isAttr("rtpmap") && !l.isAttr("fmtp") && !l.isAttr("rtcp-fb")) continue;
      String v = l.attrValue();
      int sp = v == null ? -1 : v.indexOf(' ');
      if (sp > 0 && !m.formats.contains(v.substring(0, sp))) it.remove();
    }
  }
}
