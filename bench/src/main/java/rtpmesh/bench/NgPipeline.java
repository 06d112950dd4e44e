package rtpmesh.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * An ng client over UDP that keeps up to {@code window} requests in flight, matches replies by
 * cookie, and retransmits a request with the same cookie (the relay answers it from its cookie
 * cache) after {@link #RETRANSMIT_NS}. Each job is a chain: the reply to one request may produce
 * the next request of the same job (offer, then answer). Single-threaded.
 */
final class NgPipeline implements AutoCloseable {
  static final long RETRANSMIT_NS = 1_000_000_000L;
  static final int MAX_TRIES = 5;

  /** One step of a job: the request, and what to do with its reply (the next request, or null). */
  record Step(Map<String, Object> request, Function<Map<String, Object>, Step> onReply) {}

  private record Pending(Step step, ByteBuffer wire, long firstSentNs, int tries, long lastSentNs) {}

  private final DatagramChannel channel;
  private final Selector selector;
  private final int window;
  private final Histograms.Latency latency;
  private final String cookiePrefix = Long.toHexString(ThreadLocalRandom.current().nextLong());
  private long cookieSeq;

  NgPipeline(InetSocketAddress ng, int window, Histograms.Latency latency) throws IOException {
    this.channel = DatagramChannel.open();
    channel.bind(new InetSocketAddress(ng.getAddress(), 0));
    channel.connect(ng);
    channel.configureBlocking(false);
    this.selector = Selector.open();
    channel.register(selector, SelectionKey.OP_READ);
    this.window = window;
    this.latency = latency;
  }

  /** Runs the jobs to completion; throws if one fails (error reply or no reply after retries). */
  void run(Queue<Step> jobs) throws IOException {
    Map<String, Pending> inFlight = new HashMap<>();
    ByteBuffer rx = ByteBuffer.allocate(65536);
    Queue<Step> ready = new ArrayDeque<>();
    while (!jobs.isEmpty() || !ready.isEmpty() || !inFlight.isEmpty()) {
      while (inFlight.size() < window && (!ready.isEmpty() || !jobs.isEmpty())) {
        Step s = ready.isEmpty() ? jobs.poll() : ready.poll();
        String cookie = cookiePrefix + "_" + (cookieSeq++);
        byte[] body = Bencode.encode(s.request());
        ByteBuffer wire = ByteBuffer.allocate(cookie.length() + 1 + body.length);
        wire.put(cookie.getBytes(StandardCharsets.US_ASCII)).put((byte) ' ').put(body).flip();
        long now = System.nanoTime();
        channel.write(wire.duplicate());
        inFlight.put(cookie, new Pending(s, wire, now, 1, now));
      }
      rx.clear();
      int n = channel.read(rx);
      if (n <= 0) {
        retransmit(inFlight);
        selector.select(50);
        selector.selectedKeys().clear();
        continue;
      }
      long now = System.nanoTime();
      byte[] b = rx.array();
      int sp = 0;
      while (sp < n && b[sp] != ' ') {
        sp++;
      }
      Pending p = inFlight.remove(new String(b, 0, sp, StandardCharsets.US_ASCII));
      if (p == null) {
        continue; // a reply to a retransmission we already have
      }
      latency.record(now - p.firstSentNs());
      @SuppressWarnings("unchecked")
      Map<String, Object> reply = (Map<String, Object>) Bencode.decode(b, sp + 1, n);
      if (!"ok".equals(reply.get("result"))) {
        throw new IOException("ng " + p.step().request().get("command") + " for "
            + p.step().request().get("call-id") + ": " + reply.get("result") + " "
            + reply.getOrDefault("error-reason", ""));
      }
      Step next = p.step().onReply().apply(reply);
      if (next != null) {
        ready.add(next);
      }
    }
  }

  private void retransmit(Map<String, Pending> inFlight) throws IOException {
    long now = System.nanoTime();
    for (Map.Entry<String, Pending> e : inFlight.entrySet()) {
      Pending p = e.getValue();
      if (now - p.lastSentNs() > RETRANSMIT_NS) {
        if (p.tries() >= MAX_TRIES) {
          throw new IOException("ng " + p.step().request().get("command") + ": no reply after "
              + MAX_TRIES + " tries");
        }
        channel.write(p.wire().duplicate());
        e.setValue(new Pending(p.step(), p.wire(), p.firstSentNs(), p.tries() + 1, now));
      }
    }
  }

  /** True once the relay answers an ng ping with pong, trying for up to {@code timeoutMs}. */
  static boolean ping(InetSocketAddress ng, long timeoutMs) throws IOException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    try (DatagramChannel c = DatagramChannel.open(); Selector sel = Selector.open()) {
      c.connect(ng);
      c.configureBlocking(false);
      c.register(sel, SelectionKey.OP_READ);
      ByteBuffer rx = ByteBuffer.allocate(1024);
      byte[] ping = "p1 d7:command4:pinge".getBytes(StandardCharsets.US_ASCII);
      while (System.nanoTime() < deadline) {
        try {
          c.write(ByteBuffer.wrap(ping));
          sel.select(200);
          sel.selectedKeys().clear();
          rx.clear();
          int n = c.read(rx);
          if (n > 0 && new String(rx.array(), 0, n, StandardCharsets.US_ASCII).contains("pong")) {
            return true;
          }
        } catch (java.net.PortUnreachableException e) {
          sleepQuietly(200);
        }
      }
      return false;
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    selector.close();
    channel.close();
  }
}
