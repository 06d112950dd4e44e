package rtpmesh.media.relay;

import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * rtpengine's {@code --endpoint-learning}: how a leg learns where its party's media goes back to
 * from the sources it receives from, within the learning window after each signalling.
 */
public enum EndpointLearning {
  /** The latest source within the window; kept afterwards. */
  DELAYED,
  /** The first source; kept until the party's SDP address changes. */
  IMMEDIATE,
  /** Never: media goes to the SDP address (or where ICE says). */
  OFF,
  /**
   * As {@link #DELAYED}, but a source that matches the SDP better wins: address and port, then
   * address, then port, then any. A stranger's packet cannot displace the party's own source even
   * within the window. rtpengine's default since 11.
   */
  HEURISTIC;

  public static final EndpointLearning DEFAULT = HEURISTIC;

  /** The mode named {@code s} (case-insensitive), or null when there is none. */
  public static EndpointLearning parse(String s) {
    for (EndpointLearning m : values()) {
      if (m.name().equalsIgnoreCase(s)) return m;
    }
    return null;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** How well {@code source} matches the SDP address {@code sdp}: 3 both, 2 address, 1 port, 0 none. */
  static int rank(InetSocketAddress source, InetSocketAddress sdp) {
    if (sdp == null) return 0;
    boolean addr = sdp.getAddress() != null && sdp.getAddress().equals(source.getAddress());
    boolean port = sdp.getPort() == source.getPort();
    return addr && port ? 3 : addr ? 2 : port ? 1 : 0;
  }
}
