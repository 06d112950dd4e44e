package rtpmesh.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static rtpmesh.media.Packets.rtp;
import static rtpmesh.media.Phone.send;

import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import java.net.DatagramPacket;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A block whose loop fell behind reads with {@code recvmmsg} and sends what one read brought for a
 * peer socket with one {@code sendmmsg} when the read ends (relay/Leg.send): the backlog must still
 * leave complete, in order, and at once, not when the next packet comes along.
 */
class MediaVerticleBacklogTest extends MediaVerticleTestBase {
  private static final int BURST = 100; // well inside the relay socket's default receive buffer

  @BeforeAll
  static void needsEpoll() {
    assumeTrue(Transport.EPOLL.available(), "epoll unavailable");
  }

  /** One loop, so a task the test runs on it stalls the block as a busy core would. */
  @Override
  VertxOptions vertxOptions() {
    return new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1);
  }

  @Test
  void aBacklogReadInBatchesLeavesWholeAndInOrder() throws Exception {
    deploy(4, 60);
    Phone a = phone(false);
    Phone b = phone(false);
    int[] p = bridge("backlog", a, b);
    b.rtp.setSoTimeout(Phone.RECEIVE_MS);
    send(a.rtp, rtp(0, 0xa), LOOPBACK, p[0]); // learn a's source before the stall
    b.rtp.receive(new DatagramPacket(new byte[2048], 2048));

    for (int round = 0; round < 3; round++) {
      CountDownLatch stalled = new CountDownLatch(1);
      vertx.runOnContext(v -> {
        stalled.countDown();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(150);
        while (System.nanoTime() < until) {
          Thread.onSpinWait(); // the loop is late for 7 ticks: the block turns batches on
        }
      });
      assertTrue(stalled.await(5, TimeUnit.SECONDS));
      int first = 1 + round * BURST;
      for (int seq = first; seq < first + BURST; seq++) {
        send(a.rtp, rtp(seq, 0xa), LOOPBACK, p[0]);
      }
      byte[] buf = new byte[2048];
      for (int seq = first; seq < first + BURST; seq++) {
        DatagramPacket got = new DatagramPacket(buf, buf.length);
        b.rtp.receive(got); // a packet left queued times out here
        assertArrayEquals(rtp(seq, 0xa), Arrays.copyOf(buf, got.getLength()), "packet " + seq);
        assertEquals(p[1], got.getPort());
      }
    }
    assertTrue(blockStats().getLong("batchSwitches") >= 1, () -> "never batched: " + blockStats());
    assertEquals(0, blockStats().getLong("drops"), () -> blockStats().encode());
  }
}
