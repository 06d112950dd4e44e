package rtpmesh.control.ng;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of an offer or answer, parsed once from the message. rtpengine accepts most options
 * both as their own key and as words in {@code flags} ({@code replace-origin}, {@code codec-strip-PCMA},
 * {@code rtcp-mux-demux}...), case- and dash/underscore-insensitively; unknown words are ignored.
 */
public record NgFlags(
    Set<String> flags,
    Set<String> replace,
    Set<String> rtcpMux,
    String ice,
    List<String> direction,
    List<String> codecStrip,
    List<String> codecMask,
    List<String> codecOffer,
    List<String> codecExcept,
    List<String> codecTranscode,
    String mediaAddress,
    String receivedFrom,
    Integer ptime,
    Integer ptimeReverse,
    Map<String, Object> sdpAttr,
    String viaBranch,
    Set<String> supports,
    String transportProtocol,
    Set<String> sdes,
    String dtls,
    String iceLite,
    Set<String> bundle,
    Set<String> osrtp,
    List<String> codecAccept,
    List<String> codecConsume,
    List<String> codecSet) {

  public boolean has(String flag) {
    return flags.contains(flag);
  }

  public boolean replaces(String what) {
    return replace.contains(what);
  }

  public static String norm(String s) {
    return s.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
  }

  public static NgFlags parse(NgMessage m) {
    Set<String> flags = new LinkedHashSet<>();
    Set<String> replace = new LinkedHashSet<>();
    Set<String> mux = new LinkedHashSet<>();
    List<String> strip = new ArrayList<>(), mask = new ArrayList<>(), offer = new ArrayList<>();
    List<String> except = new ArrayList<>(), transcode = new ArrayList<>();
    List<String> accept = new ArrayList<>(), consume = new ArrayList<>(), set = new ArrayList<>();
    String ice = m.str("ICE");
    for (String raw : m.list("flags")) {
      String f = norm(raw);
      String orig = raw.trim();
      if (f.startsWith("replace-")) replace.add(f.substring(8));
      else if (f.startsWith("rtcp-mux-")) mux.add(f.substring(9));
      else if (f.startsWith("codec-strip-")) strip.add(orig.substring(12));
      else if (f.startsWith("codec-mask-")) mask.add(orig.substring(11));
      else if (f.startsWith("codec-offer-")) offer.add(orig.substring(12));
      else if (f.startsWith("codec-except-")) except.add(orig.substring(13));
      else if (f.startsWith("codec-transcode-")) transcode.add(orig.substring(16));
      else if (f.startsWith("codec-accept-")) accept.add(orig.substring(13));
      else if (f.startsWith("codec-consume-")) consume.add(orig.substring(14));
      else if (f.startsWith("codec-set-")) set.add(orig.substring(10));
      else if (f.startsWith("transcode-")) transcode.add(orig.substring(10));
      else if (f.startsWith("ice-") && ice == null) ice = f.substring(4);
      else flags.add(f);
    }
    for (String r : m.list("replace")) replace.add(norm(r));
    for (String r : m.list("rtcp-mux")) mux.add(norm(r));
    Map<String, Object> codec = m.map("codec");
    strip.addAll(NgMessage.asList(codec.get("strip")));
    mask.addAll(NgMessage.asList(codec.get("mask")));
    offer.addAll(NgMessage.asList(codec.get("offer")));
    except.addAll(NgMessage.asList(codec.get("except")));
    transcode.addAll(NgMessage.asList(codec.get("transcode")));
    accept.addAll(NgMessage.asList(codec.get("accept")));
    consume.addAll(NgMessage.asList(codec.get("consume")));
    set.addAll(NgMessage.asList(codec.get("set")));
    List<String> recv = m.list("received-from");
    String receivedFrom = recv.size() >= 2 ? recv.get(1) : null;
    Set<String> supports = new LinkedHashSet<>();
    for (String s : m.list("supports")) supports.add(norm(s));
    // "supports" lists words with spaces ("load limit"): a bare string is one word, not a list.
    if (m.str("supports") != null) supports.add(norm(m.str("supports")));
    Set<String> sdes = new LinkedHashSet<>();
    for (String x : m.list("SDES")) sdes.add(x.trim());
    for (String f : new ArrayList<>(flags)) {
      if (f.startsWith("sdes-")) sdes.add(f.substring(5));
    }
    if (flags.contains("pad-crypto")) sdes.add("pad"); // legacy alias of SDES-pad
    // BUNDLE=accept|offer|require|strict|reject, as a key (string or list) or BUNDLE-... flags.
    Set<String> bundle = new LinkedHashSet<>();
    for (String b : m.list("BUNDLE")) bundle.add(norm(b));
    for (String f : new ArrayList<>(flags)) {
      if (f.startsWith("bundle-")) bundle.add(f.substring(7));
    }
    // OSRTP=offer|offer-RFC|accept|accept-RFC|... (RFC 8643), as a key or OSRTP-... flags.
    Set<String> osrtp = new LinkedHashSet<>();
    for (String o : m.list("OSRTP")) osrtp.add(norm(o));
    for (String f : new ArrayList<>(flags)) {
      if (f.startsWith("osrtp-")) osrtp.add(f.substring(6));
    }
    String transportProtocol = m.str("transport-protocol");
    if (flags.contains("webrtc")) {
      // rtpengine's shortcut for talking to a browser; explicit keys win.
      if (transportProtocol == null) transportProtocol = "UDP/TLS/RTP/SAVPF";
      if (ice == null) ice = "force";
      flags.add("trickle-ice");
      flags.add("no-rtcp-attribute");
      flags.add("generate-mid");
      mux.add("offer");
      mux.add("require");
      sdes.add("off");
    }
    return new NgFlags(
        flags, replace, mux,
        ice == null ? null : norm(ice),
        m.list("direction"),
        strip, mask, offer, except, transcode,
        m.str("media-address"),
        receivedFrom,
        toInt(m.number("ptime")),
        toInt(m.number("ptime-reverse")),
        m.map("sdp-attr"),
        m.str("via-branch"),
        supports,
        transportProtocol,
        sdes,
        m.str("DTLS"),
        m.str("ICE-lite") == null ? null : norm(m.str("ICE-lite")),
        bundle,
        osrtp,
        accept, consume, set);
  }

  private static Integer toInt(Long l) {
    return l == null ? null : l.intValue();
  }
}
