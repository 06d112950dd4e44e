package rtpmesh.control.ng.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CookieCacheTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final CookieCache<String> cache = new CookieCache<>(Duration.ofSeconds(30), 3, 1000, now::get);

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  /** Found by the soak: with no new request, expired replies stayed in memory until the next put. */
  @Test
  void expireDropsWhatHasExpiredWithoutANewPut() {
    cache.put("c1", "reply1");
    cache.put("c2", "reply2");
    advance(Duration.ofSeconds(10));
    cache.put("c3", "reply3");
    advance(Duration.ofSeconds(25));
    cache.expire();
    assertEquals(1, cache.size());
    assertEquals("reply3", cache.get("c3"));
  }

  @Test
  void returnsWhatWasPut() {
    cache.put("c1", "reply1");
    assertEquals("reply1", cache.get("c1"));
    assertNull(cache.get("c2"));
  }

  @Test
  void expiresAfterThirtySecondsAsRtpengine() {
    cache.put("c1", "reply1");
    advance(Duration.ofSeconds(30).minusNanos(1));
    assertEquals("reply1", cache.get("c1"));
    advance(Duration.ofNanos(1));
    assertNull(cache.get("c1"));
    assertEquals(0, cache.size());
  }

  @Test
  void putAgainRestartsTheLifetime() {
    cache.put("c1", "pending");
    advance(Duration.ofSeconds(20));
    cache.put("c1", "done");
    advance(Duration.ofSeconds(20));
    assertEquals("done", cache.get("c1"));
  }

  @Test
  void sizeBoundEvictsTheOldest() {
    cache.put("c1", "r1");
    cache.put("c2", "r2");
    cache.put("c3", "r3");
    cache.put("c4", "r4");
    assertEquals(3, cache.size());
    assertNull(cache.get("c1"));
    assertEquals("r4", cache.get("c4"));
  }

  /** 100 000 cached replies of 60 KiB SDP would be 6 GB: bytes bound the cache as well. */
  @Test
  void byteBoundEvictsTheOldestReplies() {
    cache.put("c1", "r1", 400);
    cache.put("c2", "r2", 400);
    assertEquals(800, cache.bytes());
    cache.put("c3", "r3", 400);
    assertEquals(2, cache.size());
    assertEquals(800, cache.bytes());
    assertNull(cache.get("c1"));
    assertEquals("r3", cache.get("c3"));
  }

  @Test
  void refreshAndRemoveKeepTheByteCountTrue() {
    cache.put("c1", "pending");
    cache.put("c1", "done", 300);
    cache.put("c2", "r2", 200);
    assertEquals(500, cache.bytes());
    assertTrue(cache.remove("c1", cache.get("c1")));
    assertEquals(200, cache.bytes());
    advance(Duration.ofSeconds(31));
    cache.expire();
    assertEquals(0, cache.bytes());
  }

  @Test
  void refreshedEntryIsNoLongerTheOldest() {
    cache.put("c1", "r1");
    cache.put("c2", "r2");
    cache.put("c3", "r3");
    cache.put("c1", "r1");
    cache.put("c4", "r4");
    assertEquals("r1", cache.get("c1"));
    assertNull(cache.get("c2"));
  }

  @Test
  void expiredEntriesAreDroppedOnPut() {
    cache.put("c1", "r1");
    cache.put("c2", "r2");
    advance(Duration.ofSeconds(31));
    cache.put("c3", "r3");
    assertEquals(1, cache.size());
  }

  @Test
  void removeOnlyTheSameValue() {
    cache.put("c1", "r1");
    assertFalse(cache.remove("c1", new String("r1")));
    assertTrue(cache.remove("c1", cache.get("c1")));
    assertNull(cache.get("c1"));
  }
}
