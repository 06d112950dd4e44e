package rtpmesh.control.call;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import rtpmesh.control.sdp.MediaDescription;
import rtpmesh.control.sdp.Sdp;
import rtpmesh.control.sdp.SdpLine;

/**
 * BUNDLE (RFC 8843) at the call level: which media sections of a party share one transport (one
 * port pair, ICE, DTLS), what the SDP says about it, and the demux table the media plane gets.
 * rtpengine's {@code BUNDLE} flags: {@code accept} keeps the offerer's bundle (its answer gets
 * a=group:BUNDLE and one port); {@code offer}, {@code require} and {@code strict} bundle the
 * sections offered to the receiver; {@code reject} (and no flag) breaks bundles, one port per m=.
 */
final class Bundle {
  static final String MID_EXTENSION_URI = "urn:ietf:params:rtp-hdrext:sdes:mid";

  private Bundle() {}

  /** Keep the offerer's BUNDLE group. */
  static boolean accepts(Set<String> flags) {
    return flags.contains("accept") && !flags.contains("reject");
  }

  /** Bundle what is offered to the receiver. */
  static boolean offers(Set<String> flags) {
    return (flags.contains("offer") || flags.contains("require") || flags.contains("strict")) && !flags.contains("reject");
  }

  /** The receiver is treated as bundled even when its answer has no a=group:BUNDLE. */
  static boolean requires(Set<String> flags) {
    return flags.contains("require") || flags.contains("strict");
  }

  /** The mids of the SDP's first a=group:BUNDLE, or none. */
  static List<String> group(Sdp sdp) {
    for (SdpLine l : sdp.session) {
      if (!l.isAttr("group") || l.attrValue() == null) continue;
      String[] words = l.attrValue().trim().split("\\s+");
      if (words.length > 1 && words[0].equalsIgnoreCase("BUNDLE")) return List.of(words).subList(1, words.length);
    }
    return List.of();
  }

  /** The extmap id of the MID header extension in a media section (RFC 8285 §5), 0 when absent. */
  static int midExtension(MediaDescription md) {
    for (SdpLine l : md.attrs("extmap")) {
      String v = l.attrValue();
      if (v == null || !v.toLowerCase(Locale.ROOT).contains(MID_EXTENSION_URI)) continue;
      String id = v.trim().split("[\\s/]", 2)[0];
      try {
        return Integer.parseInt(id);
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  /**
   * Ties the sections of {@code m} whose mid is in {@code mids} to one transport: the first listed
   * section that is not rejected. {@code partyBundles}: the party itself sends them on one port.
   * Sections outside the group are untied. Returns the transport, or null when fewer than two tie.
   */
  static MediaLeg tie(Monologue m, List<String> mids, boolean partyBundles) {
    List<MediaLeg> members = new ArrayList<>();
    for (String mid : mids) {
      for (MediaLeg l : m.medias) {
        if (mid.equals(l.mid) && !l.rejected && l.isRtp() && !members.contains(l)) members.add(l);
      }
    }
    untie(m);
    if (members.size() < 2) return null;
    MediaLeg transport = members.get(0);
    for (MediaLeg l : members) {
      l.bundled = partyBundles;
      l.mux = true; // RFC 8843 §9.3: a bundle muxes RTCP
      if (l != transport) {
        if (l.port != 0 && l.port != transport.port && l.oldPort == 0) l.oldPort = l.port; // its own pair goes
        l.bundleWith = transport.index;
      }
    }
    return transport;
  }

  static void untie(Monologue m) {
    for (MediaLeg l : m.medias) {
      if (l.bundleWith != 0) l.port = 0; // it shared the transport's pair: it gets its own
      l.bundleWith = 0;
      l.bundled = false;
    }
  }

  /** After allocation: the bundled sections take the transport's port and address. */
  static void sharePorts(Monologue m) {
    for (MediaLeg l : m.medias) {
      if (l.bundleWith == 0) continue;
      MediaLeg t = m.existingMedia(l.bundleWith);
      if (t == null) continue;
      l.port = t.port;
      l.iface = t.iface;
      l.localAddress = t.localAddress;
      l.advertisedAddress = t.advertisedAddress;
      l.iceUfrag = t.iceUfrag;
      l.icePwd = t.icePwd;
    }
  }

  /** The mids of the sections tied to {@code transport}, in m= order: what a=group:BUNDLE lists. */
  static List<String> mids(Monologue m, MediaLeg transport) {
    List<String> out = new ArrayList<>();
    for (MediaLeg l : m.medias) if ((l == transport || l.bundleWith == transport.index) && l.mid != null) out.add(l.mid);
    return out;
  }

  /** The first transport of a monologue with bundled sections, or null. */
  static MediaLeg transport(Monologue m) {
    for (MediaLeg l : m.medias) if (l.bundleWith != 0) return m.existingMedia(l.bundleWith);
    return null;
  }

  /** Adds {@code a=group:BUNDLE mids} to an outgoing SDP (rewriting drops the party's own group). */
  static void addGroup(Sdp sdp, List<String> mids) {
    if (mids.size() > 1) sdp.session.add(SdpLine.attr("group", "BUNDLE " + String.join(" ", mids)));
  }

  /**
   * The {@code bundle} media config of a transport leg: one stream per tied section with its mid,
   * the peer leg its media goes to and its payload types; a party that did not bundle itself is
   * sent each section's media at that section's own address.
   */
  static JsonObject config(Monologue m, MediaLeg transport) {
    JsonArray streams = new JsonArray();
    for (MediaLeg l : m.medias) {
      if (l != transport && l.bundleWith != transport.index) continue;
      JsonArray pts = new JsonArray();
      for (String f : l.formats) {
        try {
          pts.add(Integer.parseInt(f));
        } catch (NumberFormatException e) {
          // not an RTP payload type
        }
      }
      JsonObject s = new JsonObject().put("mid", l.mid).put("peer", l.peer == null || l.peer.rejected ? 0 : l.peer.port)
          .put("payloadTypes", pts);
      if (!l.bundled && l.remote != null && !l.zeroAddress) s.put("remote", l.remote.address()).put("remotePort", l.remote.port());
      streams.add(s);
    }
    return new JsonObject().put("midExtension", transport.midExtension).put("streams", streams);
  }
}
