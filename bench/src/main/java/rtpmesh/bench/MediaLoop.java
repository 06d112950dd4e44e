package rtpmesh.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * Sends and receives the media of every call side on one thread: each side sends one RTP probe
 * every 20 ms, the sides' send times spread evenly over the 20 ms, and an RTCP sender report every
 * 250 packets (5 s); everything the relay sends back is read from a selector. The loop sleeps in
 * the selector between sends (1 ms granularity), so packets leave in small batches and the
 * generator costs little when idle. The measured window is [warmup, warmup + duration); after it
 * sending stops and the loop drains for a while before counting what never came.
 */
final class MediaLoop {
  static final long PERIOD_NS = 20_000_000L;
  static final int RTCP_EVERY = 250;

  /** Hooks called by the loop thread when the measured window opens and closes. */
  interface WindowListener {
    void windowEdge(boolean open, long nanoTime) throws IOException;
  }

  private final PhoneSide[] sides;
  private final Selector selector;
  private final ByteBuffer tx = Probe.rtpTemplate();
  private final ByteBuffer txRtcp = Probe.rtcpTemplate();
  private final ByteBuffer rx = ByteBuffer.allocateDirect(2048);
  private final int[] nextSeq;
  private final long[][] seen;
  final Histograms.Latency latency = new Histograms.Latency();
  private long windowStart = Long.MAX_VALUE;
  private long windowEnd = Long.MAX_VALUE;

  long sent;
  long sentInWindow;
  long received;         // RTP probes, including duplicates
  long receivedRtcp;
  long receivedInWindow; // unique probes sent inside the window
  long duplicates;
  long foreign;          // not our probe, or for the wrong side
  long sendErrors;
  long receiveErrors;
  long maxSendLagNs;

  MediaLoop(PhoneSide[] sides, int maxSeq) throws IOException {
    this.sides = sides;
    this.selector = Selector.open();
    this.nextSeq = new int[sides.length];
    this.seen = new long[sides.length][(maxSeq >> 6) + 1];
    for (PhoneSide s : sides) {
      s.rtp.register(selector, SelectionKey.OP_READ, s);
      s.rtcp.register(selector, SelectionKey.OP_READ, s);
    }
  }

  /** Packets forwarded by the relay so far, as seen by the phones (RTP and RTCP). */
  long forwarded() {
    return received + receivedRtcp;
  }

  void run(long warmupNs, long durationNs, long drainNs, WindowListener listener) throws IOException {
    long t0 = System.nanoTime();
    long openAt = t0 + warmupNs;
    long closeAt = openAt + durationNs;
    long endAt = closeAt + drainNs;
    windowStart = openAt; // the window is a range of send times, known before the first send
    windowEnd = closeAt;
    long cycle = t0;
    int next = 0;
    long nextDue = t0;
    int n = sides.length;
    boolean open = false;
    boolean closed = false;
    while (true) {
      long now = System.nanoTime();
      if (!open && now >= openAt) {
        open = true;
        listener.windowEdge(true, now);
      }
      if (!closed && now >= closeAt) {
        closed = true;
        listener.windowEdge(false, now);
      }
      if (now >= endAt) {
        break;
      }
      long wakeAt;
      if (now < closeAt) {
        // at most one round of sends per turn, so the sockets are read even when we fall behind
        for (int batch = 0; nextDue <= now && batch < n; batch++) {
          if (open && !closed) {
            maxSendLagNs = Math.max(maxSendLagNs, now - nextDue);
          }
          send(sides[next]);
          if (++next == n) {
            next = 0;
            cycle += PERIOD_NS;
          }
          nextDue = cycle + PERIOD_NS * next / n;
          now = System.nanoTime();
        }
        wakeAt = Math.min(nextDue, open ? closeAt : openAt);
      } else {
        wakeAt = endAt;
      }
      long waitNs = wakeAt - System.nanoTime();
      if (waitNs <= 0) {
        selector.selectNow(this::readable); // behind schedule: no sleeping
      } else {
        selector.select(this::readable, Math.max(1, (waitNs + 999_999) / 1_000_000));
      }
    }
  }

  private void send(PhoneSide s) {
    int seq = nextSeq[s.index]++;
    try {
      long now = System.nanoTime();
      Probe.stampRtp(tx, s.index, seq, now);
      s.rtp.write(tx);
      sent++;
      if (now >= windowStart && now < windowEnd) {
        sentInWindow++;
      }
      if (seq % RTCP_EVERY == s.index % RTCP_EVERY) {
        Probe.stampRtcp(txRtcp, s.index, seq);
        s.rtcp.write(txRtcp);
      }
    } catch (IOException e) {
      sendErrors++; // e.g. ICMP port unreachable reported on the connected socket
    }
  }

  /**
   * One read per readiness: a phone socket gets one packet per 20 ms, so a second read would
   * nearly always be an EAGAIN syscall; a socket with more queued is reported again (level
   * triggered).
   */
  private void readable(SelectionKey key) {
    PhoneSide s = (PhoneSide) key.attachment();
    DatagramChannel c = (DatagramChannel) key.channel();
    int len;
    rx.clear();
    try {
      len = c.read(rx);
    } catch (IOException e) {
      receiveErrors++;
      return;
    }
    if (len <= 0) {
      return;
    }
    if (c == s.rtcp) {
      receivedRtcp++;
    } else {
      onRtp(s, len);
    }
  }

  private void onRtp(PhoneSide s, int len) {
    long now = System.nanoTime();
    if (!Probe.isProbe(rx, len) || Probe.side(rx) != (s.index ^ 1)) {
      foreign++;
      return;
    }
    received++;
    int from = s.index ^ 1;
    int seq = Probe.seq(rx);
    long[] bits = seen[from];
    int word = seq >>> 6;
    if (seq < 0 || word >= bits.length) {
      foreign++;
      return;
    }
    long mask = 1L << (seq & 63);
    if ((bits[word] & mask) != 0) {
      duplicates++;
      return;
    }
    bits[word] |= mask;
    long sentAt = Probe.sentAt(rx);
    if (sentAt >= windowStart && sentAt < windowEnd) {
      receivedInWindow++;
      latency.record(now - sentAt);
    }
  }

  void close() throws IOException {
    selector.close();
  }
}
