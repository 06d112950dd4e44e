package rtpmesh.control.call;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The SDP rtpmesh writes itself rather than rewrites: the offer a subscriber gets from
 * {@code subscribe request} (sendonly, one section per copied stream) and the answer a publisher
 * gets from {@code publish} (recvonly, one codec). Each section describes one of our legs.
 */
final class SubscriptionSdp {
  private SubscriptionSdp() {}

  /**
   * One m= section: our {@code leg} (port, address, profile, rtcp-mux), its {@code codecs}, the
   * {@code direction} attribute, an optional SIPREC {@code label} (RFC 7866 §8.1.1: a=label ties
   * the stream to the recording metadata) and {@code a=crypto} values. A null leg port is rejected (0).
   */
  record Section(MediaLeg leg, List<SdpCodec> codecs, String direction, String label, List<String> crypto) {}

  static String write(List<Section> sections) {
    String first = sections.isEmpty() || sections.get(0).leg().advertisedAddress == null
        ? "127.0.0.1" : sections.get(0).leg().advertisedAddress;
    long id = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
    StringBuilder sb = new StringBuilder(256 + 256 * sections.size());
    line(sb, "v=0");
    line(sb, "o=- " + id + " " + id + " IN " + ipType(first) + " " + first);
    line(sb, "s=rtpmesh");
    line(sb, "t=0 0");
    for (Section s : sections) {
      MediaLeg l = s.leg();
      StringBuilder m = new StringBuilder("m=").append(l.type).append(' ').append(l.rejected ? 0 : l.port).append(' ').append(l.proto);
      for (SdpCodec c : s.codecs()) m.append(' ').append(c.pt());
      line(sb, m.toString());
      line(sb, "c=IN " + ipType(l.advertisedAddress) + " " + l.advertisedAddress);
      if (s.label() != null) line(sb, "a=label:" + s.label());
      for (SdpCodec c : s.codecs()) {
        line(sb, "a=rtpmap:" + c.pt() + " " + c.rtpmap());
        if (c.fmtp() != null) line(sb, "a=fmtp:" + c.pt() + " " + c.fmtp());
        for (String fb : c.rtcpFb()) line(sb, "a=rtcp-fb:" + c.pt() + " " + fb);
      }
      line(sb, "a=" + s.direction());
      if (l.mux) line(sb, "a=rtcp-mux");
      else line(sb, "a=rtcp:" + (l.port + 1));
      for (String c : s.crypto()) line(sb, "a=crypto:" + c);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String l) {
    sb.append(l).append("\r\n");
  }

  private static String ipType(String address) {
    return address != null && address.indexOf(':') >= 0 ? "IP6" : "IP4";
  }
}
