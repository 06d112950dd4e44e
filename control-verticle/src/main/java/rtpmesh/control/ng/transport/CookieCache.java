package rtpmesh.control.ng.transport;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * rtpengine's ng cookie cache ({@code cookie_cache.c}): a command re-sent with a cookie seen in the
 * last {@link #DEFAULT_TTL} is answered from here instead of being executed again, so a retransmitted
 * {@code offer} cannot re-create a call that was deleted meanwhile. Keyed by cookie alone, as
 * rtpengine does, and shared by all ng transports (one cookie space, as in rtpengine).
 *
 * <p>Entries are kept in insertion order so that expiry and the size bound only ever drop from the
 * head: {@link #put} of an existing cookie moves it to the tail. The size bound keeps a flood of
 * unique cookies from exhausting memory; under such a flood the oldest cookies lose their
 * protection first.
 *
 * <p>Thread-safe (synchronized): the transports sharing one cache may run on different event loops;
 * this is control-plane traffic, so a monitor costs nothing that matters.
 */
public final class CookieCache<V> {
  /** rtpengine keeps replies for 30 s. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_ENTRIES = 100_000;

  private record Entry<V>(V value, long insertedNanos) {}

  private final long ttlNanos;
  private final int maxEntries;
  private final LongSupplier nanoClock;
  private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>();

  public CookieCache() {
    this(DEFAULT_TTL, DEFAULT_MAX_ENTRIES, System::nanoTime);
  }

  public CookieCache(Duration ttl, int maxEntries, LongSupplier nanoClock) {
    if (maxEntries < 1) throw new IllegalArgumentException("maxEntries " + maxEntries + " < 1");
    this.ttlNanos = ttl.toNanos();
    this.maxEntries = maxEntries;
    this.nanoClock = nanoClock;
  }

  /** The value cached for {@code cookie}, or null if none or expired. */
  public synchronized V get(String cookie) {
    Entry<V> e = entries.get(cookie);
    if (e == null) return null;
    if (expired(e, nanoClock.getAsLong())) {
      entries.remove(cookie);
      return null;
    }
    return e.value;
  }

  /** Stores (or refreshes) {@code value}; its lifetime starts now. */
  public synchronized void put(String cookie, V value) {
    long now = nanoClock.getAsLong();
    entries.remove(cookie);
    entries.put(cookie, new Entry<>(value, now));
    evict(now);
  }

  /** Removes {@code cookie} only if it still maps to {@code value}. */
  public synchronized boolean remove(String cookie, V value) {
    Entry<V> e = entries.get(cookie);
    if (e == null || e.value != value) return false;
    entries.remove(cookie);
    return true;
  }

  /**
   * Drops what has expired. Without it, expiry happens only on {@link #put}, so after a burst of
   * traffic the replies stay in memory until the next burst (the soak found ~80 k entries, ~70 MB,
   * still held with the node idle): the transports call this on a timer.
   */
  public synchronized void expire() {
    evict(nanoClock.getAsLong());
  }

  public synchronized int size() {
    return entries.size();
  }

  private void evict(long now) {
    Iterator<Map.Entry<String, Entry<V>>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Entry<V> head = it.next().getValue();
      if (entries.size() <= maxEntries && !expired(head, now)) break;
      it.remove();
    }
  }

  private boolean expired(Entry<V> e, long now) {
    return now - e.insertedNanos >= ttlNanos;
  }
}
