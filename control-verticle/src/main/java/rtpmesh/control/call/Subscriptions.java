package rtpmesh.control.call;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import rtpmesh.control.ng.NgException;
import rtpmesh.control.ng.NgFlags;
import rtpmesh.control.ng.NgMessage;
import rtpmesh.control.sdp.MediaDescription;
import rtpmesh.control.sdp.Sdp;
import rtpmesh.control.sdp.SdpException;

/**
 * rtpengine's pub/sub commands (media forks), as OpenSIPS's rtp_relay {@code copy_offer},
 * {@code copy_answer} and {@code copy_delete} drive them for SIPREC: {@code subscribe request}
 * makes a subscriber monologue with one leg per copied stream and answers with its sendonly offer;
 * {@code subscribe answer} takes the subscriber's SDP; {@code unsubscribe} removes it;
 * {@code publish} makes a party that only sends, for subscribers. Each step names the
 * {@code error-reason} it fails with; nothing changes before the last check passed, except ports
 * that the caller gives back by rolling the call back.
 */
final class Subscriptions {
  static final String NO_TO_TAG = "No to-tag in message";
  static final String TO_TAG_NOT_FOUND = "To-tag not found";
  static final String NO_SUCH_FROM_TAG = "From-tag given, but no such tag exists";
  static final String NONE_MATCHED = "No monologues matched";
  static final String NOT_A_SUBSCRIPTION = "To-tag is a call party, not a subscription";
  static final String SUBSCRIPTION_SOURCE = "From-tag is a subscription; subscribe to call parties";
  static final String NOT_A_PUBLISHER = "From-tag is a call party, not a publisher";
  static final String NO_MEDIA = "Selected parties have no media to copy";
  static final String BUNDLE = "Subscribing to a BUNDLE party is not supported";

  private final OfferAnswer offerAnswer;

  Subscriptions(OfferAnswer offerAnswer) {
    this.offerAnswer = offerAnswer;
  }

  /**
   * {@code subscribe request}: a new subscriber (tag {@code to-tag}, or a fresh one) copying the
   * selected parties: {@code from-tag}, the {@code from-tags} list (or {@code from-tags-<tag>}
   * flags), or every party with {@code all} (as a flag or {@code all=all}). A subscriber already
   * under that tag is replaced: its ports are added to {@code freed}. With the {@code siprec} flag
   * each section carries {@code a=label} and the reply {@code tag-medias}/{@code media-labels}.
   */
  Future<Map<String, Object>> request(Call call, NgMessage msg, NgFlags flags, long now, List<Integer> freed) {
    List<Monologue> sources = sources(call, msg, flags);
    String toTag = msg.str("to-tag");
    if (toTag == null || toTag.isEmpty()) toTag = randomTag();
    Monologue old = call.tagged(toTag);
    if (old != null && !old.subscriber) throw new NgException(NOT_A_SUBSCRIPTION);
    List<MediaLeg> copied = new ArrayList<>();
    for (Monologue p : sources) {
      for (MediaLeg pl : p.medias) {
        if (pl.port == 0 || pl.rejected) continue;
        if (pl.bundleWith != 0 || pl.bundled) throw new NgException(BUNDLE);
        copied.add(pl);
      }
    }
    if (copied.isEmpty()) throw new NgException(NO_MEDIA);
    if (old != null) {
      for (MediaLeg l : old.medias) if (l.port != 0) freed.add(l.port);
      call.removeMonologue(old);
    }
    Monologue sub = call.newTagged(toTag, now);
    sub.subscriber = true;
    sub.inactive = flags.has("inactive");
    String iface = msg.str("interface");
    List<MediaLeg> legs = new ArrayList<>();
    for (MediaLeg pl : copied) {
      MediaLeg sl = sub.media(legs.size() + 1);
      sl.type = pl.type;
      sl.proto = subscriberProto(pl.proto, flags.transportProtocol());
      sl.copyOf = pl;
      sl.codecs = sendable(call.ownerOf(pl), pl);
      sl.cryptoWeOffered = Sdes.isSrtp(sl.proto) ? supported(Sdes.offer(flags.sdes())) : List.of();
      offerAnswer.placeOn(sl, iface != null ? iface : pl.iface, null);
      legs.add(sl);
    }
    boolean siprec = flags.has("siprec");
    String subTag = toTag;
    return offerAnswer.allocate(call, new ArrayList<>(legs)).map(v -> {
      List<SubscriptionSdp.Section> sections = new ArrayList<>();
      for (MediaLeg sl : sub.medias) {
        List<String> crypto = new ArrayList<>();
        for (Sdes.Crypto c : sl.cryptoWeOffered) crypto.add(c.line());
        sections.add(new SubscriptionSdp.Section(sl, sl.codecs, sub.inactive ? "inactive" : "sendonly",
            siprec ? label(sl) : null, crypto));
      }
      String sdp = SubscriptionSdp.write(sections);
      sub.lastSdpOut = sdp;
      return requestReply(call, sub, subTag, sdp, sources, siprec);
    });
  }

  /**
   * {@code subscribe answer}: the subscriber's SDP, one section per section of its offer; copies
   * start towards the addresses it names. At least one offered codec must be in each live section
   * (copies are not transcoded); an SRTP section must pick one of our keys.
   */
  void answer(Call call, NgMessage msg, NgFlags flags) {
    Monologue sub = subscriber(call, msg);
    Sdp sdp = sdpOf(msg);
    if (sdp.media.size() != sub.medias.size()) {
      throw new NgException(NgException.PARSE_SDP + ": subscriber answer has " + sdp.media.size()
          + " media sections, its offer had " + sub.medias.size());
    }
    for (int i = 0; i < sdp.media.size(); i++) {
      MediaDescription md = sdp.media.get(i);
      MediaLeg sl = sub.medias.get(i);
      if (md.port == 0) continue;
      boolean common = false;
      for (SdpCodec c : sl.codecs) common |= !c.isSupplementary() && md.formats.contains(c.pt());
      if (!common) throw new NgException("Subscriber answer has none of the offered codecs in media section " + (i + 1));
      if (!sl.cryptoWeOffered.isEmpty() && chosenKey(sl, Sdes.parse(md)) == null) {
        throw new NgException("Subscriber answer has none of the offered SRTP keys in media section " + (i + 1));
      }
    }
    for (int i = 0; i < sdp.media.size(); i++) {
      MediaDescription md = sdp.media.get(i);
      MediaLeg sl = sub.medias.get(i);
      OfferAnswer.takeIn(sl, sdp, md, flags);
      sl.mux = md.hasAttr("rtcp-mux");
      Sdes.Crypto ours = chosenKey(sl, Sdes.parse(md));
      if (ours != null) {
        Sdes.Crypto theirs = Sdes.parse(md).get(0);
        sl.srtpSuite = ours.suite();
        sl.srtpSendKey = ours.key();
        sl.srtpRecvKey = theirs.key();
      }
    }
    sub.initialized = true;
  }

  /** {@code unsubscribe}: removes the subscriber named by {@code to-tag}; answers its ports. */
  List<Integer> remove(Call call, NgMessage msg) {
    Monologue sub = subscriber(call, msg);
    List<Integer> ports = new ArrayList<>();
    for (MediaLeg l : sub.medias) if (l.port != 0) ports.add(l.port);
    call.removeMonologue(sub);
    return ports;
  }

  /**
   * {@code publish}: a party ({@code from-tag}) that sends media for subscribers only. Its SDP is
   * answered recvonly with one codec per section: the first of {@code codec-accept} it offers,
   * else its first codec.
   */
  Future<String> publish(Call call, String fromTag, Sdp sdp, NgFlags flags, String iface, long now) {
    if (sdp.media.isEmpty()) throw new NgException(NgException.REWRITE_SDP);
    Monologue p = call.tagged(fromTag);
    if (p != null && !p.publisher) throw new NgException(NOT_A_PUBLISHER);
    if (p == null) {
      p = call.newTagged(fromTag, now);
      p.publisher = true;
    }
    p.initialized = true;
    List<MediaLeg> needPorts = new ArrayList<>();
    List<List<SdpCodec>> chosen = new ArrayList<>();
    List<List<String>> crypto = new ArrayList<>();
    for (int i = 0; i < sdp.media.size(); i++) {
      MediaDescription md = sdp.media.get(i);
      MediaLeg pl = p.media(i + 1);
      OfferAnswer.takeIn(pl, sdp, md, flags);
      pl.mux = md.hasAttr("rtcp-mux");
      pl.codecs = SdpCodec.of(md);
      SdpCodec pick = pick(pl.codecs, flags.codecAccept());
      chosen.add(pick == null ? List.of() : List.of(pick));
      if (pick == null) pl.rejected = true;
      crypto.add(publisherCrypto(pl, Sdes.parse(md)));
      if (pl.localAddress == null) offerAnswer.placeOn(pl, iface, pl.remote);
      if (pl.port == 0 && !pl.rejected) needPorts.add(pl);
    }
    Monologue publisher = p;
    return offerAnswer.allocate(call, needPorts).map(v -> {
      List<SubscriptionSdp.Section> sections = new ArrayList<>();
      for (int i = 0; i < sdp.media.size(); i++) {
        sections.add(new SubscriptionSdp.Section(publisher.media(i + 1), chosen.get(i), "recvonly", null, crypto.get(i)));
      }
      String out = SubscriptionSdp.write(sections);
      publisher.lastSdpOut = out;
      return out;
    });
  }

  /** The monologue a subscriber command's {@code to-tag} names, or the error-reason why not. */
  private static Monologue subscriber(Call call, NgMessage msg) {
    String toTag = msg.str("to-tag");
    if (toTag == null || toTag.isEmpty()) throw new NgException(NO_TO_TAG);
    Monologue sub = call.tagged(toTag);
    if (sub == null) throw new NgException(TO_TAG_NOT_FOUND);
    if (!sub.subscriber) throw new NgException(NOT_A_SUBSCRIPTION);
    return sub;
  }

  /** The parties a subscribe request selects, in the call's order, or the error-reason why none. */
  private static List<Monologue> sources(Call call, NgMessage msg, NgFlags flags) {
    List<Monologue> out = new ArrayList<>();
    if (flags.has("all") || "all".equalsIgnoreCase(msg.str("all"))) {
      for (Monologue m : call.monologues()) if (!m.subscriber && !m.tag.isEmpty()) out.add(m);
      if (out.isEmpty()) throw new NgException(NONE_MATCHED);
      return out;
    }
    String fromTag = msg.str("from-tag");
    if (fromTag != null && !fromTag.isEmpty()) {
      Monologue m = call.tagged(fromTag);
      if (m == null) throw new NgException(NO_SUCH_FROM_TAG);
      if (m.subscriber) throw new NgException(SUBSCRIPTION_SOURCE);
      return List.of(m);
    }
    List<String> tags = new ArrayList<>(msg.list("from-tags"));
    for (String raw : msg.list("flags")) {
      String f = raw.trim();
      if (f.toLowerCase(Locale.ROOT).startsWith("from-tags-")) tags.add(f.substring(10));
    }
    // rtpengine skips a listed tag it does not know (with a warning) and fails only if none is left.
    for (String t : tags) {
      Monologue m = call.tagged(t);
      if (m != null && !m.subscriber && !out.contains(m)) out.add(m);
    }
    if (out.isEmpty()) throw new NgException(NONE_MATCHED);
    return out;
  }

  /**
   * What a party actually sends on a leg: the codecs of its own SDP that the SDP it got from us
   * also lists (for the offerer, what it was answered; for the answerer, its answer), in its order.
   */
  static List<SdpCodec> sendable(Monologue party, MediaLeg pl) {
    List<String> told = null;
    if (party != null && party.lastSdpOut != null) {
      try {
        Sdp out = Sdp.parse(party.lastSdpOut);
        if (pl.index <= out.media.size()) told = out.media.get(pl.index - 1).formats;
      } catch (SdpException e) {
        told = null;
      }
    }
    List<SdpCodec> out = new ArrayList<>();
    for (SdpCodec c : pl.codecs) if (told == null || told.contains(c.pt())) out.add(c);
    return out.isEmpty() ? pl.codecs : out;
  }

  /** The subscriber's profile: the publisher's, or {@code transport-protocol}; no DTLS towards a subscriber. */
  private static String subscriberProto(String publisherProto, String transportProtocol) {
    String p = transportProtocol != null && !transportProtocol.isBlank() ? transportProtocol : publisherProto;
    if (p == null) return "RTP/AVP";
    return Sdes.isDtls(p) ? p.substring("UDP/TLS/".length()) : p;
  }

  private static List<Sdes.Crypto> supported(List<Sdes.Crypto> offer) {
    List<Sdes.Crypto> out = new ArrayList<>();
    int tag = 1;
    for (Sdes.Crypto c : offer) {
      if (MediaSrtp.supported(c.suite())) out.add(new Sdes.Crypto(Integer.toString(tag++), c.suite(), c.key(), c.params()));
    }
    return out;
  }

  /** Our offered key the subscriber's first a=crypto picks (same tag and suite), or null. */
  private static Sdes.Crypto chosenKey(MediaLeg sl, List<Sdes.Crypto> answered) {
    if (answered.isEmpty()) return null;
    Sdes.Crypto a = answered.get(0);
    for (Sdes.Crypto ours : sl.cryptoWeOffered) {
      if (ours.tag().equals(a.tag()) && ours.suite().equalsIgnoreCase(a.suite())) return ours;
    }
    return null;
  }

  /** SDES towards a publisher: its first supported key is taken, answered with one of ours. */
  private static List<String> publisherCrypto(MediaLeg pl, List<Sdes.Crypto> offered) {
    pl.srtpSuite = null;
    if (!Sdes.isSrtp(pl.proto)) return List.of();
    for (Sdes.Crypto c : offered) {
      if (!MediaSrtp.supported(c.suite()) || c.hasMki()) continue;
      String key = Sdes.freshKey(c.suite());
      pl.srtpSuite = c.suite();
      pl.srtpRecvKey = c.key();
      pl.srtpSendKey = key;
      return List.of(new Sdes.Crypto(c.tag(), c.suite(), key).line());
    }
    throw new NgException("Publisher offers no supported SRTP key");
  }

  private static SdpCodec pick(List<SdpCodec> codecs, List<String> accept) {
    for (String a : accept) for (SdpCodec c : codecs) if (!c.isSupplementary() && c.matches(a)) return c;
    for (SdpCodec c : codecs) if (!c.isSupplementary()) return c;
    return null;
  }

  /** SIPREC stream label: the subscriber section's position, from 0. */
  private static String label(MediaLeg sl) {
    return Integer.toString(sl.index - 1);
  }

  private static Map<String, Object> requestReply(Call call, Monologue sub, String toTag, String sdp,
      List<Monologue> sources, boolean siprec) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("sdp", sdp);
    if (sources.size() == 1) r.put("from-tag", sources.get(0).tag);
    List<Object> fromTags = new ArrayList<>();
    List<Object> tagMedias = new ArrayList<>();
    Map<String, Object> labels = new LinkedHashMap<>();
    for (MediaLeg sl : sub.medias) {
      Monologue src = call.ownerOf(sl.copyOf);
      String tag = src == null ? "" : src.tag;
      fromTags.add(tag);
      if (!siprec) continue;
      Map<String, Object> media = new LinkedHashMap<>();
      media.put("index", (long) sl.copyOf.index);
      media.put("type", sl.type);
      media.put("label", label(sl));
      media.put("mode", "sendrecv");
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("tag", tag);
      entry.put("medias", List.of(media));
      tagMedias.add(entry);
      Map<String, Object> byLabel = new LinkedHashMap<>();
      byLabel.put("tag", tag);
      byLabel.put("index", (long) sl.copyOf.index);
      byLabel.put("type", sl.type);
      byLabel.put("mode", "sendrecv");
      labels.put(label(sl), byLabel);
    }
    if (siprec) {
      r.put("tag-medias", tagMedias);
      r.put("media-labels", labels);
    }
    r.put("from-tags", fromTags);
    r.put("to-tag", toTag);
    r.put("result", "ok");
    return r;
  }

  static Sdp sdpOf(NgMessage msg) {
    Object raw = msg.dict().get("sdp");
    if (!(raw instanceof String s) || s.isEmpty()) throw new NgException(NgException.NO_SDP);
    try {
      return Sdp.parse(s);
    } catch (SdpException e) {
      throw new NgException(NgException.PARSE_SDP);
    }
  }

  private static String randomTag() {
    byte[] b = new byte[16];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
