package rtpmesh.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.util.function.Consumer;
import rtpmesh.media.transcode.CodecSpec;
import rtpmesh.media.transcode.Transcoder;

/**
 * The transcoding stage of a leg whose party speaks another codec (or ptime) than its peer's: RTP
 * from the party goes through a {@link Transcoder} and what comes out is forwarded as if the party
 * had sent it; the party's RTCP stops here (the transcoder reports for the stream it makes).
 *
 * <p>Owned by the leg's event loop.
 */
final class LegTranscoder implements Transcoder.Sink {
  private final Leg leg;
  private final Transcoder transcoder;
  private DatagramPacket current;
  private StreamCounters counters;
  private Channel written;

  private LegTranscoder(Leg leg, Transcoder transcoder) {
    this.leg = leg;
    this.transcoder = transcoder;
  }

  /**
   * The stage for a leg speaking {@code own} towards a peer speaking {@code peer}: {@code existing}
   * when it already converts between the same two, a new one otherwise, null when either is null
   * (pass-through) or a codec is not supported.
   */
  static LegTranscoder between(Leg leg, LegTranscoder existing, CodecSpec own, CodecSpec peer, Consumer<DtmfReport> reports) {
    if (own == null || peer == null || !own.supported() || !peer.supported()) {
      close(existing);
      return null;
    }
    LegTranscoder t = existing;
    if (t == null || !t.transcoder.from().sameCodec(own) || !t.transcoder.to().sameCodec(peer)) {
      close(existing);
      try {
        t = new LegTranscoder(leg, new Transcoder(own, peer, leg.sockets().rtp().alloc()));
      } catch (RuntimeException e) {
        return null; // a codec that cannot be set up here: relay unchanged rather than drop everything
      }
    }
    Transcoder.DtmfEvents events = reports == null ? null
        : (digit, ms, volume, inband) -> reports.accept(new DtmfReport(leg.callId(), leg.port(), digit, ms, volume, inband));
    t.transcoder.dtmfOptions(events, own.detectDtmf(), own.blockDtmf());
    return t;
  }

  void play(String digits, int durationMs, int pauseMs, int volume) {
    transcoder.play(digits, durationMs, pauseMs, volume);
  }

  static void close(LegTranscoder t) {
    if (t != null) {
      t.transcoder.close();
    }
  }

  /** Takes ownership of the packet; returns the channel written to (the caller flushes), or null. */
  Channel receive(DatagramPacket packet, boolean isRtcp, StreamCounters counters, DropCounters drops) {
    if (isRtcp) {
      packet.release();
      return null;
    }
    this.current = packet;
    this.counters = counters;
    this.written = null;
    boolean ok = transcoder.rtp(packet.content(), System.currentTimeMillis(), this);
    this.current = null;
    if (!ok) {
      drops.count(DropReason.UNDECODABLE);
      counters.error();
    }
    packet.release();
    return written;
  }

  @Override
  public void emit(ByteBuf out, boolean rtcp) {
    Channel c = leg.forward(new DatagramPacket(out, current.recipient(), current.sender()), rtcp, counters);
    if (c == null) {
      return;
    }
    if (rtcp) {
      c.flush(); // rare, and maybe another socket than the one the read burst flushes
    } else {
      written = c;
    }
  }
}
