package rtpmesh.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import rtpmesh.media.player.ClipPlayer;
import rtpmesh.media.rtp.RtpHeader;

/**
 * The RTP stream towards one leg's party when rtpmesh changes what that party hears (play media,
 * music on hold, echo; later the mixer): one SSRC, sequence numbers and timestamps that continue
 * across every switch between what is relayed and what is generated here, so the party's jitter
 * buffer sees one stream instead of a new one per switch.
 *
 * <p>Until the first switch, relayed packets pass untouched and are only observed. From then on
 * every relayed RTP packet is rewritten in place onto our stream: at each splice (the end of a
 * substitution, or a new SSRC from the peer) the offsets are chosen so that the next packet follows
 * the last one sent, its timestamp advanced by the wall-clock time in between, with the marker bit
 * set (a new talkspurt). While a {@link ClipPlayer} runs, relayed RTP is dropped and a packet is
 * generated every packet time by a timer on the leg's event loop.
 *
 * <p>Owned by the leg's event loop; holds no lock.
 */
public final class LegSource {
  /** Gets the frame position when a playback ends: on its own ({@code done}) or stopped/replaced. */
  public interface End {
    void ended(long framePosition, boolean done);
  }

  private final Leg leg;
  private final byte[] payload = new byte[1500];

  private int ssrc;
  /** lastSeq, lastTs and lastMs describe the last packet the party got. */
  private boolean known;
  private int lastSeq;
  private int lastTs;
  private long lastMs;
  /** RTP clock of the stream (ticks per second) and the length of its last packet in ticks. */
  private int clock = 8000;
  private int lastDuration = 160;

  /** Relayed packets are mapped onto our stream (after the first switch). */
  private boolean rewriting;
  private boolean splice = true;
  private int inSsrc;
  private int seqOffset;
  private int tsOffset;
  private boolean marker;

  private ClipPlayer player;
  private End end;
  private ScheduledFuture<?> timer;
  /** The player has sent its first packet: relayed media is dropped from then on. */
  private boolean playing;
  private int pt;
  /** Ticks the first frame waited for a relayed packet to say where the stream is. */
  private int waited;
  /** How many ticks a playback waits for that before it starts a stream of its own. */
  static final int WAIT_TICKS = 3;

  LegSource(Leg leg) {
    this.leg = leg;
  }

  /** Rewrites relayed packets onto a stream of our own SSRC from now on (echo: a party must not get its own SSRC back). */
  void ownSsrc() {
    if (!rewriting) {
      rewriting = true;
      splice = true;
      ssrc = ThreadLocalRandom.current().nextInt();
      known = false;
    }
  }

  /**
   * One relayed RTP packet on its way to the party (the caller has checked it is RTP). Returns false
   * when it must be dropped because generated media replaces it; otherwise it is rewritten in place
   * when needed.
   */
  boolean outgoing(ByteBuf buf, long nowMs) {
    if (playing) return false;
    int off = buf.readerIndex();
    if (buf.readableBytes() < RtpHeader.FIXED_LENGTH) return true;
    int seq = buf.getUnsignedShort(off + 2);
    int ts = buf.getInt(off + 4);
    int in = buf.getInt(off + 8);
    if (!rewriting) {
      if (known && in == ssrc) lastDuration = Math.max(1, ts - lastTs);
      ssrc = in;
      remember(seq, ts, nowMs);
      return true;
    }
    if (splice || in != inSsrc) {
      inSsrc = in;
      seqOffset = nextSeq() - seq;
      tsOffset = nextTs(nowMs, lastDuration) - ts;
      splice = false;
      marker = true;
    }
    int outSeq = (seq + seqOffset) & 0xFFFF;
    int outTs = ts + tsOffset;
    buf.setShort(off + 2, outSeq);
    buf.setInt(off + 4, outTs);
    buf.setInt(off + 8, ssrc);
    if (marker) {
      buf.setByte(off + 1, buf.getByte(off + 1) | 0x80);
      marker = false;
    }
    remember(outSeq, outTs, nowMs);
    return true;
  }

  /**
   * Starts {@code next} in place of what the party hears (a running playback ends first, reported
   * as not done). Its first packet goes out one packet time from now, so that a relayed packet in
   * between still tells where the stream is; when none came yet (this source was just created), up
   * to {@link #WAIT_TICKS} more packet times.
   */
  void play(ClipPlayer next, End onEnd) {
    stop();
    player = next;
    end = onEnd;
    pt = next.codec().pt();
    waited = 0;
    int ptime = next.ptime();
    timer = leg.sockets().rtp().eventLoop().scheduleAtFixedRate(this::tick, ptime, ptime, TimeUnit.MILLISECONDS);
  }

  /** Ends a running playback (reported as not done); returns its frame position, or -1 if none ran. */
  long stop() {
    if (player == null) return -1;
    long pos = player.framePosition();
    finish(false);
    return pos;
  }

  boolean isPlaying() {
    return player != null;
  }

  /** The leg closes: timers stop, codec state is freed, nothing is reported. */
  void close() {
    end = null;
    finish(false);
  }

  private void tick() {
    if (!playing && !known && waited++ < WAIT_TICKS) {
      return; // the tracking began with this playback: the relayed stream's next packet tells where it is
    }
    int len = player.next(payload);
    if (len < 0) {
      finish(true);
      return;
    }
    long now = System.currentTimeMillis();
    int frameTs = player.frameTs();
    int seq;
    int ts;
    if (!playing) {
      playing = true;
      if (!rewriting) {
        rewriting = true;
        if (!known) ssrc = ThreadLocalRandom.current().nextInt();
      }
      clock = player.codec().rate();
      seq = nextSeq();
      ts = nextTs(now, Math.max(frameTs, lastDuration));
      marker = true;
    } else {
      seq = (lastSeq + 1) & 0xFFFF;
      ts = lastTs + frameTs;
    }
    lastDuration = frameTs;
    remember(seq, ts, now);
    ByteBuf p = leg.sockets().rtp().alloc().directBuffer(RtpHeader.FIXED_LENGTH + len + 32);
    p.writeByte(0x80);
    p.writeByte((marker ? 0x80 : 0) | (pt & 0x7F));
    p.writeShort(seq);
    p.writeInt(ts);
    p.writeInt(ssrc);
    p.writeBytes(payload, 0, len);
    marker = false;
    leg.sendGenerated(p);
  }

  private void finish(boolean done) {
    if (timer != null) timer.cancel(false);
    timer = null;
    ClipPlayer p = player;
    End e = end;
    player = null;
    end = null;
    if (playing) splice = true;
    playing = false;
    if (p != null) {
      p.close();
      if (e != null) e.ended(p.framePosition(), done);
    }
  }

  private void remember(int seq, int ts, long nowMs) {
    lastSeq = seq;
    lastTs = ts;
    lastMs = nowMs;
    known = true;
  }

  private int nextSeq() {
    return known ? (lastSeq + 1) & 0xFFFF : ThreadLocalRandom.current().nextInt(1 << 16);
  }

  /** The last timestamp advanced by the time since, at least by {@code minTicks}. */
  private int nextTs(long nowMs, int minTicks) {
    if (!known) return ThreadLocalRandom.current().nextInt();
    long elapsed = Math.max(0, nowMs - lastMs) * clock / 1000;
    return lastTs + (int) Math.max(minTicks, elapsed);
  }
}
