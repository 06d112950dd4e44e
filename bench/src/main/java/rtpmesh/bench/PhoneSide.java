package rtpmesh.bench;

import java.net.InetSocketAddress;

/**
 * One side of one call, as a phone: side index {@code 2 * call + dir} (dir 0 the caller, 1 the
 * callee), the shared socket pair it sends and receives on ({@link PhoneSockets}), and where it
 * sends: the relay ports it was told in SDP (RTP, and RTCP on the next port), or with {@code
 * --direct} the other side's sockets.
 */
final class PhoneSide {
  final int index;
  final int pair;
  final int port;
  InetSocketAddress rtpTo;
  InetSocketAddress rtcpTo;

  PhoneSide(int index, int pair, int port) {
    this.index = index;
    this.pair = pair;
    this.port = port;
  }

  static PhoneSide[] of(PhoneSockets sockets, int count) {
    PhoneSide[] sides = new PhoneSide[count];
    for (int i = 0; i < count; i++) {
      int pair = i % sockets.count();
      sides[i] = new PhoneSide(i, pair, sockets.ports[pair]);
    }
    return sides;
  }

  /** Points this side at {@code to}: RTP there, RTCP to the next port (RFC 3550 11). */
  void connect(InetSocketAddress to) {
    rtpTo = to;
    rtcpTo = new InetSocketAddress(to.getAddress(), to.getPort() + 1);
  }
}
