package rtpmesh.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;

/**
 * One load: bind the phones, set up the calls over ng, run the media for warmup + duration, then
 * delete the calls. The relay's CPU and the packets forwarded are sampled at the edges of the
 * measured window, from the media loop's own thread. With {@code direct} there is no relay: the
 * two sides of a call send to each other, which measures what the generator itself can do.
 */
final class LoadRun {
  /**
   * What a run needs to know; {@code relayPid} 0 means no CPU/RSS figures; {@code phoneSockets}
   * RTP/RTCP pairs are shared by all call sides ({@link PhoneSockets}); with {@code srtp} every
   * caller is an SDES-SRTP phone and every callee a plain one, so the relay translates each packet
   * once (SRTP to RTP, or RTP to SRTP).
   */
  record Options(InetSocketAddress ng, long relayPid, String label, PortRanges phonePorts,
                 int phoneSockets, boolean direct,
                 int ngWindow, double warmupS, double durationS, long drainMs, boolean srtp, boolean fork) {
    Options(InetSocketAddress ng, long relayPid, String label, PortRanges phonePorts, int phoneSockets, boolean direct,
            int ngWindow, double warmupS, double durationS, long drainMs, boolean srtp) {
      this(ng, relayPid, label, phonePorts, phoneSockets, direct, ngWindow, warmupS, durationS, drainMs, srtp, false);
    }

    Options {
      if (fork && direct) {
        throw new IllegalArgumentException("--fork needs a relay to copy, not --direct");
      }
      if (srtp && direct) {
        throw new IllegalArgumentException("--srtp needs a relay to translate, not --direct");
      }
    }
  }

  private LoadRun() {}

  static RunResult run(Options o, int calls) throws IOException {
    MediaLoop.Receivers receivers = new MediaLoop.Receivers();
    PhoneSockets sockets = PhoneSockets.bind(InetAddress.getByName("127.0.0.1"), o.phonePorts(),
        Math.min(o.phoneSockets(), 2 * calls), receivers.rtp, receivers.rtcp);
    PhoneSide[] sides = PhoneSide.of(sockets, 2 * calls);
    if (o.srtp()) {
      SecureRandom random = new SecureRandom();
      for (int i = 0; i < sides.length; i += 2) {
        sides[i].srtp(random);
      }
    }
    ForkSink sink = o.fork() ? new ForkSink(InetAddress.getByName("127.0.0.1")) : null;
    Calls ng = o.direct() ? null : new Calls(o.ng(), o.ngWindow(), Long.toHexString(System.nanoTime()),
        sink == null ? 0 : sink.port());
    Throwable failure = null;
    try {
      Calls.SetupStats setup = o.direct() ? direct(sides) : ng.setup(sides);
      // The setup's garbage goes now, not in a pause inside the window: with the young generation
      // run.sh gives the generator (1 GB), a 15-20 s window then sees no collection up to ~1000 calls.
      System.gc();
      int maxSeq = (int) ((o.warmupS() + o.durationS() + 2) * 50) + 64;
      MediaLoop loop = new MediaLoop(sides, sockets, maxSeq);
      receivers.target = loop;
      long[] edges = new long[2 * EDGE]; // the window's open edge, then its close edge
      long[] rss = {-1};
      loop.run(seconds(o.warmupS()), seconds(o.durationS()), o.drainMs() * 1_000_000L,
          (open, now) -> {
            int i = open ? 0 : EDGE;
            edges[i + WALL] = now;
            edges[i + RELAY_CPU] = o.relayPid() > 0 ? ProcStat.cpuNs(o.relayPid()) : 0;
            edges[i + RELAY_SYS] = o.relayPid() > 0 ? ProcStat.sysNs(o.relayPid()) : 0;
            edges[i + GEN_CPU] = ProcStat.cpuNs(ProcStat.self());
            edges[i + FORWARDED] = loop.forwarded();
            edges[i + SENT] = loop.sent;
            edges[i + COPIES] = sink == null ? 0 : sink.received();
            if (!open && o.relayPid() > 0) {
              rss[0] = ProcStat.rssKb(o.relayPid());
            }
          });
      if (sink != null) {
        // One direction of each call is copied: about half of what the phones got.
        System.out.println(String.format(java.util.Locale.ROOT, "FORK copies received in the window: %d (%.0f/s), forwarded to the phones: %d",
            delta(edges, COPIES), delta(edges, COPIES) / (delta(edges, WALL) / 1e9), delta(edges, FORWARDED)));
      }
      return result(o, calls, setup, loop, edges, rss[0]);
    } catch (IOException | RuntimeException e) {
      failure = e;
      throw e;
    } finally {
      try {
        if (ng != null) {
          ng.delete(calls);
        }
      } catch (IOException | RuntimeException e) {
        if (failure == null) {
          throw e;
        }
        failure.addSuppressed(e); // the first failure is the one to report
      } finally {
        sockets.close();
        if (sink != null) {
          sink.close();
        }
      }
    }
  }

  private static final int WALL = 0;
  private static final int RELAY_CPU = 1;
  private static final int GEN_CPU = 2;
  private static final int FORWARDED = 3;
  private static final int SENT = 4;
  private static final int COPIES = 5;
  private static final int RELAY_SYS = 6;
  private static final int EDGE = 7;

  private static RunResult result(Options o, int calls, Calls.SetupStats setup, MediaLoop loop,
                                  long[] e, long rssKb) {
    double wallS = delta(e, WALL) / 1e9;
    long forwarded = delta(e, FORWARDED);
    long relayCpu = delta(e, RELAY_CPU);
    long genCpu = delta(e, GEN_CPU);
    long genPackets = forwarded + delta(e, SENT);
    boolean cpu = o.relayPid() > 0;
    long lost = loop.sentInWindow - loop.receivedInWindow;
    return new RunResult(
        o.label(), calls, o.warmupS(), o.durationS(),
        loop.sentInWindow, loop.receivedInWindow,
        loop.sentInWindow == 0 ? 100 : 100.0 * lost / loop.sentInWindow, loop.duplicates,
        loop.latency.percentileMs(50), loop.latency.percentileMs(99), loop.latency.percentileMs(99.9),
        loop.latency.maxMs(),
        cpu && forwarded > 0 ? relayCpu / 1e3 / forwarded : -1,
        cpu ? 100.0 * relayCpu / 1e9 / wallS : -1,
        cpu && forwarded > 0 ? delta(e, RELAY_SYS) / 1e3 / forwarded : -1,
        forwarded / wallS,
        rssKb < 0 ? -1 : rssKb / 1024.0,
        genPackets > 0 ? genCpu / 1e3 / genPackets : -1,
        100.0 * genCpu / 1e9 / wallS,
        loop.maxSendLagNs / 1e6,
        setup.latency().percentileMs(50), setup.latency().percentileMs(99), setup.callsPerSecond(),
        loop.socketErrors + loop.foreign + loop.srtpFailures,
        o.srtp() ? "srtp" : "rtp", loop.srtpFailures);
  }

  /** No relay: each side sends straight to the other side's sockets. */
  private static Calls.SetupStats direct(PhoneSide[] sides) throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    for (PhoneSide s : sides) {
      s.connect(new InetSocketAddress(loopback, sides[s.index ^ 1].port));
    }
    return new Calls.SetupStats(new Histograms.Latency(), 1, sides.length / 2);
  }

  private static long delta(long[] edges, int field) {
    return edges[EDGE + field] - edges[field];
  }

  private static long seconds(double s) {
    return (long) (s * 1e9);
  }
}
