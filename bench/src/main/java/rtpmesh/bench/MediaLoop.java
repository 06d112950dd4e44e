package rtpmesh.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import rtpmesh.media.srtp.SrtpStatus;

/**
 * Sends and receives the media of every call side on the phones' one event-loop thread: each side
 * sends one RTP probe every 20 ms, the sides' send times spread evenly over the 20 ms, and an RTCP
 * sender report every 250 packets (5 s). A tick sends every packet that is due, then flushes each
 * socket once (one {@code sendmmsg} on epoll) and sleeps at least {@link #MIN_TICK_NS}, so packets
 * leave in batches. The measured window is [warmup, warmup + duration) of send times; after it
 * sending stops and the loop drains for a while before counting what never came.
 *
 * <p>An SRTP side ({@link PhoneSide#srtpOut}) protects each RTP and RTCP packet before it is
 * written (the buffers are allocated with room for the trailer); what arrives for it is
 * unprotected in place before it is counted, the receiving side found from the sender's SSRC in
 * the clear header (a relay may not rewrite SSRCs for this). A packet that fails authentication is
 * counted in {@link #srtpFailures} and not as received, so it shows as loss.
 *
 * <p>Counters are written on the loop thread only and read after {@link #run} returns.
 */
final class MediaLoop {
  static final long PERIOD_NS = 20_000_000L;
  static final long MIN_TICK_NS = 500_000L;
  static final int RTCP_EVERY = 250;

  /** Hooks called by the loop thread when the measured window opens and closes. */
  interface WindowListener {
    void windowEdge(boolean open, long nanoTime) throws IOException;
  }

  private final PhoneSide[] sides;
  private final PhoneSockets sockets;
  private final EventLoop loop;
  private final ByteBufAllocator alloc;
  private final boolean[] dirtyRtp;
  private final boolean[] dirtyRtcp;
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
  long foreign;          // not our probe, or on the wrong socket
  long socketErrors;      // failed sends and receives
  long maxSendLagNs;
  long srtpFailures;     // failed unprotect (auth, replay) or protect

  // the schedule, on the loop thread
  private long openAt;
  private long closeAt;
  private long endAt;
  private long cycle;
  private int next;
  private long nextDue;
  private boolean open;
  private boolean closed;
  private WindowListener listener;
  private CompletableFuture<Void> done;

  MediaLoop(PhoneSide[] sides, PhoneSockets sockets, int maxSeq) {
    this.sides = sides;
    this.sockets = sockets;
    this.loop = sockets.rtp[0].eventLoop();
    this.alloc = sockets.rtp[0].alloc();
    this.dirtyRtp = new boolean[sockets.count()];
    this.dirtyRtcp = new boolean[sockets.count()];
    this.nextSeq = new int[sides.length];
    this.seen = new long[sides.length][(maxSeq >> 6) + 1];
  }

  /** The receive handlers for {@link PhoneSockets#bind}: they count into this loop once it exists. */
  static final class Receivers {
    MediaLoop target;
    final ChannelHandler rtp = new Receiver(this, false);
    final ChannelHandler rtcp = new Receiver(this, true);
  }

  /** Packets forwarded by the relay so far, as seen by the phones (RTP and RTCP). */
  long forwarded() {
    return received + receivedRtcp;
  }

  /** Runs warmup + duration of media and the drain; returns when the loop is done. */
  void run(long warmupNs, long durationNs, long drainNs, WindowListener listener) throws IOException {
    this.listener = listener;
    this.done = new CompletableFuture<>();
    loop.execute(() -> {
      long t0 = System.nanoTime();
      openAt = t0 + warmupNs;
      closeAt = openAt + durationNs;
      endAt = closeAt + drainNs;
      windowStart = openAt; // the window is a range of send times, known before the first send
      windowEnd = closeAt;
      cycle = t0;
      nextDue = t0;
      tick();
    });
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw new IOException(e.getCause());
    }
  }

  private void tick() {
    try {
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
        done.complete(null);
        return;
      }
      long wakeAt = endAt;
      if (now < closeAt) {
        sendDue(now);
        wakeAt = Math.min(nextDue, open ? closeAt : openAt);
      }
      long delay = Math.max(MIN_TICK_NS, wakeAt - System.nanoTime());
      loop.schedule(this::tick, delay, TimeUnit.NANOSECONDS);
    } catch (IOException e) {
      done.completeExceptionally(new UncheckedIOException(e));
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
  }

  /** At most one round of sends per tick, so the sockets are read even when we fall behind. */
  private void sendDue(long now) {
    int n = sides.length;
    for (int batch = 0; nextDue <= now && batch < n; batch++) {
      if (open && !closed) {
        maxSendLagNs = Math.max(maxSendLagNs, now - nextDue);
      }
      send(sides[next], now);
      if (++next == n) {
        next = 0;
        cycle += PERIOD_NS;
      }
      nextDue = cycle + PERIOD_NS * next / n;
    }
    for (int p = 0; p < dirtyRtp.length; p++) {
      if (dirtyRtp[p]) {
        dirtyRtp[p] = false;
        sockets.rtp[p].flush();
      }
      if (dirtyRtcp[p]) {
        dirtyRtcp[p] = false;
        sockets.rtcp[p].flush();
      }
    }
  }

  private void send(PhoneSide s, long now) {
    int seq = nextSeq[s.index]++;
    ByteBuf b = alloc.directBuffer(Probe.RTP_LENGTH + RTP_TRAILER);
    Probe.writeRtp(b, s.index, seq, now);
    if (s.srtpOut != null && s.srtpOut.protect(b) != SrtpStatus.OK) {
      srtpFailures++;
    }
    write(sockets.rtp[s.pair], new DatagramPacket(b, s.rtpTo));
    dirtyRtp[s.pair] = true;
    sent++;
    if (now >= windowStart && now < windowEnd) {
      sentInWindow++;
    }
    if (seq % RTCP_EVERY == s.index % RTCP_EVERY) {
      ByteBuf r = alloc.directBuffer(Probe.RTCP_LENGTH + RTCP_TRAILER);
      Probe.writeRtcp(r, s.index, seq);
      if (s.srtpOut != null && s.srtpOut.protectRtcp(r) != SrtpStatus.OK) {
        srtpFailures++;
      }
      write(sockets.rtcp[s.pair], new DatagramPacket(r, s.rtcpTo));
      dirtyRtcp[s.pair] = true;
    }
  }

  /** A failed write reaches {@link Receiver#exceptionCaught} (void promise: no allocation). */
  private static void write(DatagramChannel c, DatagramPacket p) {
    c.write(p, c.voidPromise());
  }

  private static final int RTP_TRAILER = PhoneSide.SUITE.rtpTrailerLength();
  private static final int RTCP_TRAILER = PhoneSide.SUITE.rtcpTrailerLength();

  /** The side a packet is for: the other side of the call of the sender's SSRC at {@code at}. */
  private PhoneSide receiverOf(ByteBuf b, int at) {
    if (b.readableBytes() < at + 4) {
      return null;
    }
    int from = b.getInt(b.readerIndex() + at) - Probe.SSRC_BASE;
    return from >= 0 && from < sides.length ? sides[from ^ 1] : null;
  }

  private void onRtcp(ByteBuf b) {
    PhoneSide to = receiverOf(b, 4);
    if (to != null && to.srtpIn != null && to.srtpIn.unprotectRtcp(b) != SrtpStatus.OK) {
      srtpFailures++;
      return;
    }
    receivedRtcp++;
  }

  private void onRtp(DatagramChannel on, ByteBuf b) {
    long now = System.nanoTime();
    PhoneSide to = receiverOf(b, 8);
    if (to != null && to.srtpIn != null) {
      SrtpStatus st = to.srtpIn.unprotect(b);
      if (st == SrtpStatus.REPLAY) {
        duplicates++;
        return;
      } else if (st != SrtpStatus.OK) {
        srtpFailures++;
        return;
      }
    }
    if (!Probe.isProbe(b)) {
      foreign++;
      return;
    }
    int from = Probe.side(b);
    if (from < 0 || from >= sides.length || on != sockets.rtp[sides[from ^ 1].pair]) {
      foreign++;
      return;
    }
    received++;
    int seq = Probe.seq(b);
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
    long sentAt = Probe.sentAt(b);
    if (sentAt >= windowStart && sentAt < windowEnd) {
      receivedInWindow++;
      latency.record(now - sentAt);
    }
  }

  @ChannelHandler.Sharable
  private static final class Receiver extends ChannelInboundHandlerAdapter {
    private final Receivers receivers;
    private final boolean rtcp;

    Receiver(Receivers receivers, boolean rtcp) {
      this.receivers = receivers;
      this.rtcp = rtcp;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      MediaLoop m = receivers.target;
      try {
        if (m == null || !(msg instanceof DatagramPacket p)) {
          return; // before the run (a stray packet) or not a datagram
        }
        if (rtcp) {
          m.onRtcp(p.content());
        } else {
          m.onRtp((DatagramChannel) ctx.channel(), p.content());
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      MediaLoop m = receivers.target;
      if (m != null) {
        m.socketErrors++;
      }
    }
  }
}
