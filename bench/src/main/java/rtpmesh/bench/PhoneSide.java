package rtpmesh.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * One side of one call, as a phone: an RTP socket on an even port and an RTCP socket on the next
 * port, both connected to the relay ports this side was told in SDP once the call is set up (so
 * reads and writes allocate nothing and only the relay's packets are read). Side index
 * {@code 2 * call + dir}: dir 0 is the caller (offer), dir 1 the callee (answer).
 */
final class PhoneSide implements AutoCloseable {
  final int index;
  final int port;
  final DatagramChannel rtp;
  final DatagramChannel rtcp;

  private PhoneSide(int index, int port, DatagramChannel rtp, DatagramChannel rtcp) {
    this.index = index;
    this.port = port;
    this.rtp = rtp;
    this.rtcp = rtcp;
  }

  /**
   * Binds {@code count} sides on free even/odd pairs of {@code ranges}, skipping pairs in use.
   * Throws if the ranges run out.
   */
  static PhoneSide[] bind(InetAddress address, PortRanges ranges, int count) throws IOException {
    PhoneSide[] sides = new PhoneSide[count];
    int[] ports = ranges.evenPorts();
    int next = 0;
    for (int i = 0; i < count; i++) {
      PhoneSide s = null;
      while (s == null) {
        if (next >= ports.length) {
          for (int j = 0; j < i; j++) {
            sides[j].close();
          }
          throw new IOException("phone port ranges " + ranges + " hold fewer than " + count
              + " free RTP/RTCP pairs");
        }
        s = tryBind(i, address, ports[next++]);
      }
      sides[i] = s;
    }
    return sides;
  }

  private static PhoneSide tryBind(int index, InetAddress address, int port) throws IOException {
    DatagramChannel rtp = DatagramChannel.open();
    DatagramChannel rtcp = null;
    try {
      rtp.bind(new InetSocketAddress(address, port));
      rtcp = DatagramChannel.open();
      rtcp.bind(new InetSocketAddress(address, port + 1));
      for (DatagramChannel c : new DatagramChannel[] {rtp, rtcp}) {
        c.configureBlocking(false);
        c.setOption(StandardSocketOptions.SO_RCVBUF, 256 * 1024);
      }
      return new PhoneSide(index, port, rtp, rtcp);
    } catch (java.net.BindException e) {
      rtp.close();
      if (rtcp != null) {
        rtcp.close();
      }
      return null;
    }
  }

  /** Points this side at the relay: RTP to {@code relay}, RTCP to the next port (RFC 3550 11). */
  void connect(InetSocketAddress relay) throws IOException {
    rtp.connect(relay);
    rtcp.connect(new InetSocketAddress(relay.getAddress(), relay.getPort() + 1));
  }

  @Override
  public void close() throws IOException {
    rtp.close();
    rtcp.close();
  }
}
