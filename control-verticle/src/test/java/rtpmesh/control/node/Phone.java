package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A SIP phone's media side: an RTP socket on an even port and an RTCP socket on the next one
 * (RFC 3550 §11), both plain {@link DatagramSocket}s. Phones live on 20000-29999, below the
 * ephemeral range and outside the relay's range, so neither can take the other's ports.
 */
final class Phone implements AutoCloseable {
  /** Generous: a packet crosses the relay in well under a millisecond when the box is idle. */
  static final int RECEIVE_MS = 3000;
  static final int SILENCE_MS = 500;
  static final String RELAY = "127.0.0.1";

  final String address;
  final DatagramSocket rtp;
  final DatagramSocket rtcp;

  private Phone(String address, DatagramSocket rtp, DatagramSocket rtcp) {
    this.address = address;
    this.rtp = rtp;
    this.rtcp = rtcp;
  }

  static Phone open() {
    return open("127.0.0.1");
  }

  static Phone open(String address) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = 20000 + 2 * ThreadLocalRandom.current().nextInt(5000);
      DatagramSocket a = null;
      try {
        a = bind(address, port);
        return new Phone(address, a, bind(address, port + 1));
      } catch (BindException busy) {
        if (a != null) a.close();
      } catch (IOException e) {
        if (a != null) a.close();
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free even port pair on " + address);
  }

  private static DatagramSocket bind(String address, int port) throws IOException {
    DatagramSocket s = new DatagramSocket(null);
    s.setReuseAddress(false);
    s.bind(new InetSocketAddress(address, port));
    return s;
  }

  int rtpPort() {
    return rtp.getLocalPort();
  }

  /** An SDP offer or answer describing this phone. */
  PhoneSdp sdp() {
    return new PhoneSdp(address, rtpPort());
  }

  void sendRtp(int relayPort, byte[] packet) {
    send(rtp, packet, relayPort);
  }

  void sendRtcp(int relayPort, byte[] packet) {
    send(rtcp, packet, relayPort);
  }

  /** Waits for {@code packet} on the RTP socket and checks it came from {@code relayPort} on the relay. */
  void expectRtp(byte[] packet, int relayPort) {
    expect(rtp, packet, relayPort);
  }

  /** The next datagram on the RTP socket (as received, e.g. SRTP), checked to come from {@code relayPort}. */
  byte[] receiveRtp(int relayPort) {
    DatagramPacket p = receive(rtp, RECEIVE_MS);
    if (p == null) fail("nothing on port " + rtp.getLocalPort() + " within " + RECEIVE_MS + " ms");
    assertEquals(new InetSocketAddress(RELAY, relayPort), p.getSocketAddress(), "source of the forwarded packet");
    return Arrays.copyOf(p.getData(), p.getLength());
  }

  void expectRtcp(byte[] packet, int relayRtcpPort) {
    expect(rtcp, packet, relayRtcpPort);
  }

  /** Nothing arrives on either socket for {@link #SILENCE_MS}. */
  void expectSilence() {
    silence(rtp);
    silence(rtcp);
  }

  /** Forgets whatever is still queued on both sockets. */
  void drain() {
    for (DatagramSocket s : List.of(rtp, rtcp)) {
      while (receive(s, 20) != null) {
        // discard
      }
    }
  }

  private static void send(DatagramSocket from, byte[] packet, int port) {
    try {
      from.send(new DatagramPacket(packet, packet.length, InetAddress.getByName(RELAY), port));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Receives until the expected bytes arrive: a stale packet of an earlier step may still be
   * queued, so anything else is noted and skipped, and reported if the packet never comes.
   */
  private static void expect(DatagramSocket socket, byte[] packet, int relayPort) {
    List<String> other = new ArrayList<>();
    long deadline = System.currentTimeMillis() + RECEIVE_MS;
    while (true) {
      long left = deadline - System.currentTimeMillis();
      DatagramPacket p = left <= 0 ? null : receive(socket, (int) left);
      if (p == null) {
        fail("expected " + packet.length + " bytes on port " + socket.getLocalPort() + " from relay port "
            + relayPort + " within " + RECEIVE_MS + " ms; got instead " + other);
      }
      byte[] got = Arrays.copyOf(p.getData(), p.getLength());
      if (Arrays.equals(packet, got)) {
        assertEquals(new InetSocketAddress(RELAY, relayPort), p.getSocketAddress(),
            "source of the forwarded packet (symmetric RTP: the port advertised to this phone)");
        return;
      }
      other.add(p.getLength() + " bytes from " + p.getSocketAddress() + " " + HexFormat.of().formatHex(got, 0, Math.min(16, got.length)));
    }
  }

  private static void silence(DatagramSocket socket) {
    DatagramPacket p = receive(socket, SILENCE_MS);
    if (p != null) {
      fail("unexpected " + p.getLength() + " bytes from " + p.getSocketAddress() + " on port " + socket.getLocalPort());
    }
  }

  private static DatagramPacket receive(DatagramSocket socket, int ms) {
    byte[] buf = new byte[8192];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    try {
      socket.setSoTimeout(ms);
      socket.receive(p);
      return p;
    } catch (SocketTimeoutException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    rtp.close();
    rtcp.close();
  }
}
