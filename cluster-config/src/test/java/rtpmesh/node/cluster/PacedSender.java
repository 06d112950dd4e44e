package rtpmesh.node.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The failover tests' media: a daemon thread that runs one round of sends per ptime (20 ms), on a
 * fixed schedule so a late round does not shift the next, until stopped. Round {@code n} (from 0)
 * gets {@code n}; {@link #sent} is how many rounds have gone out, so the next round is {@code sent()}.
 */
final class PacedSender {
  private static final long PTIME_NANOS = 20_000_000L;

  /** One round of sends: each phone's packet number {@code n}. */
  interface Round {
    void send(int n) throws IOException;
  }

  private final AtomicInteger sent = new AtomicInteger();
  private final Thread thread;

  PacedSender(Round round) {
    thread = new Thread(() -> {
      long next = System.nanoTime();
      try {
        while (!Thread.currentThread().isInterrupted()) {
          round.send(sent.get());
          sent.incrementAndGet();
          next += PTIME_NANOS;
          LockSupport.parkNanos(next - System.nanoTime());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, "rtp-sender");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  int sent() {
    return sent.get();
  }

  /** Interrupts the thread and waits up to a second for it to end; harmless when it has. */
  void stop() throws InterruptedException {
    thread.interrupt();
    thread.join(1000);
  }
}
