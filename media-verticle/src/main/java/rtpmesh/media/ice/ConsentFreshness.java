package rtpmesh.media.ice;

import java.util.Random;

/**
 * RFC 7675 consent freshness for the selected pair, as a pure state machine: the owner asks
 * {@link #due} on each tick, sends a check when it says so, reports responses with
 * {@link #refresh}, and stops sending media once {@link #expired}. Only responses to our own
 * requests count (§5.1); requests from the peer do not. Owned by one event loop.
 */
public final class ConsentFreshness {
  private final IceTiming timing;
  private final Random random;
  private boolean running;
  private long lastConsentAt;
  private long nextCheckAt;

  public ConsentFreshness(IceTiming timing, Random random) {
    this.timing = timing;
    this.random = random;
  }

  /** Starts (or restarts) the clock: consent is fresh as of {@code nowMs}. */
  public void start(long nowMs) {
    running = true;
    lastConsentAt = nowMs;
    nextCheckAt = nowMs + interval();
  }

  public void stop() {
    running = false;
  }

  public boolean running() {
    return running;
  }

  /** A response to one of our checks on the selected pair arrived. */
  public void refresh(long nowMs) {
    lastConsentAt = Math.max(lastConsentAt, nowMs);
  }

  /** True when a consent check should go out now; schedules the next one. */
  public boolean due(long nowMs) {
    if (!running || nowMs < nextCheckAt) {
      return false;
    }
    nextCheckAt = nowMs + interval();
    return true;
  }

  /** True once {@link IceTiming#consentTimeoutMs} passed without a response (§5.1). */
  public boolean expired(long nowMs) {
    return running && nowMs - lastConsentAt >= timing.consentTimeoutMs();
  }

  public long lastConsentAt() {
    return lastConsentAt;
  }

  /** §5.1: randomized to 0.8..1.2 of the base interval so checks of many flows do not align. */
  private long interval() {
    return (long) (timing.consentIntervalMs() * (0.8 + 0.4 * random.nextDouble()));
  }
}
