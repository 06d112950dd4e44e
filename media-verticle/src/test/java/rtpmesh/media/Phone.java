package rtpmesh.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** A test party: one plain UDP socket (RTP, or RTP+RTCP when muxing) and optionally one for RTCP. */
final class Phone implements AutoCloseable {
  static final int RECEIVE_MS = 2000;
  static final int SILENCE_MS = 300;

  final DatagramSocket rtp;
  final DatagramSocket rtcp;

  Phone(InetAddress address, boolean withRtcp) throws IOException {
    rtp = new DatagramSocket(new InetSocketAddress(address, 0));
    rtcp = withRtcp ? new DatagramSocket(new InetSocketAddress(address, 0)) : null;
  }

  int rtpPort() {
    return rtp.getLocalPort();
  }

  int rtcpPort() {
    return rtcp.getLocalPort();
  }

  static void send(DatagramSocket from, byte[] data, InetAddress to, int port) throws IOException {
    from.send(new DatagramPacket(data, data.length, to, port));
  }

  /** Receives one datagram on {@code socket}, checks its bytes and that it came from {@code fromPort}. */
  static void expect(DatagramSocket socket, byte[] data, InetAddress from, int fromPort) throws IOException {
    byte[] buf = new byte[4096];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    socket.setSoTimeout(RECEIVE_MS);
    try {
      socket.receive(p);
    } catch (SocketTimeoutException e) {
      fail("nothing received on port " + socket.getLocalPort() + " within " + RECEIVE_MS + " ms");
    }
    assertArrayEquals(data, Arrays.copyOf(buf, p.getLength()), "packet bytes");
    assertEquals(new InetSocketAddress(from, fromPort), p.getSocketAddress(), "source (symmetric RTP)");
  }

  static void expectNothing(DatagramSocket socket) throws IOException {
    byte[] buf = new byte[4096];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    socket.setSoTimeout(SILENCE_MS);
    try {
      socket.receive(p);
      fail("unexpected " + p.getLength() + " bytes from " + p.getSocketAddress() + " on port " + socket.getLocalPort());
    } catch (SocketTimeoutException expected) {
      // silence is what we want
    }
  }

  @Override
  public void close() {
    rtp.close();
    if (rtcp != null) {
      rtcp.close();
    }
  }
}
