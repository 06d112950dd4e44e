package rtpmesh.control.call;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rtpmesh.control.ng.NgException;
import rtpmesh.control.ng.NgFlags;
import rtpmesh.control.sdp.Connection;
import rtpmesh.control.sdp.MediaDescription;
import rtpmesh.control.sdp.Sdp;
import rtpmesh.control.sdp.Origin;
import rtpmesh.control.sdp.SdpException;
import rtpmesh.control.sdp.SdpLine;

/**
 * The offer/answer logic for plain calls: which monologues an offer or answer concerns, which legs
 * need ports, what each party is told. Each method reads as a script: find the parties, take in
 * the SDP, get ports, write the SDP for the other side, push the legs to the media block.
 */
final class OfferAnswer {
  private final Interfaces interfaces;
  private final MediaClient media;
  private final String loopProtectId;
  private WebRtc webrtc = new WebRtc(null);

  OfferAnswer(Interfaces interfaces, MediaClient media, String loopProtectId) {
    this.interfaces = interfaces;
    this.media = media;
    this.loopProtectId = loopProtectId;
  }

  /** Enables ICE and DTLS-SRTP in SDP once the media plane says it terminates them. */
  void webrtc(String fingerprint) {
    this.webrtc = new WebRtc(fingerprint);
  }

  Future<String> offer(Call call, String fromTag, String toTag, NgFlags flags, Sdp sdp, long now) {
    if (sdp.media.isEmpty()) return Future.failedFuture(new NgException(NgException.REWRITE_SDP));
    Monologue known = call.tagged(fromTag);
    Monologue a = known != null ? known : call.newTagged(fromTag, now);
    Monologue b = otherSide(call, a, toTag, flags.viaBranch(), now);
    a.initialized = true;
    String fromIface = flags.direction().size() > 0 ? flags.direction().get(0) : null;
    String toIface = flags.direction().size() > 1 ? flags.direction().get(1) : null;
    List<MediaLeg> needPorts = new ArrayList<>();
    boolean forceRelay = "force-relay".equals(flags.ice());
    for (int i = 0; i < sdp.media.size(); i++) {
      MediaDescription md = sdp.media.get(i);
      MediaLeg la = a.media(i + 1);
      MediaLeg lb = b.media(i + 1);
      boolean moved = takeIn(la, sdp, md, flags);
      la.muxOffered = md.hasAttr("rtcp-mux");
      la.muxFlag = muxFlag(flags);
      la.cryptoOffered = Sdes.parse(md);
      lb.type = md.type;
      String outProto = flags.transportProtocol() != null && !flags.transportProtocol().isBlank()
          && isRtpProto(md.proto) && isRtpProto(flags.transportProtocol()) ? flags.transportProtocol() : md.proto;
      if (!outProto.equals(lb.proto)) lb.cryptoWeOffered = List.of();
      lb.proto = outProto;
      if (forceRelay) lb.cryptoWeOffered = List.of();
      else offerCrypto(la, lb, md.proto, flags);
      WebRtc.takeIn(la, sdp, md);
      la.offeredFormats = List.copyOf(md.formats);
      // A party that answered with ICE before keeps getting it in re-offers (rtpengine learns it
      // per party; the flag `reset` unlearns it).
      boolean receiverDoesIce = WebRtc.hasIce(lb) && !flags.has("reset");
      lb.ice = !forceRelay && webrtc.iceTowards(flags, WebRtc.hasIce(la) || receiverDoesIce);
      if (lb.ice) {
        WebRtc.credentials(lb);
        lb.iceControlling = true;
      }
      lb.dtlsSetup = !forceRelay && webrtc.available() && Sdes.isSrtp(lb.proto) && !WebRtc.dtlsOff(flags, flags.dtls()) ? "actpass" : null;
      if (la.localAddress == null) placeOn(la, fromIface, la.remote);
      if (lb.localAddress == null) placeOn(lb, toIface, null);
      if (moved && !flags.has("port-latching")) {
        // A party that moved gets fresh ports on both sides, as rtpengine does.
        reanchor(la, needPorts);
        reanchor(lb, needPorts);
      }
      if (la.port == 0 && !needPorts.contains(la)) needPorts.add(la);
      if (lb.port == 0 && !needPorts.contains(lb)) needPorts.add(lb);
      if ("require".equals(la.muxFlag)) lb.mux = true;
      la.peer = lb;
      lb.peer = la;
      Transcoding.takeOffer(la, md, flags);
    }
    tieBundles(sdp, a, b, flags, needPorts);
    return allocate(call, needPorts).map(v -> {
      Bundle.sharePorts(a);
      Bundle.sharePorts(b);
      MediaLeg bundleB = Bundle.transport(b);
      List<SdpRewriter.Out> outs = new ArrayList<>();
      for (int i = 0; i < sdp.media.size(); i++) {
        MediaLeg la = a.media(i + 1);
        MediaLeg lb = b.media(i + 1);
        // A receiver that already accepted rtcp-mux gets it again in a re-offer, RTCP on the RTP port.
        boolean receiverMuxes = lb.mux && !flags.has("reset") && !"demux".equals(la.muxFlag);
        boolean mux = !"demux".equals(la.muxFlag)
            && (la.muxOffered || "offer".equals(la.muxFlag) || "require".equals(la.muxFlag) || receiverMuxes);
        boolean rtcpOnRtp = "require".equals(la.muxFlag) || receiverMuxes;
        boolean inBundle = bundleB != null && (lb == bundleB || lb.bundleWith == bundleB.index);
        if (inBundle) {
          mux = true; // RFC 8843 §9.3
          rtcpOnRtp = true;
        }
        boolean trickle = flags.has("trickle-ice") || (lb.remoteIceTrickle && WebRtc.hasIce(lb));
        SdpRewriter.Web web = forceRelay ? SdpRewriter.Web.relay(relayCandidates(lb, advertised(lb, flags)))
            : web(lb, advertised(lb, flags), rtcpOnRtp, trickle, inBundle && la.mid == null ? lb.mid : null);
        outs.add(new SdpRewriter.Out(la.rejected ? null : lb, advertised(lb, flags), mux, rtcpOnRtp, null,
            lb.proto, lines(lb.cryptoWeOffered), web));
      }
      String out = MediaServices.mohSdp(a, rewrite(sdp, outs, flags, a, true, bundleB == null ? List.of() : Bundle.mids(b, bundleB)));
      b.lastSdpOut = out;
      return out;
    });
  }

  Future<String> answer(Call call, String fromTag, String toTag, NgFlags flags, Sdp sdp, long now) {
    if (sdp.media.isEmpty()) return Future.failedFuture(new NgException(NgException.REWRITE_SDP));
    Monologue a = call.tagged(fromTag);
    if (a == null) return Future.failedFuture(new NgException(NgException.UNKNOWN_CALL));
    if (toTag == null || toTag.isEmpty() || toTag.equals(fromTag)) {
      return Future.failedFuture(new NgException("No to-tag in message"));
    }
    List<MediaLeg> needPorts = new ArrayList<>();
    Monologue b = call.tagged(toTag);
    if (b == null) b = answeringSide(call, a, toTag, flags.viaBranch(), now, needPorts);
    b.initialized = true;
    for (int i = 0; i < sdp.media.size(); i++) {
      MediaDescription md = sdp.media.get(i);
      MediaLeg lb = b.media(i + 1);
      MediaLeg la = a.media(i + 1);
      takeIn(lb, sdp, md, flags);
      lb.mux = md.hasAttr("rtcp-mux");
      la.mux = la.muxOffered && !"reject".equals(la.muxFlag);
      answerCrypto(la, lb, Sdes.parse(md), flags);
      WebRtc.takeIn(lb, sdp, md);
      if (lb.dtlsSetup != null && lb.remoteFingerprint == null) lb.dtlsSetup = null;
      la.dtlsSetup = webrtc.available() && la.remoteFingerprint != null && Sdes.isSrtp(la.proto)
          ? WebRtc.answerSetup(la.remoteSetup) : null;
      if (la.dtlsSetup != null) {
        // DTLS-SRTP wins over SDES towards a party that offered both, as rtpengine prefers it.
        la.cryptoAnswer = null;
        la.srtpSuite = null;
      }
      la.ice = WebRtc.hasIce(la) && webrtc.available() && !"remove".equals(flags.ice());
      if (la.ice) WebRtc.credentials(la);
      if (la.localAddress == null) placeOn(la, null, la.remote);
      if (lb.localAddress == null) placeOn(lb, null, lb.remote);
      if (la.port == 0 && !needPorts.contains(la)) needPorts.add(la);
      if (lb.port == 0 && !needPorts.contains(lb)) needPorts.add(lb);
      la.peer = lb;
      lb.peer = la;
    }
    answerBundles(sdp, a, b, flags);
    Monologue answerer = b;
    return allocate(call, needPorts).map(v -> {
      Bundle.sharePorts(a);
      Bundle.sharePorts(answerer);
      MediaLeg bundleA = Bundle.transport(a);
      List<SdpRewriter.Out> outs = new ArrayList<>();
      for (int i = 0; i < sdp.media.size(); i++) {
        MediaLeg la = a.media(i + 1);
        MediaLeg lb = answerer.media(i + 1);
        String echoPtime = sdp.media.get(i).hasAttr("ptime") ? null : la.ptime;
        MediaDescription answered = sdp.media.get(i);
        String mid = answered.hasAttr("mid") ? null : la.mid;
        if (la.mid == null) answered.removeAttrs("mid");
        Transcoding.answer(la, lb, answered);
        if (la.proto != null && !la.proto.equalsIgnoreCase(lb.proto) && !la.offeredFormats.isEmpty()) {
          // Across profiles (a browser and a phone) the answer keeps only payload types the offerer
          // knows: its numbers may mean something else on the other side.
          for (String pt : List.copyOf(answered.formats)) if (!la.offeredFormats.contains(pt)) Codecs.removeFormat(answered, pt);
        }
        outs.add(new SdpRewriter.Out(lb.rejected ? null : la, advertised(la, flags), la.mux, la.mux, echoPtime,
            la.proto, la.cryptoAnswer == null ? List.of() : List.of(la.cryptoAnswer.line()),
            web(la, advertised(la, flags), la.mux, la.remoteIceTrickle || flags.has("trickle-ice"), mid)));
      }
      String out = rewrite(sdp, outs, flags, answerer, false, bundleA == null ? List.of() : Bundle.mids(a, bundleA));
      a.lastSdpOut = out;
      return out;
    });
  }

  /**
   * {@code park}: rtpmesh answers the offer itself. The party gets ports, its codecs are all
   * accepted, and what it sends goes nowhere (counted as no-peer drops) until {@code connect}
   * joins it to someone. SDES is answered with a fresh key; ICE and DTLS are not offered to it.
   */
  Future<String> park(Call call, String fromTag, NgFlags flags, Sdp sdp, long now) {
    if (sdp.media.isEmpty()) return Future.failedFuture(new NgException(NgException.REWRITE_SDP));
    Monologue known = call.tagged(fromTag);
    Monologue a = known != null ? known : call.newTagged(fromTag, now);
    a.initialized = true;
    a.parked = true;
    String iface = flags.direction().isEmpty() ? null : flags.direction().get(0);
    List<MediaLeg> needPorts = new ArrayList<>();
    for (int i = 0; i < sdp.media.size(); i++) {
      MediaDescription md = sdp.media.get(i);
      MediaLeg la = a.media(i + 1);
      boolean moved = takeIn(la, sdp, md, flags);
      la.mux = md.hasAttr("rtcp-mux");
      la.cryptoOffered = Sdes.parse(md);
      la.offeredFormats = List.copyOf(md.formats);
      la.codecs = SdpCodec.of(md);
      MediaLeg none = new MediaLeg(i + 1);
      none.proto = la.proto;
      answerCrypto(la, none, List.of(), flags);
      if (la.localAddress == null) placeOn(la, iface, la.remote);
      if (moved && !flags.has("port-latching")) reanchor(la, needPorts);
      if (la.port == 0 && !la.rejected && !needPorts.contains(la)) needPorts.add(la);
    }
    return allocate(call, needPorts).map(v -> {
      String out = SelfSdp.parkAnswer(sdp, a, a.lastSdpOut);
      a.lastSdpOut = out;
      return out;
    });
  }

  /**
   * {@code create}: rtpmesh originates a call. {@code fromTag} names rtpmesh's own side (no party,
   * no ports); the party that will answer gets one audio leg with {@code codecs} on {@code proto}
   * (SDES keys offered on RTP/SAVP). Its {@code answer} (from-tag = ours, to-tag = the party's)
   * completes it through {@link #answerCreated}.
   */
  Future<String> create(Call call, String fromTag, String iface, String proto, List<SdpCodec> codecs, NgFlags flags, long now) {
    Monologue self = call.newTagged(fromTag, now);
    self.local = true;
    self.initialized = true;
    Monologue b = otherSide(call, self, null, null, now);
    MediaLeg lb = b.media(1);
    lb.type = "audio";
    lb.proto = proto;
    lb.cryptoWeOffered = Sdes.isSrtp(proto) ? Sdes.offer(flags.sdes()) : List.of();
    lb.codecs = List.copyOf(codecs);
    placeOn(lb, iface, null);
    List<MediaLeg> needPorts = new ArrayList<>(List.of(lb));
    return allocate(call, needPorts).map(v -> {
      String out = SelfSdp.createOffer(lb, codecs, flags.ptime());
      b.lastSdpOut = out;
      return out;
    });
  }

  /** The answer to a {@link #create}d offer: the party's address, and the SDES key it chose. */
  void answerCreated(Call call, Monologue self, String toTag, NgFlags flags, Sdp sdp) {
    Monologue b = call.tagged(toTag);
    if (b == null) {
      for (Monologue s : self.subscribers) if (s.tag.isEmpty()) b = s;
      if (b == null) throw new NgException("Unknown to-tag (the created offer was answered already)");
      call.adopt(b, toTag);
    }
    b.initialized = true;
    if (sdp.media.isEmpty()) throw new NgException(NgException.REWRITE_SDP);
    MediaDescription md = sdp.media.get(0);
    MediaLeg lb = b.media(1);
    String offeredProto = lb.proto;
    takeIn(lb, sdp, md, flags);
    lb.mux = md.hasAttr("rtcp-mux");
    lb.codecs = SdpCodec.of(md);
    MediaLeg us = new MediaLeg(1);
    us.proto = offeredProto;
    answerCrypto(us, lb, Sdes.parse(md), flags);
  }

  private static final java.util.Set<String> RTP_PROTOS = java.util.Set.of(
      "RTP/AVP", "RTP/AVPF", "RTP/SAVP", "RTP/SAVPF", "UDP/TLS/RTP/SAVP", "UDP/TLS/RTP/SAVPF");

  /** The RTP profiles rtpengine converts between; any other transport-protocol value is ignored. */
  /** Our DTLS and ICE attributes for the SDP that goes to a leg's party. */
  private SdpRewriter.Web web(MediaLeg leg, String address, boolean rtcpOnRtpPort, boolean trickle, String mid) {
    String setup = leg.dtlsSetup;
    if (!leg.ice) return new SdpRewriter.Web(setup, setup == null ? null : webrtc.fingerprint(), null, null, false, List.of(), mid);
    String f = WebRtc.foundation(leg.iface);
    List<String> cands = new ArrayList<>();
    cands.add(f + " 1 UDP 2130706431 " + address + " " + leg.port + " typ host");
    if (!rtcpOnRtpPort) cands.add(f + " 2 UDP 2130706430 " + address + " " + (leg.port + 1) + " typ host");
    return new SdpRewriter.Web(setup, setup == null ? null : webrtc.fingerprint(), leg.iceUfrag, leg.icePwd, trickle, cands, mid);
  }

  /**
   * BUNDLE in an offer: the offerer's group is kept with {@code BUNDLE=accept} (one port towards
   * it), else broken; with {@code offer|require|strict} every RTP section offered to the receiver
   * shares one port, with a mid (the offerer's, or generated). Bundled sections get no ports of
   * their own.
   */
  private static void tieBundles(Sdp sdp, Monologue a, Monologue b, NgFlags flags, List<MediaLeg> needPorts) {
    List<String> group = Bundle.group(sdp);
    if (Bundle.accepts(flags.bundle()) && !group.isEmpty()) Bundle.tie(a, group, true);
    else Bundle.untie(a);
    if (Bundle.offers(flags.bundle())) {
      List<String> mids = new ArrayList<>();
      for (int i = 0; i < sdp.media.size(); i++) {
        MediaLeg la = a.media(i + 1);
        MediaLeg lb = b.media(i + 1);
        lb.mid = la.mid != null ? la.mid : Integer.toString(i + 1); // as `generate mid` numbers them
        mids.add(lb.mid);
      }
      Bundle.tie(b, mids, true);
    } else {
      Bundle.untie(b);
    }
    for (int i = 0; i < sdp.media.size(); i++) {
      for (MediaLeg l : List.of(a.media(i + 1), b.media(i + 1))) {
        if (l.bundleWith != 0) needPorts.remove(l);
        else if (l.port == 0 && !needPorts.contains(l)) needPorts.add(l);
      }
    }
  }

  /**
   * BUNDLE in an answer: the offerer's tied sections answer on one port with rtcp-mux; a receiver
   * we offered a bundle to either took it (a=group:BUNDLE, or {@code BUNDLE=require}) or is sent
   * each section at the section's own address while we still receive on the one port.
   */
  private static void answerBundles(Sdp sdp, Monologue a, Monologue b, NgFlags flags) {
    for (MediaLeg l : a.medias) if (l.bundled) l.mux = true;
    MediaLeg t = Bundle.transport(b);
    if (t == null) return;
    boolean bundles = !Bundle.group(sdp).isEmpty() || Bundle.requires(flags.bundle());
    for (MediaLeg l : b.medias) {
      if (l != t && l.bundleWith != t.index) continue;
      l.bundled = bundles;
      if (bundles) l.mux = true;
    }
  }

  /** ICE=force-relay: this node as the party's relay candidate, both components, lowest type preference. */
  private static List<String> relayCandidates(MediaLeg leg, String address) {
    String f = WebRtc.foundation(leg.iface);
    return List.of(
        f + " 1 UDP 16777215 " + address + " " + leg.port + " typ relay raddr " + address + " rport " + leg.port,
        f + " 2 UDP 16777214 " + address + " " + (leg.port + 1) + " typ relay raddr " + address + " rport " + (leg.port + 1));
  }

  private static boolean isRtpProto(String proto) {
    return proto != null && RTP_PROTOS.contains(proto.toUpperCase(Locale.ROOT));
  }

  private static List<String> lines(List<Sdes.Crypto> crypto) {
    List<String> out = new ArrayList<>();
    for (Sdes.Crypto c : crypto) out.add(c.line());
    return out;
  }

  /**
   * What an offer says about SDES to its receiver: nothing for plain RTP; for SRTP the suites this
   * node offers with fresh keys (kept across re-offers), or, when both sides speak the same SRTP
   * profile, the offerer's first key verbatim so that SRTP can pass through untouched. OSRTP (RFC
   * 8643: RTP/AVP with a=crypto) passes through the same way; {@code OSRTP=offer} makes a plain
   * offer an OSRTP one.
   */
  private static void offerCrypto(MediaLeg la, MediaLeg lb, String offerProto, NgFlags flags) {
    boolean osrtpIn = !Sdes.isSrtp(offerProto) && !la.cryptoOffered.isEmpty();
    boolean osrtpOut = !Sdes.isSrtp(lb.proto) && (osrtpIn || Sdes.osrtpOffer(flags.osrtp()));
    if (!Sdes.isSrtp(lb.proto) && !osrtpOut) {
      lb.cryptoWeOffered = List.of();
      lb.cryptoPassthrough = false;
      return;
    }
    if (!lb.cryptoWeOffered.isEmpty()) return;
    if (!la.cryptoOffered.isEmpty() && lb.proto.equalsIgnoreCase(offerProto)) {
      Sdes.Crypto first = la.cryptoOffered.get(0);
      List<Sdes.Crypto> list = new ArrayList<>();
      list.add(new Sdes.Crypto("1", first.suite(), first.key())); // rtpengine drops lifetime and MKI
      int tag = 2;
      for (Sdes.Crypto c : Sdes.noNew(flags.sdes()) ? List.<Sdes.Crypto>of() : Sdes.offer(flags.sdes())) {
        if (!c.suite().equalsIgnoreCase(first.suite())) list.add(new Sdes.Crypto(Integer.toString(tag++), c.suite(), c.key()));
      }
      lb.cryptoWeOffered = list;
      lb.cryptoPassthrough = true;
    } else {
      lb.cryptoWeOffered = Sdes.offer(flags.sdes());
      lb.cryptoPassthrough = false;
    }
  }

  /**
   * Takes the answerer's SDES choice and decides the offerer's: SRTP passes through when the
   * answerer took the offerer's own key; otherwise each SRTP side gets its own keys and the media
   * block translates.
   */
  private static void answerCrypto(MediaLeg la, MediaLeg lb, List<Sdes.Crypto> answered, NgFlags flags) {
    lb.srtpSuite = null;
    la.srtpSuite = null;
    boolean weOffered = Sdes.isSrtp(lb.proto) || !lb.cryptoWeOffered.isEmpty();
    Sdes.Crypto chosen = weOffered && !answered.isEmpty() ? answered.get(0) : null;
    boolean passthrough = chosen != null && lb.cryptoPassthrough && "1".equals(chosen.tag())
        && !la.cryptoOffered.isEmpty() && chosen.suite().equalsIgnoreCase(la.cryptoOffered.get(0).suite());
    if (passthrough) {
      Sdes.Crypto a0 = la.cryptoOffered.get(0);
      la.cryptoAnswer = new Sdes.Crypto(a0.tag(), chosen.suite(), chosen.key());
      return;
    }
    if (chosen != null) {
      for (Sdes.Crypto ours : lb.cryptoWeOffered) {
        if (ours.tag().equals(chosen.tag()) && ours.suite().equalsIgnoreCase(chosen.suite())) {
          lb.srtpSuite = chosen.suite();
          lb.srtpRecvKey = chosen.key();
          lb.srtpSendKey = ours.key();
        }
      }
    }
    la.cryptoAnswer = null;
    if (!Sdes.isSrtp(la.proto) && chosen == null && !Sdes.osrtpAccept(flags.osrtp())) {
      return; // an OSRTP offer answered in plain RTP stays plain (OSRTP=accept takes it anyway)
    }
    for (Sdes.Crypto offered : la.cryptoOffered) {
      if (!MediaSrtp.supported(offered.suite()) || offered.hasMki()) continue;
      String key = Sdes.freshKey(offered.suite());
      la.cryptoAnswer = new Sdes.Crypto(offered.tag(), offered.suite(), key);
      la.srtpSuite = offered.suite();
      la.srtpRecvKey = offered.key();
      la.srtpSendKey = key;
      break;
    }
  }

  /** The party an offer goes to: the one already in dialogue with the offerer, or a new untagged one. */
  static Monologue otherSide(Call call, Monologue a, String toTag, String branch, long now) {
    Monologue b = call.tagged(toTag);
    if (b != null && b != a) return b;
    for (Monologue s : a.subscribers) {
      if (branch == null || !s.tag.isEmpty() || branch.equals(s.viaBranch)) return s;
    }
    b = call.newUntagged(branch, now);
    b.iceControlling = true;
    a.subscribeTo(b);
    b.subscribeTo(a);
    return b;
  }

  /**
   * The party an answer comes from, when its tag is new: the untagged side of the offer, or, when
   * that was already answered by another fork, a new monologue that takes over the offerer's media.
   */
  private Monologue answeringSide(Call call, Monologue a, String toTag, String branch, long now, List<MediaLeg> needPorts) {
    Monologue untagged = null;
    for (Monologue s : a.subscribers) {
      if (s.tag.isEmpty() && (untagged == null || (branch != null && branch.equals(s.viaBranch)))) untagged = s;
    }
    if (untagged != null) {
      call.adopt(untagged, toTag);
      return untagged;
    }
    Monologue fork = call.newTagged(toTag, now);
    fork.iceControlling = true;
    Monologue previous = a.subscribers.isEmpty() ? null : a.subscribers.get(0);
    for (Monologue s : new ArrayList<>(a.subscribers)) s.unsubscribeFrom(a);
    a.subscribeTo(fork);
    fork.subscribeTo(a);
    for (MediaLeg la : a.medias) {
      MediaLeg lf = fork.media(la.index);
      lf.type = la.type;
      lf.proto = la.proto;
      MediaLeg lp = previous == null ? null : previous.existingMedia(la.index);
      placeOn(lf, lp == null ? null : lp.iface, null);
      needPorts.add(lf);
      // The offerer gets fresh ports towards this fork; earlier forks keep sending to it.
      reanchor(la, needPorts);
    }
    return fork;
  }

  /** Reads one media section of a party's SDP into its leg; true when the party moved. */
  static boolean takeIn(MediaLeg leg, Sdp sdp, MediaDescription md, NgFlags flags) {
    leg.type = md.type;
    leg.proto = md.proto;
    leg.rejected = md.port == 0;
    leg.formats = List.copyOf(md.formats);
    leg.midExtension = Bundle.midExtension(md);
    Connection c = sdp.connectionOf(md);
    String addr = c == null ? null : c.address();
    leg.zeroAddress = c != null && c.isZero();
    if (flags.has("sip-source-address") && flags.receivedFrom() != null) addr = flags.receivedFrom();
    SdpLine ptime = md.attr("ptime");
    leg.ptime = ptime == null ? null : ptime.attrValue();
    leg.strict = flags.has("strict-source");
    leg.latch = flags.has("port-latching");
    leg.direction = MediaServices.direction(sdp, md);
    if (addr != null && md.port != 0) leg.advertisedRemote = new Endpoint(addr, md.port);
    if (addr == null || leg.zeroAddress || md.port == 0) return false;
    Endpoint now = new Endpoint(addr, md.port);
    leg.remoteRtcpPort = rtcpPort(md);
    boolean moved = leg.remote != null && !leg.remote.equals(now);
    leg.remote = now;
    return moved;
  }

  static int rtcpPort(MediaDescription md) {
    if (md.hasAttr("rtcp-mux")) return md.port;
    SdpLine rtcp = md.attr("rtcp");
    if (rtcp != null && rtcp.attrValue() != null) {
      String v = rtcp.attrValue().trim();
      int sp = v.indexOf(' ');
      try {
        return Integer.parseInt(sp < 0 ? v : v.substring(0, sp));
      } catch (NumberFormatException e) {
        // fall through to the RFC 3550 default
      }
    }
    return md.port + 1;
  }

  private static String muxFlag(NgFlags flags) {
    for (String f : List.of("require", "demux", "reject", "offer", "accept")) if (flags.rtcpMux().contains(f)) return f;
    return null;
  }

  void placeOn(MediaLeg leg, String ifaceName, Endpoint remote) {
    LogicalInterface iface = interfaces.get(ifaceName);
    LogicalInterface.Address addr = iface.pick(remote == null ? null : remote.ipv6());
    leg.iface = iface.name();
    leg.localAddress = addr.local();
    leg.advertisedAddress = addr.advertised();
  }

  private static void reanchor(MediaLeg leg, List<MediaLeg> needPorts) {
    if (leg.port == 0 || leg.bundleWith != 0) return; // a bundled section moves with its transport
    if (leg.oldPort == 0) leg.oldPort = leg.port;
    leg.port = 0;
    if (!needPorts.contains(leg)) needPorts.add(leg);
  }

  private static String advertised(MediaLeg leg, NgFlags flags) {
    String ma = flags.mediaAddress();
    if (ma != null && !ma.isBlank() && (Connection.isAddress(ma))) return ma;
    return leg.advertisedAddress;
  }

  /**
   * Gives every leg of a taken-over call fresh ports on this node's own interfaces, for when the
   * dead owner's address cannot move here: the call then needs new SDP on both sides (the proxy's
   * next offer/answer, e.g. OpenSIPS's rtp_relay_update, carries it).
   */
  Future<Void> reanchor(Call call) {
    List<MediaLeg> legs = new ArrayList<>();
    for (MediaLeg l : call.legs()) {
      if (l.port == 0 || l.bundleWith != 0) continue;
      l.port = 0;
      placeOn(l, l.iface, l.remote);
      legs.add(l);
    }
    return allocate(call, legs).map(v -> {
      for (Monologue m : call.monologues()) Bundle.sharePorts(m);
      return null;
    });
  }

  /**
   * The SDP a party last got from us, moved to its legs' current ports and addresses and with the
   * o= version bumped: what a re-INVITE to that party carries after its call was re-anchored.
   */
  static String moved(Monologue m) {
    try {
      Sdp sdp = Sdp.parse(m.lastSdpOut);
      String firstAddr = null;
      for (int i = 0; i < sdp.media.size(); i++) {
        MediaDescription md = sdp.media.get(i);
        MediaLeg leg = m.existingMedia(i + 1);
        if (md.port == 0 || leg == null || leg.port == 0) continue;
        md.port = leg.port;
        if (firstAddr == null) firstAddr = leg.advertisedAddress;
        for (int k = 0; k < md.lines.size(); k++) {
          SdpLine l = md.lines.get(k);
          if (l.type() == 'c') md.lines.set(k, new SdpLine('c', "IN " + ipType(leg.advertisedAddress) + " " + leg.advertisedAddress));
          else if (l.isAttr("rtcp")) md.lines.set(k, SdpLine.attr("rtcp", Integer.toString(leg.mux ? leg.port : leg.port + 1)));
        }
      }
      for (int k = 0; k < sdp.session.size(); k++) {
        SdpLine l = sdp.session.get(k);
        if (l.type() == 'c' && firstAddr != null && !Connection.parse(l.value()).isZero()) {
          sdp.session.set(k, new SdpLine('c', "IN " + ipType(firstAddr) + " " + firstAddr));
        } else if (l.type() == 'o') {
          Origin o = Origin.parse(l.value());
          long v;
          try {
            v = Long.parseLong(o.version()) + 1;
          } catch (NumberFormatException e) {
            v = 1;
          }
          sdp.session.set(k, new SdpLine('o', o.withVersion(Long.toString(v)).format()));
        }
      }
      m.lastSdpOut = sdp.toString();
      return m.lastSdpOut;
    } catch (SdpException e) {
      return null;
    }
  }

  private static String ipType(String address) {
    return address.indexOf(':') >= 0 ? "IP6" : "IP4";
  }

  /** Gets ports for every leg that needs them, one request per local address. */
  Future<Void> allocate(Call call, List<MediaLeg> legs) {
    legs.removeIf(l -> l.port != 0);
    if (legs.isEmpty()) return Future.succeededFuture();
    List<String> addresses = new ArrayList<>();
    for (MediaLeg l : legs) if (!addresses.contains(l.localAddress)) addresses.add(l.localAddress);
    Future<Void> chain = Future.succeededFuture();
    for (String address : addresses) {
      List<MediaLeg> group = new ArrayList<>();
      for (MediaLeg l : legs) if (l.localAddress.equals(address)) group.add(l);
      chain = chain.compose(v -> media.allocate(call.block, call.callId, address, group.size()).map(ports -> {
        for (int i = 0; i < group.size(); i++) group.get(i).port = ports.get(i);
        return null;
      }));
    }
    return chain;
  }

  private String rewrite(Sdp sdp, List<SdpRewriter.Out> outs, NgFlags flags, Monologue sender, boolean offer,
      List<String> bundleMids) {
    try {
      Sdp out = SdpRewriter.rewrite(sdp, outs, flags, sender, offer, loopProtectId);
      Bundle.addGroup(out, bundleMids);
      return out.toString();
    } catch (SdpException e) {
      throw new NgException(NgException.REWRITE_SDP);
    }
  }

  /** True when an SDP already went through this node (loop-protect). */
  boolean looped(Sdp sdp) {
    SdpLine l = sdp.sessionAttr("rtpengine");
    return l != null && loopProtectId.toLowerCase(Locale.ROOT).equals(String.valueOf(l.attrValue()).toLowerCase(Locale.ROOT));
  }
}
