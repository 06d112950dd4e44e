package rtpmesh.control.ng;

import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code --max-ng-rate}: a token bucket per source address in front of every ng transport. Each
 * request takes a token; a source holds at most {@code burst} tokens and gets {@code rate} back
 * per second. A request without a token is not run: it is answered {@code result: error} with
 * {@code error-reason} naming the limit (in the request's encoding), and counted.
 *
 * <p>The bucket is per IP address, not per port: a SIP proxy's retries come from several ports.
 * Over UDP a source address can be spoofed, so a flood that forges the proxy's address can use
 * up the proxy's tokens; keep ng on a private network or firewalled, as with rtpengine.
 *
 * <p>Thread-safe (the transports may run on several event loops); the lock covers a map lookup.
 */
public final class NgRateLimit implements NgHandler {
  /** Past this many tracked sources, buckets that are full again are forgotten. */
  static final int MAX_TRACKED = 10_000;

  private final NgHandler next;
  private final double rate;
  private final double burst;
  private final LongSupplier nanos;
  private final Map<String, Bucket> buckets = new HashMap<>();
  private long refused;

  private static final class Bucket {
    double tokens;
    long at;
  }

  public NgRateLimit(NgHandler next, int rate, int burst) {
    this(next, rate, burst, System::nanoTime);
  }

  NgRateLimit(NgHandler next, int rate, int burst, LongSupplier nanos) {
    if (rate <= 0) throw new IllegalArgumentException("rate must be > 0: " + rate);
    this.next = next;
    this.rate = rate;
    this.burst = Math.max(1, burst > 0 ? burst : rate);
    this.nanos = nanos;
  }

  /** {@code next} behind a limit of {@code rate} requests per second per source, or {@code next} itself when rate <= 0. */
  public static NgHandler wrap(NgHandler next, int rate, int burst) {
    return rate <= 0 ? next : new NgRateLimit(next, rate, burst);
  }

  @Override
  public Future<byte[]> handle(byte[] payload, SocketAddress from) {
    if (from == null || take(from.hostAddress() != null ? from.hostAddress() : from.host())) {
      return next.handle(payload, from);
    }
    return Future.succeededFuture(NgWire.error(
        "Rate limit exceeded: more than " + (long) rate + " requests per second from " + from.hostAddress()
            + ", max-ng-rate is " + (long) rate, isJson(payload)));
  }

  /** Requests refused so far. */
  public synchronized long refused() {
    return refused;
  }

  synchronized boolean take(String source) {
    long now = nanos.getAsLong();
    Bucket b = buckets.get(source);
    if (b == null) {
      if (buckets.size() >= MAX_TRACKED) forgetFull(now);
      // Still full: sources beyond the table pass untracked rather than lock out a proxy.
      if (buckets.size() >= MAX_TRACKED) return true;
      b = new Bucket();
      b.tokens = burst;
      b.at = now;
      buckets.put(source, b);
    } else {
      b.tokens = Math.min(burst, b.tokens + (now - b.at) * rate / 1e9);
      b.at = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return true;
    }
    refused++;
    return false;
  }

  /** A bucket that has refilled is the same as no bucket. */
  private void forgetFull(long now) {
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      Bucket b = it.next();
      if (b.tokens + (now - b.at) * rate / 1e9 >= burst) it.remove();
    }
  }

  synchronized int tracked() {
    return buckets.size();
  }

  private static boolean isJson(byte[] payload) {
    for (byte c : payload) {
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
      return c == '{';
    }
    return false;
  }
}
