package rtpmesh.node.cluster;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A phone's RTP socket on 127.0.0.1: sends PCMU-sized RTP packets whose bytes follow from SSRC and
 * sequence number (so the receiver can check them byte for byte) and records every arrival with
 * its time and source. Sending and the receiving thread may run concurrently.
 */
final class Phone implements AutoCloseable {
  /** One received datagram. */
  record Arrival(long nanos, int seq, byte[] bytes, InetSocketAddress from) {}

  static final int PAYLOAD = 160;

  final int ssrc;
  private final DatagramSocket socket;
  private final List<Arrival> arrivals = new ArrayList<>();
  private final Thread receiver;

  Phone(int ssrc) throws SocketException {
    this.ssrc = ssrc;
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    receiver = new Thread(this::receive, "phone-" + Integer.toHexString(ssrc));
    receiver.setDaemon(true);
    receiver.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  /** The SDP this phone offers or answers with: PCMU on its port. */
  String sdp() {
    return "v=0\r\no=- " + ssrc + " 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio " + port() + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
  }

  void send(int seq, int toPort) throws IOException {
    byte[] b = packet(ssrc, seq);
    socket.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), toPort));
  }

  /** RTP (RFC 3550, 5.1): V=2, PT 0, seq, timestamp 160 per packet, then a seq-dependent payload. */
  static byte[] packet(int ssrc, int seq) {
    ByteBuffer b = ByteBuffer.allocate(12 + PAYLOAD);
    b.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(seq * PAYLOAD).putInt(ssrc);
    for (int i = 0; i < PAYLOAD; i++) {
      b.put((byte) (seq * 7 + i + ssrc));
    }
    return b.array();
  }

  List<Arrival> arrivals() {
    synchronized (arrivals) {
      return List.copyOf(arrivals);
    }
  }

  /** Waits up to {@code ms} until at least {@code n} packets have arrived; the arrivals. */
  List<Arrival> await(int n, long ms) throws InterruptedException {
    long deadline = System.nanoTime() + ms * 1_000_000L;
    while (arrivals().size() < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return arrivals();
  }

  private void receive() {
    byte[] buf = new byte[2048];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        return; // closed
      }
      long now = System.nanoTime();
      byte[] bytes = Arrays.copyOf(p.getData(), p.getLength());
      int seq = bytes.length >= 4 ? ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff) : -1;
      synchronized (arrivals) {
        arrivals.add(new Arrival(now, seq, bytes, (InetSocketAddress) p.getSocketAddress()));
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    receiver.join(1000);
  }
}
