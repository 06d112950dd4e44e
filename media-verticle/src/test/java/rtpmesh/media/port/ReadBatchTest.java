package rtpmesh.media.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ReadBatchTest {
  private static final long TICK = TimeUnit.MILLISECONDS.toNanos(ReadBatch.TICK_MS);
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  /** An adaptive batch of up to {@code max} that an epoll socket uses, its clock started at {@code start}. */
  private static ReadBatch adaptiveOnEpoll(int max, long start) {
    ReadBatch reads = new ReadBatch(ReadBatch.Mode.ADAPTIVE, 8192, max, 1);
    reads.usedByEpoll();
    reads.tick(start);
    return reads;
  }

  @Test
  void aLateTickTurnsBatchesOnAndSingleDatagramReadsTurnThemOff() {
    long start = 1_000_000_000L;
    ReadBatch reads = adaptiveOnEpoll(4, start);
    long k = 1;
    for (; k <= 100; k++) {
      reads.tick(start + k * TICK + 2 * MS); // jitter of a fixed-rate timer: 2 ms late, every time
    }
    assertEquals(1, reads.batch(), "a loop that keeps up reads one datagram at a time");

    reads.tick(start + k++ * TICK + 25 * MS);
    reads.tick(start + k++ * TICK + 5 * MS);
    assertEquals(1, reads.batch(), "one late tick is a pause, not a backlog");
    reads.tick(start + k++ * TICK + 12 * MS);
    reads.tick(start + k++ * TICK + 14 * MS);
    assertEquals(4, reads.batch(), "12 and 14 ms late: behind");
    assertEquals(1, reads.switches());

    // a second of reads that return 2 datagrams each keeps the batches on
    long next = start + k * TICK;
    for (int i = 0; i < 60; i++, next += TICK) {
      reads.record(2);
      reads.tick(next);
    }
    assertEquals(4, reads.batch(), "the backlog is still there");

    // a second of reads that return one datagram each, on time: back to one datagram per read
    for (int i = 0; i < 60; i++, next += TICK) {
      reads.record(1);
      reads.tick(next);
    }
    assertEquals(1, reads.batch(), "caught up");
    assertEquals(1, reads.switches());

    // late once more (a rebound, so batches hold two seconds), then no packets at all: nothing to batch
    reads.tick(next + 30 * MS);
    next += TICK;
    reads.tick(next + 20 * MS);
    next += TICK;
    assertEquals(4, reads.batch());
    for (int i = 0; i < 110; i++, next += TICK) {
      reads.tick(next);
    }
    assertEquals(1, reads.batch(), "an idle block reads one datagram at a time");
    assertEquals(2, reads.switches());
  }

  /**
   * Regression: the first tick came after a stall (the loop was busy when the block deployed) and
   * the fixed-rate timer's catch-up ticks followed at once. Anchored there, the block took every
   * later tick for early and never saw itself behind (MediaVerticleBacklogTest found it).
   */
  @Test
  void aFirstTickAfterAStallDoesNotHideTheNextDelay() {
    long due = 1_000_000_000L; // when the timer's first tick was due
    ReadBatch reads = new ReadBatch(ReadBatch.Mode.ADAPTIVE, 8192, 8, 1);
    reads.usedByEpoll();
    long now = due + 150 * MS;
    for (int k = 0; k <= 7; k++) {
      reads.tick(now); // the first tick, 150 ms late, and its 7 catch-up ticks
    }
    long next = due + 8 * TICK;
    for (int i = 0; i < 20; i++, next += TICK) {
      reads.tick(next);
    }
    assertEquals(1, reads.batch(), "on time since");

    now = next + 150 * MS; // a stall of 150 ms, then the ticks it held up
    for (int k = 0; k <= 7; k++, next += TICK) {
      reads.tick(now);
    }
    assertEquals(8, reads.batch(), "150 ms behind");
  }

  @Test
  void aBlockThatKeepsFallingBehindKeepsBatchingLonger() {
    long[] t = {1_000_000_000L};
    ReadBatch reads = adaptiveOnEpoll(8, t[0]);
    Runnable late = () -> { // behind, with a backlog that the first second of batches drains
      t[0] += TICK;
      reads.tick(t[0] + 15 * MS);
      t[0] += TICK;
      reads.tick(t[0] + 15 * MS);
      for (int i = 0; i < 50; i++) {
        reads.record(3);
        t[0] += TICK;
        reads.tick(t[0]);
      }
    };
    java.util.function.IntUnaryOperator onTimeFor = ticks -> {
      for (int i = 0; i < ticks; i++) {
        reads.record(1);
        t[0] += TICK;
        reads.tick(t[0]);
      }
      return reads.batch();
    };
    late.run();
    assertEquals(8, reads.batch());
    assertEquals(1, onTimeFor.applyAsInt(55), "one second, then off");
    late.run(); // behind again within 5 s: batches stay on for two seconds
    assertEquals(8, onTimeFor.applyAsInt(5), "still on after one second");
    assertEquals(1, onTimeFor.applyAsInt(55), "off after two");
    late.run(); // and again: four seconds
    assertEquals(8, onTimeFor.applyAsInt(110));
    assertEquals(1, onTimeFor.applyAsInt(55));
    onTimeFor.applyAsInt(300); // six seconds on time: the next backlog is a new one
    late.run();
    assertEquals(1, onTimeFor.applyAsInt(55), "back to one second");
    assertEquals(4, reads.switches());
  }

  /** The control plane or the JIT on the same core makes the loop late with nothing queued. */
  @Test
  void lateTicksWithoutABacklogEndTheBatchesAfterOneSecondAndLengthenNothing() {
    long next = 1_000_000_000L;
    ReadBatch reads = adaptiveOnEpoll(8, next);
    for (int round = 0; round < 5; round++) { // late every 1.5 s, as during a call set-up
      next += TICK;
      reads.tick(next + 15 * MS);
      next += TICK;
      reads.tick(next + 15 * MS);
      assertEquals(8, reads.batch());
      for (int i = 0; i < 70; i++, next += TICK) {
        reads.record(1);
        reads.tick(next + (i % 10 == 0 ? 15 * MS : 0)); // and late now and then: no backlog for all that
      }
      assertEquals(1, reads.batch(), "round " + round + ": reads of one datagram end the batches");
    }
    assertEquals(5, reads.switches());
  }

  @Test
  void fixedModesNeverSwitch() {
    ReadBatch on = new ReadBatch(ReadBatch.Mode.ON, 8192, 4, 1);
    ReadBatch off = new ReadBatch(ReadBatch.Mode.OFF, 8192, 4, 1);
    ReadBatch one = new ReadBatch(ReadBatch.Mode.ADAPTIVE, 8192, 1, 1);
    ReadBatch nio = new ReadBatch(ReadBatch.Mode.ADAPTIVE, 8192, 8, 1); // no epoll socket uses it
    for (ReadBatch b : new ReadBatch[] {on, off, one}) {
      b.usedByEpoll();
    }
    for (long t = 1; t < 3_000_000_000L; t += 50 * MS) {
      on.tick(t);
      off.tick(t);
      one.tick(t);
      nio.tick(t);
    }
    assertEquals(1, nio.batch(), "a block without epoll sockets never reports batches");
    assertEquals(4, on.batch());
    assertEquals(1, off.batch());
    assertEquals(1, one.batch(), "a batch of 1 is no batching");
    assertTrue(!off.batches() && !one.batches() && on.batches());
  }

  /** On a real socket: a queued burst takes a quarter of the reads once the block is behind. */
  @Test
  void batchReadsTakeSeveralDatagramsPerSyscall() throws Exception {
    Assumptions.assumeTrue(Epoll.isAvailable(), "no native epoll here");
    ReadBatch reads = new ReadBatch(ReadBatch.Mode.ADAPTIVE, PairBinder.MAX_DATAGRAM, 4, 1);
    assertEquals(200, readsFor(200, reads), "one datagram per read while the block keeps up");
    reads.tick(1);
    reads.tick(1 + TICK + 15 * MS);
    reads.tick(1 + 2 * TICK + 15 * MS);
    assertEquals(4, reads.batch());
    int batched = readsFor(200, reads);
    assertTrue(batched <= 60, "200 datagrams in " + batched + " reads");
  }

  /** Queues {@code burst} datagrams before the socket reads, and counts the reads that took them. */
  private static int readsFor(int burst, ReadBatch batch) throws Exception {
    SocketTuning tuning = new SocketTuning(true, 1, 4, ReadBatch.Mode.ADAPTIVE);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    CountDownLatch all = new CountDownLatch(burst);
    AtomicInteger reads = new AtomicInteger();
    try {
      DatagramChannel relay = Burst.relay(group, EpollDatagramChannel::new, tuning, batch, false,
          new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
              DatagramPacket p = (DatagramPacket) msg;
              if (p.content().readableBytes() == Burst.SIZE) {
                all.countDown();
              }
              p.release();
            }

            @Override
            public void channelReadComplete(ChannelHandlerContext ctx) {
              reads.incrementAndGet();
            }
          });
      Burst.send(relay.localAddress(), burst);
      relay.config().setAutoRead(true);
      assertTrue(all.await(10, TimeUnit.SECONDS), () -> "read " + (burst - all.getCount()) + " of " + burst);
      relay.close().sync();
      return reads.get();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }
}
