package rtpmesh.control.call;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import rtpmesh.control.ng.NgFlags;
import rtpmesh.control.sdp.Connection;
import rtpmesh.control.sdp.MediaDescription;
import rtpmesh.control.sdp.Origin;
import rtpmesh.control.sdp.Sdp;
import rtpmesh.control.sdp.SdpException;
import rtpmesh.control.sdp.SdpLine;

/**
 * Turns the SDP one party sent into the SDP the other party gets: our addresses and ports in c=,
 * m= and a=rtcp, and the rewrites the flags ask for. Everything not named here passes unchanged.
 */
final class SdpRewriter {
  private SdpRewriter() {}

  /** What one outgoing media section advertises. */
  record Out(MediaLeg leg, String address, boolean mux, boolean rtcpOnRtpPort, String addPtime, String proto, List<String> crypto,
      Web web) {
    Out(MediaLeg leg, String address, boolean mux, boolean rtcpOnRtpPort, String addPtime) {
      this(leg, address, mux, rtcpOnRtpPort, addPtime, null, List.of(), Web.NONE);
    }

    Out(MediaLeg leg, String address, boolean mux, boolean rtcpOnRtpPort, String addPtime, String proto, List<String> crypto) {
      this(leg, address, mux, rtcpOnRtpPort, addPtime, proto, crypto, Web.NONE);
    }
  }

  /**
   * What this node says about DTLS and ICE in one media section (nulls and empties: nothing). With
   * {@code relay} (ICE=force-relay) the party's own transport passes untouched and the candidates
   * are added to its own as relay candidates.
   */
  record Web(String setup, String fingerprint, String ufrag, String pwd, boolean trickle, List<String> candidates, String mid,
      boolean relay) {
    static final Web NONE = new Web(null, null, null, null, false, List.of(), null, false);

    Web(String setup, String fingerprint, String ufrag, String pwd, boolean trickle, List<String> candidates, String mid) {
      this(setup, fingerprint, ufrag, pwd, trickle, candidates, mid, false);
    }

    static Web relay(List<String> candidates) {
      return new Web(null, null, null, null, false, candidates, null, true);
    }
  }

  private static final Set<String> ICE_ATTRS = Set.of(
      "ice-ufrag", "ice-pwd", "ice-options", "ice-lite", "ice-mismatch", "candidate", "remote-candidates", "end-of-candidates");
  private static final Set<String> DIRECTIONS = Set.of("sendrecv", "sendonly", "recvonly", "inactive");

  static Sdp rewrite(Sdp in, List<Out> outs, NgFlags flags, Monologue sender, boolean offer, String loopProtectId) throws SdpException {
    Sdp sdp = in.copy();
    rewriteSession(sdp, outs, flags, sender);
    String sessionDirection = sessionDirection(sdp);
    for (int i = 0; i < sdp.media.size(); i++) rewriteMedia(sdp, sdp.media.get(i), outs.get(i), flags, offer, sessionDirection);
    sessionDirectionRemove(sdp);
    if (flags.has("loop-protect")) sdp.session.add(SdpLine.attr("rtpengine", loopProtectId));
    String lite = flags.iceLite();
    if (lite != null && (lite.equals("both") || lite.equals(offer ? "forward" : "backward"))) {
      sdp.session.add(SdpLine.attr("ice-lite", null));
    }
    SdpAttrs.apply(sdp, flags.sdpAttr());
    return sdp;
  }

  private static void rewriteSession(Sdp sdp, List<Out> outs, NgFlags flags, Monologue sender) throws SdpException {
    String firstAddr = null;
    for (Out o : outs) if (o.leg() != null && !o.leg().rejected) { firstAddr = o.address(); break; }
    if (firstAddr == null && !outs.isEmpty() && outs.get(0).leg() != null) firstAddr = outs.get(0).address();
    boolean relay = forceRelay(flags);
    for (ListIter it = new ListIter(sdp.session); it.next(); ) {
      SdpLine l = it.line();
      if (relay && l.type() != 'o' && l.type() != 's') continue;
      switch (l.type()) {
        case 'o' -> it.set(new SdpLine('o', origin(l.value(), sdp, flags, sender, firstAddr)));
        case 's' -> {
          if (flags.replaces("session-name")) {
            if (sender.firstSessionName == null) sender.firstSessionName = l.value();
            it.set(new SdpLine('s', sender.firstSessionName));
          }
        }
        case 'c' -> {
          if (firstAddr != null) it.set(new SdpLine('c', connection(l.value(), firstAddr, flags, holdAll(sdp))));
        }
        case 'a' -> {
          String n = l.name().toLowerCase(Locale.ROOT);
          // rtpengine terminates BUNDLE (one port per m=) and, with ICE=remove, ICE.
          if (n.equals("group") && l.value().regionMatches(true, 6, "BUNDLE", 0, 6)) it.remove();
          else if (ICE_ATTRS.contains(n) && removesIce(flags)) it.remove();
          else if (n.equals("fingerprint") || n.equals("setup")) it.remove();
        }
        default -> { }
      }
    }
  }

  /** A session-level 0.0.0.0 is hold unless every media section uses the trickle-ICE port 9. */
  private static boolean holdAll(Sdp sdp) {
    for (MediaDescription m : sdp.media) if (m.port != 9) return true;
    return false;
  }

  /** ICE=force-relay: the party's transport (c=, m= port, ICE, DTLS, BUNDLE) passes untouched. */
  private static boolean forceRelay(NgFlags flags) {
    return "force-relay".equals(flags.ice());
  }

  private static boolean removesIce(NgFlags flags) {
    // Until rtpmesh terminates ICE itself, passing a peer's candidates on would point the other
    // side at addresses that bypass the relay; so ICE is removed unless asked to be forced.
    return flags.ice() == null || !flags.ice().equals("force-relay");
  }

  private static String origin(String value, Sdp sdp, NgFlags flags, Monologue sender, String relayAddr) throws SdpException {
    Origin o = Origin.parse(value);
    if (flags.replaces("username")) {
      if (sender.firstUsername == null) sender.firstUsername = o.username();
      o = o.withUsername(sender.firstUsername);
    }
    if (flags.replaces("sdp-version")) {
      String body = bodyWithoutOrigin(sdp);
      if (sender.outVersion < 0) sender.outVersion = parseVersion(o.version());
      else if (!body.equals(sender.lastSdpBody)) sender.outVersion++;
      sender.lastSdpBody = body;
      o = o.withVersion(Long.toString(sender.outVersion));
    }
    if (flags.replaces("origin") && relayAddr != null) o = o.withAddress(relayAddr.indexOf(':') >= 0 ? "IP6" : "IP4", relayAddr);
    return o.format();
  }

  private static long parseVersion(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String bodyWithoutOrigin(Sdp sdp) {
    StringBuilder b = new StringBuilder();
    for (SdpLine l : sdp.session) if (l.type() != 'o') b.append(l).append('\n');
    for (MediaDescription m : sdp.media) {
      b.append(m.mLine()).append('\n');
      for (SdpLine l : m.lines) b.append(l).append('\n');
    }
    return b.toString();
  }

  private static String connection(String value, String relayAddr, NgFlags flags, boolean hold) throws SdpException {
    Connection c = Connection.parse(value);
    if (hold && c.isZero() && !flags.replaces("zero-address")) return value;
    return c.netType() + " " + (relayAddr.indexOf(':') >= 0 ? "IP6" : "IP4") + " " + relayAddr;
  }

  private static void rewriteMedia(Sdp sdp, MediaDescription m, Out out, NgFlags flags, boolean offer, String sessionDirection)
      throws SdpException {
    MediaLeg leg = out.leg();
    if (m.port == 0 || leg == null || leg.port == 0) {
      // A rejected or disabled stream passes as m=<type> 0 <proto> <fmt>, nothing else.
      m.port = 0;
      m.lines.clear();
      return;
    }
    if (out.web().relay()) {
      relayMedia(m, out, flags, offer, sessionDirection);
      return;
    }
    Connection conn = sdp.connectionOf(m);
    // 0.0.0.0 means hold (RFC 2543), except with the discard port 9 that trickle ICE uses.
    boolean zero = conn != null && conn.isZero() && m.port != 9;
    m.port = leg.port;
    m.portCount = 0;
    String direction = null;
    String ptime = null;
    for (Iterator<SdpLine> it = m.lines.iterator(); it.hasNext(); ) {
      SdpLine l = it.next();
      if (l.type() == 'c') continue;
      if (!l.isAttr()) continue;
      String n = l.name().toLowerCase(Locale.ROOT);
      if (DIRECTIONS.contains(n)) {
        direction = n;
        it.remove();
      } else if (n.equals("ptime")) {
        ptime = l.attrValue();
        it.remove();
      } else if (n.equals("rtcp") || n.equals("rtcp-mux") || n.equals("crypto") || n.equals("setup") || n.equals("fingerprint")) {
        // We terminate SRTP keying and DTLS: the other party's keys and certificate never pass.
        it.remove();
      } else if (ICE_ATTRS.contains(n) && removesIce(flags)) {
        it.remove();
      } else if (n.equals("extmap") && flags.has("strip-extmap")) {
        it.remove();
      }
    }
    for (int i = 0; i < m.lines.size(); i++) {
      SdpLine l = m.lines.get(i);
      if (l.type() == 'c') m.lines.set(i, new SdpLine('c', connection(l.value(), out.address(), flags, zero)));
    }
    if (direction == null) direction = sessionDirection;
    if (zero && !flags.replaces("zero-address") && direction.equals("sendrecv") && !flags.has("original-sendrecv")) direction = "sendonly";
    if (leg.isRtp()) {
      if (offer) {
        Codecs.applyOfferFlags(m, flags);
        Transcoding.offer(m, flags, leg.peer);
      } else if (flags.has("single-codec")) Codecs.singleCodec(m);
      Codecs.addStaticRtpmaps(m);
    }
    m.lines.add(SdpLine.attr(direction, null));
    if (leg.isRtp()) {
      if (!flags.has("no-rtcp-attribute")) {
        int rtcpPort = out.rtcpOnRtpPort() ? leg.port : leg.port + 1;
        String v = Integer.toString(rtcpPort);
        if (flags.has("full-rtcp-attribute")) v += " IN " + (out.address().indexOf(':') >= 0 ? "IP6 " : "IP4 ") + out.address();
        m.lines.add(SdpLine.attr("rtcp", v));
      }
      if (out.mux()) m.lines.add(SdpLine.attr("rtcp-mux", null));
      for (String c : out.crypto()) m.lines.add(SdpLine.attr("crypto", c));
      Web w = out.web();
      if (w.setup() != null) {
        m.lines.add(SdpLine.attr("setup", w.setup()));
        m.lines.add(SdpLine.attr("fingerprint", w.fingerprint()));
      }
      if (w.mid() != null && !m.hasAttr("mid")) m.lines.add(SdpLine.attr("mid", w.mid()));
      if (w.ufrag() != null) {
        m.lines.add(SdpLine.attr("ice-ufrag", w.ufrag()));
        m.lines.add(SdpLine.attr("ice-pwd", w.pwd()));
        if (w.trickle()) m.lines.add(SdpLine.attr("ice-options", "trickle"));
        for (String c : w.candidates()) m.lines.add(SdpLine.attr("candidate", c));
        if (w.trickle()) m.lines.add(SdpLine.attr("end-of-candidates", null));
      }
    }
    if (out.proto() != null) m.proto = out.proto();
    if (flags.has("generate-mid") && !m.hasAttr("mid")) m.lines.add(SdpLine.attr("mid", Integer.toString(leg.index)));
    Integer forced = offer ? flags.ptime() : flags.ptimeReverse();
    if (forced != null && forced > 0) ptime = forced.toString();
    if (ptime == null) ptime = out.addPtime();
    if (ptime != null) m.lines.add(SdpLine.attr("ptime", ptime));
  }

  /**
   * ICE=force-relay (rtpengine): c=, m=, a=rtcp, the party's ICE, DTLS and SDES stay as they are;
   * its relay candidates are dropped and ours are added, so that media can reach it through us.
   */
  private static void relayMedia(MediaDescription m, Out out, NgFlags flags, boolean offer, String sessionDirection) {
    String direction = null;
    for (Iterator<SdpLine> it = m.lines.iterator(); it.hasNext(); ) {
      SdpLine l = it.next();
      if (!l.isAttr()) continue;
      String n = l.name().toLowerCase(Locale.ROOT);
      if (DIRECTIONS.contains(n)) {
        direction = n;
        it.remove();
      } else if (n.equals("candidate") && String.valueOf(l.attrValue()).toLowerCase(Locale.ROOT).contains(" typ relay")) {
        it.remove();
      } else if (n.equals("extmap") && flags.has("strip-extmap")) {
        it.remove();
      }
    }
    if (out.leg().isRtp()) {
      if (offer) Codecs.applyOfferFlags(m, flags);
      else if (flags.has("single-codec")) Codecs.singleCodec(m);
      Codecs.addStaticRtpmaps(m);
    }
    m.lines.add(SdpLine.attr(direction == null ? sessionDirection : direction, null));
    for (String c : out.web().candidates()) m.lines.add(SdpLine.attr("candidate", c));
  }

  private static String sessionDirection(Sdp sdp) {
    for (SdpLine l : sdp.session) if (l.isAttr() && DIRECTIONS.contains(l.name().toLowerCase(Locale.ROOT))) return l.name().toLowerCase(Locale.ROOT);
    return "sendrecv";
  }

  /** rtpengine states the direction per media section; a session-level one is folded into them. */
  private static void sessionDirectionRemove(Sdp sdp) {
    sdp.session.removeIf(l -> l.isAttr() && DIRECTIONS.contains(l.name().toLowerCase(Locale.ROOT)));
  }

  /** A tiny editable cursor over a list, so a switch can set or remove the current line. */
  private static final class ListIter {
    private final List<SdpLine> list;
    private int i = -1;

    ListIter(List<SdpLine> list) {
      this.list = list;
    }

    boolean next() {
      return ++i < list.size();
    }

    SdpLine line() {
      return list.get(i);
    }

    void set(SdpLine l) {
      list.set(i, l);
    }

    void remove() {
      list.remove(i--);
    }
  }

  /** The direction a party asked for in one media section of its SDP. */
  static String directionOf(Sdp sdp, MediaDescription m) {
    for (SdpLine l : m.lines) if (l.isAttr() && DIRECTIONS.contains(l.name().toLowerCase(Locale.ROOT))) return l.name().toLowerCase(Locale.ROOT);
    return sessionDirection(sdp);
  }
}
