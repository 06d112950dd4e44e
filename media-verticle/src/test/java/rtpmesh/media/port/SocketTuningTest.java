package rtpmesh.media.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.BitSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One read per wakeup must still drain a burst: a socket that holds more than one datagram is
 * reported again by the (level-triggered) poll, so nothing is stranded in the kernel queue.
 */
class SocketTuningTest {
  private static final int BURST = 200;

  @ParameterizedTest(name = "{0}, lt={1}, reads/wakeup={2}, recvmmsg={3} {4}")
  @CsvSource({
      "epoll, true, 1, 1, OFF",
      "epoll, true, 1, 4, ON",
      "epoll, true, 1, 4, ADAPTIVE",
      "epoll, false, 16, 1, OFF",
      "epoll, false, 16, 4, ON",
      "nio, true, 1, 1, OFF",
  })
  void aBurstIsReadCompletely(String transport, boolean lt, int reads, int recvmmsg, ReadBatch.Mode batching)
      throws Exception {
    boolean epoll = transport.equals("epoll");
    if (epoll) {
      Assumptions.assumeTrue(Epoll.isAvailable(), "no native epoll here");
    }
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Supplier<DatagramChannel> factory = epoll ? EpollDatagramChannel::new : NioDatagramChannel::new;
    SocketTuning tuning = new SocketTuning(lt, reads, recvmmsg, batching);
    ReadBatch batch = tuning.newReadBatch(PairBinder.MAX_DATAGRAM);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, io);
    BitSet seen = new BitSet();
    CountDownLatch all = new CountDownLatch(BURST);
    try {
      DatagramChannel relay = Burst.relay(group, factory, tuning, batch, true,
          new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
              DatagramPacket p = (DatagramPacket) msg;
              ByteBuf b = p.content();
              if (b.readableBytes() == Burst.SIZE && !seen.get(b.getInt(b.readerIndex()))) {
                seen.set(b.getInt(b.readerIndex()));
                all.countDown();
              }
              p.release();
            }
          });
      // the whole burst is queued before the loop gets to read it
      Burst.send(relay.localAddress(), BURST);
      assertTrue(all.await(10, TimeUnit.SECONDS), () -> "read " + seen.cardinality() + " of " + BURST);
      assertEquals(BURST, seen.cardinality());
      relay.close().sync();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  /**
   * A transport that queues its sends (all but epoll) counts a queued datagram as the receive
   * buffer it holds, so a socket that cannot send turns unwritable (and the relay drops) after a
   * few datagrams, not after hundreds of 8 KB buffers.
   */
  @Test
  void aQueuedDatagramCountsAsTheBufferItHolds() throws Exception {
    SocketTuning tuning = new SocketTuning(true, 1, 1, ReadBatch.Mode.OFF);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      DatagramChannel relay = Burst.relay(group, NioDatagramChannel::new, tuning,
          tuning.newReadBatch(PairBinder.MAX_DATAGRAM), false, new ChannelInboundHandlerAdapter());
      InetSocketAddress phone = new InetSocketAddress("127.0.0.1", 9);
      int queued = relay.eventLoop().submit(() -> {
        int n = 0;
        while (relay.isWritable() && n < 1000) { // written, never flushed: all of it stays queued
          ByteBuf received = relay.alloc().directBuffer(PairBinder.MAX_DATAGRAM).writeZero(Burst.SIZE);
          relay.write(new DatagramPacket(received, phone), relay.voidPromise());
          n++;
        }
        return n;
      }).get(5, TimeUnit.SECONDS);
      assertTrue(queued >= 4 && queued <= 9, queued + " datagrams queued before backpressure");
      relay.close().sync();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }
}
