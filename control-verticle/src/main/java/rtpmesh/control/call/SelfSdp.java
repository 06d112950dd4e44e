package rtpmesh.control.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import rtpmesh.control.sdp.MediaDescription;
import rtpmesh.control.sdp.Origin;
import rtpmesh.control.sdp.Sdp;
import rtpmesh.control.sdp.SdpException;
import rtpmesh.control.sdp.SdpLine;

/**
 * SDP that rtpmesh writes as an endpoint of its own: the answer to a parked party's offer (it
 * accepts the offered codecs on our ports) and the offer of a call rtpmesh originates ({@code create}).
 * Also the o= version bump of an SDP that a party gets in a re-INVITE. Plain RTP and SDES only.
 */
final class SelfSdp {
  private SelfSdp() {}

  /** Attributes of the offerer's transport that make no sense in our answer. */
  private static final Set<String> DROPPED = Set.of("candidate", "ice-ufrag", "ice-pwd", "ice-options", "ice-lite",
      "end-of-candidates", "fingerprint", "setup", "crypto", "rtcp", "rtcp-mux", "ssrc", "ssrc-group", "msid",
      "sendrecv", "sendonly", "recvonly", "inactive", "group", "msid-semantic");

  /**
   * Our answer to a parked party's offer: every offered codec accepted on the leg's port, the
   * direction mirrored, our address; {@code previous} (our last answer to it, or null) keeps the o=
   * session and bumps its version.
   */
  static String parkAnswer(Sdp offer, Monologue party, String previous) {
    Sdp out = offer.copy();
    String firstAddr = null;
    for (int i = 0; i < out.media.size(); i++) {
      MediaDescription md = out.media.get(i);
      MediaLeg leg = party.existingMedia(i + 1);
      String direction = direction(md, offer);
      md.lines.removeIf(l -> l.isAttr() && DROPPED.contains(l.name().toLowerCase(Locale.ROOT)) || l.type() == 'c');
      if (leg == null || leg.rejected || leg.port == 0) {
        md.port = 0;
        continue;
      }
      if (firstAddr == null) firstAddr = leg.advertisedAddress;
      md.port = leg.port;
      md.proto = leg.proto;
      md.lines.add(0, new SdpLine('c', "IN " + ipType(leg.advertisedAddress) + " " + leg.advertisedAddress));
      if (leg.mux) md.lines.add(SdpLine.attr("rtcp-mux", null));
      else md.lines.add(SdpLine.attr("rtcp", Integer.toString(leg.port + 1)));
      if (leg.cryptoAnswer != null) md.lines.add(SdpLine.attr("crypto", leg.cryptoAnswer.line()));
      md.lines.add(SdpLine.attr(mirror(direction), null));
    }
    String addr = firstAddr == null ? "127.0.0.1" : firstAddr;
    List<SdpLine> session = new ArrayList<>();
    session.add(new SdpLine('v', "0"));
    session.add(new SdpLine('o', origin(previous, addr)));
    session.add(new SdpLine('s', "rtpmesh"));
    session.add(new SdpLine('c', "IN " + ipType(addr) + " " + addr));
    session.add(new SdpLine('t', "0 0"));
    out.session.clear();
    out.session.addAll(session);
    return out.toString();
  }

  /** What {@code create} offers: one audio stream on {@code leg}, the given codecs, SDES lines if any. */
  static String createOffer(MediaLeg leg, List<SdpCodec> codecs, Integer ptime) {
    String addr = leg.advertisedAddress;
    StringBuilder b = new StringBuilder()
        .append("v=0\r\n")
        .append("o=").append(origin(null, addr)).append("\r\n")
        .append("s=rtpmesh\r\n")
        .append("c=IN ").append(ipType(addr)).append(' ').append(addr).append("\r\n")
        .append("t=0 0\r\n")
        .append("m=audio ").append(leg.port).append(' ').append(leg.proto);
    for (SdpCodec c : codecs) b.append(' ').append(c.pt());
    b.append("\r\n");
    for (SdpCodec c : codecs) {
      b.append("a=rtpmap:").append(c.pt()).append(' ').append(c.name()).append('/').append(c.rate());
      if (c.channels() > 1) b.append('/').append(c.channels());
      b.append("\r\n");
      if (c.fmtp() != null) b.append("a=fmtp:").append(c.pt()).append(' ').append(c.fmtp()).append("\r\n");
    }
    if (ptime != null) b.append("a=ptime:").append(ptime).append("\r\n");
    b.append("a=rtcp:").append(leg.port + 1).append("\r\n");
    for (Sdes.Crypto c : leg.cryptoWeOffered) b.append("a=crypto:").append(c.line()).append("\r\n");
    b.append("a=sendrecv\r\n");
    return b.toString();
  }

  /**
   * {@code sdp} with its o= version set above both its own and that of {@code lastSeen} (what the
   * party got before): RFC 3264 §8 wants a higher version for a changed session, and a party may
   * ignore an SDP whose version it already had.
   */
  static String bumpedAbove(String sdp, String lastSeen) {
    try {
      Sdp s = Sdp.parse(sdp);
      long floor = version(lastSeen);
      for (int k = 0; k < s.session.size(); k++) {
        SdpLine l = s.session.get(k);
        if (l.type() != 'o') continue;
        Origin o = Origin.parse(l.value());
        long v = Math.max(parse(o.version()), floor) + 1;
        s.session.set(k, new SdpLine('o', o.withVersion(Long.toString(v)).format()));
      }
      return s.toString();
    } catch (SdpException e) {
      return sdp;
    }
  }

  private static long version(String sdp) {
    if (sdp == null) return -1;
    try {
      SdpLine o = Sdp.parse(sdp).sessionLine('o');
      return o == null ? -1 : parse(Origin.parse(o.value()).version());
    } catch (SdpException e) {
      return -1;
    }
  }

  private static long parse(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Our o= line: a new session, or {@code previous}'s with the version bumped. */
  private static String origin(String previous, String addr) {
    if (previous != null) {
      try {
        SdpLine o = Sdp.parse(previous).sessionLine('o');
        if (o != null) {
          Origin old = Origin.parse(o.value());
          return old.withVersion(Long.toString(parse(old.version()) + 1)).format();
        }
      } catch (SdpException e) {
        // a fresh session below
      }
    }
    long id = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
    return "rtpmesh " + id + " 1 IN " + ipType(addr) + " " + addr;
  }

  private static String direction(MediaDescription md, Sdp sdp) {
    for (String d : List.of("sendonly", "recvonly", "inactive", "sendrecv")) {
      if (md.hasAttr(d)) return d;
    }
    for (String d : List.of("sendonly", "recvonly", "inactive")) {
      if (sdp.sessionAttr(d) != null) return d;
    }
    return "sendrecv";
  }

  private static String mirror(String direction) {
    return switch (direction) {
      case "sendonly" -> "recvonly";
      case "recvonly" -> "sendonly";
      default -> direction;
    };
  }

  private static String ipType(String address) {
    return address.indexOf(':') >= 0 ? "IP6" : "IP4";
  }
}
