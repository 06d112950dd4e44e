package rtpmesh.control.ng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The token bucket per source address behind {@code --max-ng-rate}, on a clock the test moves. */
class NgRateLimitTest {
  private long nanos;
  private final NgHandler pong = (payload, from) -> Future.succeededFuture(Bencode.encode(Map.of("result", "pong")));

  private NgRateLimit limit(int rate, int burst) {
    return new NgRateLimit(pong, rate, burst, () -> nanos);
  }

  @Test
  void aSourceGetsItsBurstThenItsRate() {
    NgRateLimit l = limit(10, 5);
    for (int i = 0; i < 5; i++) assertTrue(l.take("10.0.0.1"), "burst " + i);
    assertFalse(l.take("10.0.0.1"));
    nanos += 100_000_000; // 0.1 s at 10/s: one token
    assertTrue(l.take("10.0.0.1"));
    assertFalse(l.take("10.0.0.1"));
    nanos += 10_000_000_000L; // refills to the burst, no further
    for (int i = 0; i < 5; i++) assertTrue(l.take("10.0.0.1"));
    assertFalse(l.take("10.0.0.1"));
    assertEquals(3, l.refused());
  }

  @Test
  void sourcesHaveTheirOwnBuckets() {
    NgRateLimit l = limit(1, 1);
    assertTrue(l.take("10.0.0.1"));
    assertFalse(l.take("10.0.0.1"));
    assertTrue(l.take("10.0.0.2"));
  }

  @Test
  void refusedRequestIsAnErrorInTheRequestsEncoding() throws Exception {
    NgRateLimit l = limit(1, 1);
    SocketAddress from = SocketAddress.inetSocketAddress(5060, "10.0.0.9");
    l.handle("d7:command4:pinge".getBytes(StandardCharsets.US_ASCII), from);
    byte[] bencoded = l.handle("d7:command4:pinge".getBytes(StandardCharsets.US_ASCII), from).result();
    Map<?, ?> r = (Map<?, ?>) Bencode.decode(bencoded);
    assertEquals("error", r.get("result"));
    assertEquals("Rate limit exceeded: more than 1 requests per second from 10.0.0.9, max-ng-rate is 1", r.get("error-reason"));
    String json = new String(l.handle(" {\"command\":\"ping\"}".getBytes(StandardCharsets.US_ASCII), from).result(), StandardCharsets.UTF_8);
    assertTrue(json.startsWith("{\"result\":\"error\""), json);
  }

  @Test
  void fullBucketsAreForgottenSoTheTableStaysBounded() {
    NgRateLimit l = limit(1000, 1);
    for (int i = 0; i < NgRateLimit.MAX_TRACKED; i++) l.take("s" + i);
    nanos += 1_000_000_000L; // every bucket refilled
    assertTrue(l.take("newcomer"));
    assertEquals(1, l.tracked());
  }

  @Test
  void noLimitIsTheHandlerItself() {
    assertTrue(NgRateLimit.wrap(pong, 0, 0) == pong);
  }
}
