package rtpmesh.media.srtp;

/**
 * SSRC to {@link StreamState}, open addressing with linear probing: no boxing and no allocation
 * on lookup. A stream has one to a handful of SSRCs; the table only grows when a new SSRC is
 * authenticated (receiver) or protected (sender). Not thread-safe.
 */
final class SsrcTable {
  private StreamState[] slots = new StreamState[8];
  private int size;

  StreamState get(int ssrc) {
    StreamState[] t = slots;
    int mask = t.length - 1;
    for (int i = mix(ssrc) & mask; ; i = (i + 1) & mask) {
      StreamState s = t[i];
      if (s == null || s.ssrc == ssrc) {
        return s;
      }
    }
  }

  StreamState getOrCreate(int ssrc) {
    StreamState s = get(ssrc);
    if (s != null) {
      return s;
    }
    if (2 * (size + 1) > slots.length) {
      grow();
    }
    s = new StreamState(ssrc);
    insert(slots, s);
    size++;
    return s;
  }

  int size() {
    return size;
  }

  private void grow() {
    StreamState[] bigger = new StreamState[slots.length * 2];
    for (StreamState s : slots) {
      if (s != null) {
        insert(bigger, s);
      }
    }
    slots = bigger;
  }

  private static void insert(StreamState[] t, StreamState s) {
    int mask = t.length - 1;
    int i = mix(s.ssrc) & mask;
    while (t[i] != null) {
      i = (i + 1) & mask;
    }
    t[i] = s;
  }

  private static int mix(int ssrc) {
    int h = ssrc * 0x9e3779b9;
    return h ^ (h >>> 16);
  }
}
