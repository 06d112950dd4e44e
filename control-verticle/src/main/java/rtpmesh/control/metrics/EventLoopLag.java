package rtpmesh.control.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a task waits before an event loop runs it: once a second a no-op is queued on every
 * Vert.x event loop (the media blocks' loops included) and the time until it runs is kept. A
 * loop busy with packets or blocked shows here long before calls suffer.
 */
public final class EventLoopLag {
  private final Vertx vertx;
  private final List<EventExecutor> loops = new ArrayList<>();
  private final List<AtomicLong> lagNanos = new ArrayList<>();
  private long timer = -1;

  public EventLoopLag(Vertx vertx) {
    this.vertx = vertx;
    for (EventExecutor e : ((VertxInternal) vertx).nettyEventLoopGroup()) {
      loops.add(e);
      lagNanos.add(new AtomicLong());
    }
  }

  public void bind(MeterRegistry registry) {
    for (int i = 0; i < loops.size(); i++) {
      AtomicLong lag = lagNanos.get(i);
      Gauge.builder("rtpmesh.event.loop.lag.seconds", lag, l -> l.get() / 1e9)
          .description("Time a task queued on the event loop waited before it ran (probed once a second)")
          .tag("loop", Integer.toString(i))
          .register(registry);
    }
  }

  public void start() {
    timer = vertx.setPeriodic(1000, id -> probe());
  }

  public void stop() {
    if (timer >= 0) vertx.cancelTimer(timer);
  }

  private void probe() {
    for (int i = 0; i < loops.size(); i++) {
      AtomicLong lag = lagNanos.get(i);
      long queued = System.nanoTime();
      loops.get(i).execute(() -> lag.set(System.nanoTime() - queued));
    }
  }

  /** The largest lag of the last probe, in milliseconds (for the console). */
  public double maxMillis() {
    long max = 0;
    for (AtomicLong l : lagNanos) max = Math.max(max, l.get());
    return max / 1e6;
  }
}
