package rtpmesh.media.dtls;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link DtlsEndpoint} on its own single-thread "event loop", as the media verticle would own
 * it. Its outbound datagrams go to {@link #wire}, which tests point at the peer (or at nothing).
 */
final class LoopedEndpoint implements AutoCloseable {
  final ExecutorService loop;
  final LinkedBlockingQueue<DtlsResult> results = new LinkedBlockingQueue<>();
  final DtlsEndpoint endpoint;
  volatile Consumer<ByteBuf> wire = ByteBuf::release;

  LoopedEndpoint(String name, DtlsHandshakePool pool, DtlsCertificate cert, DtlsParams params) {
    this.loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "loop-" + name));
    this.endpoint =
        new DtlsEndpoint(pool, cert, params, loop, d -> wire.accept(d), results::add);
  }

  /** Connects two endpoints back to back: each one's output is the other's input. */
  static void link(LoopedEndpoint a, LoopedEndpoint b) {
    a.wire = b::deliver;
    b.wire = a::deliver;
  }

  void start() {
    loop.execute(endpoint::start);
  }

  /** Hands a datagram to the endpoint on its loop, as the socket would. */
  void deliver(ByteBuf datagram) {
    loop.execute(() -> endpoint.receive(datagram));
  }

  <T> T onLoop(Callable<T> task) throws Exception {
    return loop.submit(task).get(5, TimeUnit.SECONDS);
  }

  /** The next result, or fails the test after {@code seconds}. */
  DtlsResult next(double seconds) throws InterruptedException {
    DtlsResult r = results.poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
    if (r == null) {
      throw new AssertionError("no DTLS result within " + seconds + " s");
    }
    return r;
  }

  DtlsResult.Connected connected(double seconds) throws InterruptedException {
    DtlsResult r = next(seconds);
    if (!(r instanceof DtlsResult.Connected c)) {
      throw new AssertionError("expected Connected, got " + r);
    }
    return c;
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
