package rtpmesh.control.node;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import rtpmesh.control.ng.Bencode;
import rtpmesh.media.MediaApi;

/**
 * The fuzzers' side of a {@link TestNode}: raw ng over UDP (cookie added, a missing reply is
 * null rather than a failure) and over HTTP ({@code /ng-plain}), the media blocks' port counts,
 * and every log record with an exception while it is open (an exception that escaped).
 */
final class FuzzWire implements AutoCloseable {
  static final int REPLY_MS = 5000;

  private final TestNode node;
  private final DatagramSocket udp;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> escaped = new ArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      if (r.getThrown() != null && r.getLevel().intValue() >= Level.WARNING.intValue()) {
        synchronized (escaped) {
          escaped.add(r.getLoggerName() + ": " + r.getMessage() + ": " + r.getThrown());
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private long cookie;

  FuzzWire(TestNode node) {
    this.node = node;
    try {
      udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Logger.getLogger("").addHandler(capture);
  }

  /** Log records with an exception since this wire was opened, then forgotten. */
  List<String> escapedExceptions() {
    synchronized (escaped) {
      List<String> out = List.copyOf(escaped);
      escaped.clear();
      return out;
    }
  }

  /** The largest UDP payload over IPv4. */
  private static final int MAX_UDP_PAYLOAD = 65_507;

  /** Sends {@code cookie SP payload} and returns the reply after the cookie, or null if none came. */
  byte[] udp(byte[] payload) {
    byte[] c = ("fz" + (++cookie) + " ").getBytes(StandardCharsets.US_ASCII);
    if (c.length + payload.length > MAX_UDP_PAYLOAD) {
      // No proxy can send this in one datagram (the socket refuses it): ng over HTTP carries it.
      return http(payload, false);
    }
    byte[] msg = Arrays.copyOf(c, c.length + payload.length);
    System.arraycopy(payload, 0, msg, c.length, payload.length);
    byte[] buf = new byte[65_536];
    try {
      udp.send(new DatagramPacket(msg, msg.length, new InetSocketAddress("127.0.0.1", node.ngPort)));
      long deadline = System.currentTimeMillis() + REPLY_MS;
      while (true) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) return null;
        udp.setSoTimeout((int) left);
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          udp.receive(p);
        } catch (SocketTimeoutException e) {
          return null;
        }
        byte[] reply = Arrays.copyOf(buf, p.getLength());
        if (reply.length >= c.length && Arrays.equals(Arrays.copyOf(reply, c.length), c)) {
          return Arrays.copyOfRange(reply, c.length, reply.length);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** POSTs the dict alone to {@code /ng-plain}; the body of a 200, or null with anything else. */
  byte[] http(byte[] payload, boolean json) {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/ng-plain"))
        .timeout(Duration.ofMillis(REPLY_MS))
        .header("Content-Type", json ? "application/json" : "application/x-rtpengine-ng")
        .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
        .build();
    try {
      HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends a dict over UDP and decodes the reply (null if none or not a dict). */
  Map<String, Object> request(Map<String, Object> dict) {
    return dictOf(udp(Bencode.encode(dict)));
  }

  /** The same over HTTP, where neither the request nor the reply is bound by a datagram's size. */
  Map<String, Object> requestHttp(Map<String, Object> dict) {
    return dictOf(http(Bencode.encode(dict), false));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> dictOf(byte[] reply) {
    try {
      return reply == null ? null : Bencode.decode(reply) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    } catch (Bencode.DecodeException e) {
      return null;
    }
  }

  /** Pairs (RTP+RTCP) the node's media blocks hold, summed over blocks. */
  int portsInUse() {
    int sum = 0;
    for (int b = 0; b < TestNode.BLOCKS; b++) {
      JsonObject s = node.vertx.eventBus().<JsonObject>request(MediaApi.blockAddress(node.nodeId, b),
          new JsonObject().put("op", MediaApi.OP_BLOCK_STATS)).await().body();
      sum += s.getInteger("ports");
    }
    return sum;
  }

  /** Drop counters by reason, summed over the node's blocks. */
  JsonObject dropReasons() {
    JsonObject sum = new JsonObject();
    for (int b = 0; b < TestNode.BLOCKS; b++) {
      JsonObject s = node.vertx.eventBus().<JsonObject>request(MediaApi.blockAddress(node.nodeId, b),
          new JsonObject().put("op", MediaApi.OP_BLOCK_STATS)).await().body().getJsonObject("dropReasons");
      for (String k : s.fieldNames()) sum.put(k, sum.getLong(k, 0L) + s.getLong(k));
    }
    return sum;
  }

  /**
   * Deletes every call the node lists except {@code keep}, at once (delete-delay 0). Over HTTP if
   * the node listens for it: fuzzed call-ids reach 200 KB, so their list (the node answers "Reply
   * too large for UDP") and their deletes do not fit a datagram.
   */
  void deleteAllBut(String keep) {
    Function<Map<String, Object>, Map<String, Object>> ng = node.httpPort() > 0 ? this::requestHttp : this::request;
    Map<String, Object> list = ng.apply(NgClient.dict("command", "list", "limit", 1_000_000));
    if (list == null || !(list.get("calls") instanceof List<?> calls)) throw new AssertionError("list answered " + list);
    for (Object id : calls) {
      if (!id.equals(keep)) ng.apply(NgClient.dict("command", "delete", "call-id", id, "delete-delay", 0));
    }
  }

  /** Ports are given back asynchronously: waits up to 5 s for {@code expected} pairs in use. */
  int awaitPortsInUse(int expected) {
    long deadline = System.currentTimeMillis() + 5000;
    int now = portsInUse();
    while (now != expected && System.currentTimeMillis() < deadline) {
      TwoPartyCall.sleep(50);
      now = portsInUse();
    }
    return now;
  }

  /**
   * Shrinks a failing input (chunks removed while it still fails, ddmin style), at most
   * {@code tries} attempts: the regression test keeps the result.
   */
  static byte[] minimize(byte[] input, Predicate<byte[]> fails, int tries) {
    byte[] best = input;
    for (int chunk = Math.max(1, best.length / 2); chunk >= 1 && tries > 0; chunk /= 2) {
      boolean shrunk = true;
      while (shrunk && tries > 0) {
        shrunk = false;
        for (int at = 0; at + chunk <= best.length && tries > 0; at += chunk) {
          byte[] cand = NgFuzz.splice(best, at, at + chunk, new byte[0]);
          tries--;
          if (fails.test(cand)) {
            best = cand;
            shrunk = true;
            break;
          }
        }
      }
    }
    return best;
  }

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(capture);
    udp.close();
  }
}
