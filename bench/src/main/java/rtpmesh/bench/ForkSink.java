package rtpmesh.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The recorder of {@code --fork}: one socket every call's subscriber (subscribe request + subscribe
 * answer) points at; it only counts the copies the relay sends it.
 */
final class ForkSink implements AutoCloseable {
  private final DatagramSocket socket;
  private final AtomicLong received = new AtomicLong();
  private final Thread reader;

  ForkSink(InetAddress address) throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(address, 0));
    socket.setReceiveBufferSize(4 << 20);
    reader = new Thread(this::read, "fork-sink");
    reader.setDaemon(true);
    reader.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  long received() {
    return received.get();
  }

  private void read() {
    byte[] buf = new byte[2048];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    while (!socket.isClosed()) {
      try {
        socket.receive(p);
        received.incrementAndGet();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
