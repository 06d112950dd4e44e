package rtpmesh.recording;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded lock-free queue for one producer thread and one consumer thread (Lamport's ring with
 * ordered stores): {@link #offer} never blocks, it fails when full. Neither side allocates.
 *
 * <p>Exactly one thread may call {@link #offer} and exactly one (another) {@link #poll}.
 */
final class SpscQueue<T> {
  private final AtomicReferenceArray<T> slots;
  private final int mask;
  /** Next slot to read; written by the consumer only. */
  private final AtomicLong head = new AtomicLong();
  /** Next slot to write; written by the producer only. */
  private final AtomicLong tail = new AtomicLong();

  /** {@code capacity} is rounded up to a power of two. */
  SpscQueue(int capacity) {
    int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
    slots = new AtomicReferenceArray<>(size);
    mask = size - 1;
  }

  /** Producer: false when full. */
  boolean offer(T item) {
    long t = tail.get();
    if (t - head.get() > mask) {
      return false;
    }
    slots.lazySet((int) t & mask, item);
    tail.lazySet(t + 1);
    return true;
  }

  /** Consumer: the oldest item, or null when empty. */
  T poll() {
    long h = head.get();
    if (h >= tail.get()) {
      return null;
    }
    int i = (int) h & mask;
    T item = slots.get(i);
    slots.lazySet(i, null);
    head.lazySet(h + 1);
    return item;
  }

  int capacity() {
    return mask + 1;
  }
}
