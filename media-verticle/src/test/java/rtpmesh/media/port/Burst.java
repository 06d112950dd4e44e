package rtpmesh.media.port;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/** A phone that queues a burst of RTP-sized datagrams at a relay socket before it gets to read them. */
final class Burst {
  static final int SIZE = 172;

  private Burst() {}

  /**
   * A relay socket on 127.0.0.1, tuned as a media block tunes its own, with a receive buffer that
   * holds a whole burst; it reads only once {@code autoRead} is (or is later set) true.
   */
  static io.netty.channel.socket.DatagramChannel relay(EventLoopGroup group,
      Supplier<io.netty.channel.socket.DatagramChannel> channels, SocketTuning tuning, ReadBatch batch,
      boolean autoRead, ChannelHandler handler) throws InterruptedException {
    return (io.netty.channel.socket.DatagramChannel) new Bootstrap().group(group)
        .option(ChannelOption.SO_RCVBUF, 1 << 20)
        .option(ChannelOption.AUTO_READ, autoRead)
        .channelFactory(() -> {
          io.netty.channel.socket.DatagramChannel c = channels.get();
          tuning.apply(c, batch);
          return c;
        })
        .handler(handler)
        .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
  }

  /** Sends {@code count} datagrams of {@link #SIZE} bytes, each starting with its index. */
  static void send(SocketAddress to, int count) throws IOException {
    try (java.nio.channels.DatagramChannel phone = java.nio.channels.DatagramChannel.open()) {
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
