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
 * head: {@link #put} of an existing cookie moves it to the tail. Two bounds keep a flood of unique
 * cookies from exhausting memory: a count, and the bytes of the cached replies (a reply may be tens
 * of kilobytes of SDP, so the count alone would still allow gigabytes). Under such a flood the
 * oldest cookies lose their protection first.
 *
 * <p>Thread-safe (synchronized): the transports sharing one cache may run on different event loops;
 * this is control-plane traffic, so a monitor costs nothing that matters.
 */
public final class CookieCache<V> {
  /** rtpengine keeps replies for 30 s. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_ENTRIES = 100_000;
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  private record Entry<V>(V value, long insertedNanos, long bytes) {}

  private final long ttlNanos;
  private final int maxEntries;
  private final long maxBytes;
  private final LongSupplier nanoClock;
  private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>();
  private long bytes;

  public CookieCache() {
    this(DEFAULT_TTL, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES, System::nanoTime);
  }

  public CookieCache(Duration ttl, int maxEntries, long maxBytes, LongSupplier nanoClock) {
    if (maxEntries < 1) throw new IllegalArgumentException("maxEntries " + maxEntries + " < 1");
    if (maxBytes < 1) throw new IllegalArgumentException("maxBytes " + maxBytes + " < 1");
    this.ttlNanos = ttl.toNanos();
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.nanoClock = nanoClock;
  }

  /** The value cached for {@code cookie}, or null if none or expired. */
  public synchronized V get(String cookie) {
    Entry<V> e = entries.get(cookie);
    if (e == null) return null;
    if (expired(e, nanoClock.getAsLong())) {
      drop(cookie);
      return null;
    }
    return e.value;
  }

  /** Stores (or refreshes) {@code value}, weighing nothing yet (a reply still pending). */
  public void put(String cookie, V value) {
    put(cookie, value, 0);
  }

  /** Stores (or refreshes) {@code value} that holds {@code size} bytes; its lifetime starts now. */
  public synchronized void put(String cookie, V value, long size) {
    long now = nanoClock.getAsLong();
    drop(cookie);
    entries.put(cookie, new Entry<>(value, now, size));
    bytes += size;
    evict(now);
  }

  /** Removes {@code cookie} only if it still maps to {@code value}. */
  public synchronized boolean remove(String cookie, V value) {
    Entry<V> e = entries.get(cookie);
    if (e == null || e.value != value) return false;
    drop(cookie);
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

  /** The bytes the cached values hold, as given to {@link #put(String, Object, long)}. */
  public synchronized long bytes() {
    return bytes;
  }

  private void drop(String cookie) {
    Entry<V> e = entries.remove(cookie);
    if (e != null) bytes -= e.bytes;
  }

  private void evict(long now) {
    Iterator<Map.Entry<String, Entry<V>>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Entry<V> head = it.next().getValue();
      if (entries.size() <= maxEntries && bytes <= maxBytes && !expired(head, now)) break;
      it.remove();
      bytes -= head.bytes;
    }
  }

  private boolean expired(Entry<V> e, long now) {
    return now - e.insertedNanos >= ttlNanos;
  }
}
