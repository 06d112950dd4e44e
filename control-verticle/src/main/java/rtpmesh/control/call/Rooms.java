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
import rtpmesh.control.sdp.SdpLine;

/**
 * Conference rooms (MCU): a room is one call (its call-id is the room's id), each participant one
 * monologue (its from-tag) with one audio leg whose media goes into the room's mix on the media
 * block. rtpmesh is the other side of each participant's offer: it answers it itself, with one codec
 * it can mix (the first of the party's that is PCMU, PCMA, G722 or opus, or the first of
 * {@code codec: {accept: [...]}} the party offers), and each participant gets the mix of the others in
 * that codec. Plain RTP (RTP/AVP, RTP/AVPF) only. Runs on the control loop inside the call's queue.
 */
final class Rooms {
  static final String NOT_A_ROOM = "Call-ID is in use by a call that is not a conference room";
  static final String IS_A_ROOM = "Call-ID is a conference room: use 'join room' or the 'conference' flag";
  static final String NO_AUDIO = "No audio stream in the SDP to join the conference with";
  static final String NO_TAG = "Unknown participant";

  private final Interfaces interfaces;
  private final MediaClient media;

  Rooms(Interfaces interfaces, MediaClient media) {
    this.interfaces = interfaces;
    this.media = media;
  }

  /**
   * Makes (or updates) the party {@code tag} a participant of room {@code c} from its offer
   * {@code sdp}; completes with the answer SDP once its port is bound. The caller pushes the legs.
   */
  Future<String> join(Call c, String tag, Sdp sdp, NgFlags flags, String interfaceName, long now) {
    MediaDescription audio = firstAudio(sdp);
    String proto = audio.proto.toUpperCase(Locale.ROOT);
    if (!proto.equals("RTP/AVP") && !proto.equals("RTP/AVPF")) {
      throw new NgException("Conference rooms take plain RTP (RTP/AVP) only, not " + audio.proto);
    }
    SdpCodec codec = pick(SdpCodec.of(audio), flags.codecAccept());
    Connection conn = sdp.connectionOf(audio);
    if (conn == null) throw new NgException(NgException.PARSE_SDP + ": no c= line for the audio stream");

    Monologue m = c.tagged(tag);
    if (m == null) m = c.newTagged(tag, now);
    Monologue party = m;
    MediaLeg l = m.media(1);
    l.type = "audio";
    l.proto = audio.proto;
    l.conference = true;
    l.transcode = new StreamCodec(codec, -1, -1, 20);
    l.codecs = List.of(codec);
    l.mux = audio.hasAttr("rtcp-mux");
    l.muxOffered = l.mux;
    l.zeroAddress = conn.isZero();
    l.remote = new Endpoint(conn.address(), audio.port);
    l.advertisedRemote = l.remote;
    l.remoteRtcpPort = rtcpPort(audio);
    l.send = !audio.hasAttr("recvonly") && !audio.hasAttr("inactive");
    l.recv = !audio.hasAttr("sendonly") && !audio.hasAttr("inactive");
    Future<Void> bound = Future.succeededFuture();
    if (l.port == 0) {
      LogicalInterface.Address a = interfaces.get(interfaceName).pick(l.remote.ipv6());
      l.iface = interfaceName;
      l.localAddress = a.local();
      l.advertisedAddress = a.advertised();
      bound = media.allocate(c.block, c.callId, l.localAddress, 1).map(ports -> {
        l.port = ports.get(0);
        return null;
      });
    }
    return bound.map(v -> {
      party.initialized = true;
      party.outVersion++;
      String answer = answer(sdp, audio, l, codec, party);
      party.lastSdpOut = answer;
      return answer;
    });
  }

  private static MediaDescription firstAudio(Sdp sdp) {
    for (MediaDescription md : sdp.media) {
      if ("audio".equalsIgnoreCase(md.type) && md.port != 0) return md;
    }
    throw new NgException(NO_AUDIO);
  }

  /** The party's codec to use: the first accept-listed one it offers, else its first mixable one. */
  private static SdpCodec pick(List<SdpCodec> offered, List<String> accept) {
    for (String a : accept) {
      for (SdpCodec c : offered) if (mixable(c) && c.matches(a)) return c;
    }
    for (SdpCodec c : offered) if (mixable(c)) return c;
    List<String> names = new ArrayList<>();
    for (SdpCodec c : offered) names.add(c.rtpmap());
    throw new NgException("No codec the conference can mix (PCMU, PCMA, G722, opus) in the offer: "
        + (names.isEmpty() ? "none" : String.join(", ", names)));
  }

  private static boolean mixable(SdpCodec c) {
    return switch (c.name().toLowerCase(Locale.ROOT)) {
      case "pcmu", "pcma", "g722" -> c.rate() == 8000;
      case "opus" -> c.rate() == 48000;
      default -> false;
    };
  }

  private static int rtcpPort(MediaDescription md) {
    SdpLine rtcp = md.attr("rtcp");
    if (rtcp != null && rtcp.attrValue() != null) {
      try {
        return Integer.parseInt(rtcp.attrValue().trim().split("\\s+")[0]);
      } catch (NumberFormatException e) {
        // fall through to port + 1
      }
    }
    return md.port + 1;
  }

  /** Our answer: the party's audio stream on our port with the one codec; its other streams declined. */
  private static String answer(Sdp offer, MediaDescription audio, MediaLeg l, SdpCodec codec, Monologue m) {
    String ip = l.advertisedAddress.indexOf(':') >= 0 ? "IP6" : "IP4";
    StringBuilder sb = new StringBuilder(400)
        .append("v=0\r\n")
        .append("o=rtpmesh ").append(m.createdMs).append(' ').append(m.outVersion).append(" IN ").append(ip).append(' ')
        .append(l.advertisedAddress).append("\r\n")
        .append("s=rtpmesh conference\r\n")
        .append("c=IN ").append(ip).append(' ').append(l.advertisedAddress).append("\r\n")
        .append("t=0 0\r\n");
    for (MediaDescription md : offer.media) {
      if (md != audio) {
        sb.append("m=").append(md.type).append(" 0 ").append(md.proto).append(' ')
            .append(String.join(" ", md.formats)).append("\r\n");
        continue;
      }
      sb.append("m=audio ").append(l.port).append(' ').append(md.proto).append(' ').append(codec.pt()).append("\r\n")
          .append("a=rtpmap:").append(codec.pt()).append(' ').append(codec.rtpmap()).append("\r\n");
      if (codec.fmtp() != null) sb.append("a=fmtp:").append(codec.pt()).append(' ').append(codec.fmtp()).append("\r\n");
      sb.append("a=").append(l.send && l.recv ? "sendrecv" : l.send ? "recvonly" : l.recv ? "sendonly" : "inactive")
          .append("\r\n");
      if (l.mux) sb.append("a=rtcp-mux\r\n");
      else sb.append("a=rtcp:").append(l.port + 1).append("\r\n");
      sb.append("a=ptime:20\r\n");
    }
    return sb.toString();
  }

  /** The RTP ports of the room's members, for the media block's {@code mix}. */
  static List<Integer> memberPorts(Call c) {
    List<Integer> ports = new ArrayList<>();
    for (MediaLeg l : c.legs()) if (l.conference && l.port != 0) ports.add(l.port);
    return ports;
  }

  /** Configures the room's legs, then makes them the block's mix. */
  Future<Void> push(Call c) {
    return media.configure(c.block, c.callId, LegConfig.of(c))
        .compose(v -> media.mix(c.block, c.callId, memberPorts(c)));
  }

  /** Takes {@code tag} out of room {@code c}; completes with the ports it freed (not yet released). */
  static List<Integer> remove(Call c, String tag) {
    Monologue m = c.tagged(tag);
    if (m == null) throw new NgException(NO_TAG + " '" + tag + "' in conference room '" + c.callId + "'");
    List<Integer> ports = new ArrayList<>();
    for (MediaLeg l : m.medias) if (l.port != 0) ports.add(l.port);
    c.removeMonologue(m);
    return ports;
  }
}
