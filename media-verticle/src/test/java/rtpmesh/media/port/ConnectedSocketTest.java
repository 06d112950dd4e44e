package rtpmesh.media.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A party's own socket, read by the loop without a channel: a burst from the party arrives whole,
 * in order and byte for byte, one datagram per wakeup (or a batch per wakeup while the block
 * batches); a stranger still reaches the pair's socket; a send leaves from the pair's port; and
 * once closed, the party's datagrams are the pair's socket's again.
 */
class ConnectedSocketTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final int BURST = 64;

  private EventLoopGroup group;
  private EventLoop loop;
  private DatagramChannel phone;
  private PairBinder binder;
  private final List<Integer> pairRead = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void needsEpoll() {
    Assumptions.assumeTrue(Epoll.isAvailable(), "no native epoll here");
  }

  @BeforeEach
  void start() throws IOException {
    group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    loop = group.next();
    phone = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
  }

  @AfterEach
  void stop() throws Exception {
    phone.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  /** A reader that keeps the first int of each datagram, checks its bytes and sender, and counts wakeups. */
  private static final class Recorder implements ConnectedSocket.Reader {
    final List<Integer> read = new CopyOnWriteArrayList<>();
    final AtomicInteger wakeups = new AtomicInteger();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final InetSocketAddress party;
    final CountDownLatch all;
    /** The datagram whose read throws, as a bug in the relay would; -1 for none. */
    int throwAt = -1;

    Recorder(InetSocketAddress party, int expected) {
      this.party = party;
      this.all = new CountDownLatch(expected);
    }

    @Override
    public void read(DatagramPacket packet) {
      ByteBuf b = packet.content();
      int index = b.getInt(b.readerIndex());
      try {
        if (index == throwAt) {
          throw new IllegalStateException("datagram " + index);
        }
        boolean intact = packet.sender().equals(party) && ByteBufUtil.equals(b, datagram(index));
        read.add(intact ? index : -1);
      } finally {
        packet.release();
        all.countDown();
      }
    }

    @Override
    public void readComplete() {
      wakeups.incrementAndGet();
    }

    @Override
    public void readFailed(Throwable cause) {
      failures.add(cause);
    }
  }

  private static ByteBuf datagram(int index) {
    ByteBuf b = io.netty.buffer.Unpooled.buffer(Burst.SIZE);
    b.writeInt(index);
    for (int i = 4; i < Burst.SIZE; i++) {
      b.writeByte(index + i);
    }
    return b;
  }

  private void send(DatagramChannel from, InetSocketAddress to, int index) throws IOException {
    ByteBuf b = datagram(index);
    from.send(b.nioBuffer(), to);
  }

  /** Binds a pair with the given read batching; what its RTP socket reads lands in {@link #pairRead}. */
  private BoundPair bindPair(ReadBatch.Mode batching) throws Exception {
    SocketTuning tuning = new SocketTuning(true, 1, 4, batching);
    int min = 20000 + 2 * (int) (ProcessHandle.current().pid() % 5000);
    PairBinder binder = new PairBinder(loop, new PortBlock(min, min + 63), address -> new EpollDatagramChannel(), -1, tuning);
    BoundPair pair = loop.submit(() -> binder.bind(LOOPBACK)).get().sync().getNow();
    pair.rtp().pipeline().addLast(new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DatagramPacket p = (DatagramPacket) msg;
        pairRead.add(p.content().getInt(p.content().readerIndex()));
        p.release();
      }
    });
    pair.rtp().config().setAutoRead(true);
    this.binder = binder;
    return pair;
  }

  private ConnectedSocket connect(BoundPair pair, Recorder reader) throws Exception {
    InetSocketAddress party = (InetSocketAddress) phone.getLocalAddress();
    ConnectedSocket c = loop.submit(() -> binder.connect(pair, party, reader)).get().sync().getNow();
    assertNotNull(c);
    return c;
  }

  /** Sends a burst while the loop is busy, so the whole of it is queued before the first read. */
  private void burstWhileTheLoopIsBusy(InetSocketAddress to) throws Exception {
    CountDownLatch sent = new CountDownLatch(1);
    loop.execute(() -> {
      try {
        sent.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    for (int i = 0; i < BURST; i++) {
      send(phone, to, i);
    }
    sent.countDown();
  }

  @ParameterizedTest(name = "batching {0}: {1} wakeups")
  @CsvSource({"OFF, 64", "ON, 16"})
  void aBurstFromThePartyArrivesWholeInOrderAndUnchanged(ReadBatch.Mode batching, int wakeups) throws Exception {
    BoundPair pair = bindPair(batching);
    InetSocketAddress port = new InetSocketAddress(LOOPBACK, pair.rtpPort());
    Recorder reader = new Recorder((InetSocketAddress) phone.getLocalAddress(), BURST);
    ConnectedSocket c = connect(pair, reader);

    burstWhileTheLoopIsBusy(port);
    assertTrue(reader.all.await(5, TimeUnit.SECONDS), () -> "read " + reader.read.size() + " of " + BURST);
    loop.submit(() -> { }).sync(); // the last wakeup's readComplete runs after its last read
    Integer[] expected = new Integer[BURST];
    for (int i = 0; i < BURST; i++) {
      expected[i] = i;
    }
    assertArrayEquals(expected, reader.read.toArray(new Integer[0]));
    // Level-triggered, one read per wakeup (4 while batching): nothing stranded, no empty read.
    assertEquals(wakeups, reader.wakeups.get());
    assertTrue(reader.failures.isEmpty(), reader.failures::toString);
    assertTrue(pairRead.isEmpty(), pairRead::toString);
    loop.submit(c::close).sync();
  }

  @Test
  void aStrangerStillReachesThePairsSocketAndASendLeavesFromThePort() throws Exception {
    BoundPair pair = bindPair(ReadBatch.Mode.ADAPTIVE);
    InetSocketAddress port = new InetSocketAddress(LOOPBACK, pair.rtpPort());
    Recorder reader = new Recorder((InetSocketAddress) phone.getLocalAddress(), 1);
    ConnectedSocket c = connect(pair, reader);

    try (DatagramChannel stranger = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
      send(stranger, port, 7);
      send(phone, port, 8);
      assertTrue(reader.all.await(5, TimeUnit.SECONDS));
      assertEquals(List.of(8), reader.read);
      awaitPairRead(List.of(7));
    }

    ByteBuf out = pair.rtp().alloc().directBuffer(Burst.SIZE).writeBytes(datagram(9));
    assertTrue(loop.submit(() -> {
      try {
        return c.send(out);
      } finally {
        out.release();
      }
    }).get());
    ByteBuffer got = ByteBuffer.allocate(2048);
    phone.configureBlocking(true);
    assertEquals(port, phone.receive(got));
    got.flip();
    assertEquals(datagram(9).nioBuffer(), got);

    // Closed: the party's next datagram is the pair's again (it would sit unread in a socket left open).
    loop.submit(c::close).sync();
    send(phone, port, 10);
    awaitPairRead(List.of(7, 10));
    assertEquals(List.of(8), reader.read);
  }

  /** A reader that throws must not take the loop down with it: the failure is reported, reading goes on. */
  @Test
  void aReaderThatThrowsIsReportedAndTheNextDatagramsStillArrive() throws Exception {
    BoundPair pair = bindPair(ReadBatch.Mode.OFF);
    InetSocketAddress port = new InetSocketAddress(LOOPBACK, pair.rtpPort());
    Recorder reader = new Recorder((InetSocketAddress) phone.getLocalAddress(), 6);
    reader.throwAt = 3;
    ConnectedSocket c = connect(pair, reader);

    for (int i = 0; i < 6; i++) {
      send(phone, port, i);
    }
    assertTrue(reader.all.await(5, TimeUnit.SECONDS), () -> "read " + reader.read);
    loop.submit(() -> { }).sync();
    assertEquals(List.of(0, 1, 2, 4, 5), reader.read);
    assertEquals(1, reader.failures.size(), reader.failures::toString);
    assertEquals("datagram 3", reader.failures.get(0).getMessage());
    loop.submit(c::close).sync();
  }

  private void awaitPairRead(List<Integer> expected) throws InterruptedException {
    long until = System.currentTimeMillis() + 5000;
    while (!pairRead.equals(expected) && System.currentTimeMillis() < until) {
      Thread.sleep(10);
    }
    assertEquals(expected, pairRead);
  }
}
