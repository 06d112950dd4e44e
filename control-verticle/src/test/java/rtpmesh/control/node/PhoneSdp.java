package rtpmesh.control.node;

import java.util.ArrayList;
import java.util.List;

/**
 * The SDP a plain SIP phone sends: one audio stream, PCMU/PCMA/telephone-event, session-level
 * c= (as phones put it). Each setter returns a new value, so a test can derive hold or mux
 * variants from one phone.
 */
record PhoneSdp(String address, String connection, int port, boolean ptime, String direction, boolean mux,
                List<String> extra) {

  PhoneSdp(String address, int port) {
    this(address, address, port, true, "sendrecv", false, List.of());
  }

  PhoneSdp withoutPtime() {
    return new PhoneSdp(address, connection, port, false, direction, mux, extra);
  }

  PhoneSdp direction(String d) {
    return new PhoneSdp(address, connection, port, ptime, d, mux, extra);
  }

  /** {@code c=IN IP4 0.0.0.0}: hold, RFC 2543 style. */
  PhoneSdp zeroConnection() {
    return new PhoneSdp(address, "0.0.0.0", port, ptime, direction, mux, extra);
  }

  PhoneSdp rtcpMux() {
    return new PhoneSdp(address, connection, port, ptime, direction, true, extra);
  }

  PhoneSdp port(int p) {
    return new PhoneSdp(address, connection, p, ptime, direction, mux, extra);
  }

  /** Extra media-level lines, e.g. {@code a=foo}. */
  PhoneSdp plus(String... lines) {
    List<String> l = new ArrayList<>(extra);
    l.addAll(List.of(lines));
    return new PhoneSdp(address, connection, port, ptime, direction, mux, List.copyOf(l));
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder()
        .append("v=0\r\n")
        .append("o=- 1545997027 1 IN IP4 ").append(address).append("\r\n")
        .append("s=-\r\n")
        .append("c=IN IP4 ").append(connection).append("\r\n")
        .append("t=0 0\r\n")
        .append("m=audio ").append(port).append(" RTP/AVP 0 8 101\r\n")
        .append("a=rtpmap:0 PCMU/8000\r\n")
        .append("a=rtpmap:8 PCMA/8000\r\n")
        .append("a=rtpmap:101 telephone-event/8000\r\n")
        .append("a=fmtp:101 0-16\r\n");
    if (ptime) b.append("a=ptime:20\r\n");
    if (mux) b.append("a=rtcp-mux\r\n");
    for (String l : extra) b.append(l).append("\r\n");
    if (direction != null) b.append("a=").append(direction).append("\r\n");
    return b.toString();
  }
}
