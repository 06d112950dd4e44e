package rtpmesh.media.port;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** A phone that queues a burst of RTP-sized datagrams at a socket before it gets to read them. */
final class Burst {
  static final int SIZE = 172;

  private Burst() {}

  /** Sends {@code count} datagrams of {@link #SIZE} bytes, each starting with its index. */
  static void send(SocketAddress to, int count) throws IOException {
    try (DatagramChannel phone = DatagramChannel.open()) {
      phone.connect(to);
      ByteBuffer packet = ByteBuffer.allocate(SIZE);
      for (int i = 0; i < count; i++) {
        packet.clear();
        packet.putInt(0, i);
        phone.write(packet);
      }
    }
  }
}
