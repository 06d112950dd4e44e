package rtpmesh.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import rtpmesh.media.mixer.Conference;
import rtpmesh.media.mixer.MixParticipant;
import rtpmesh.media.rtp.RtpHeader;
import rtpmesh.media.transcode.CodecSpec;

/**
 * The conference stage of a call whose legs form a room: RTP from each member leg goes into the
 * {@link Conference} mix instead of to a peer, and a 20 ms timer on the block's loop sends each
 * member's party the mix of the others from its own socket. The parties' RTCP stops here.
 *
 * <p>Owned by the block's event loop; holds no lock.
 */
final class RoomMixer implements Conference.Output {
  static final long TICK_MS = 20;

  private final EventLoop loop;
  private final DropCounters drops;
  private final Conference conference = new Conference(0);
  private final Map<Leg, MixParticipant> members = new LinkedHashMap<>();
  private final RtpHeader view = new RtpHeader();
  private final byte[] in = new byte[1500];
  private ScheduledFuture<?> timer;

  RoomMixer(EventLoop loop, DropCounters drops) {
    this.loop = loop;
    this.drops = drops;
  }

  /**
   * Makes exactly {@code legs} the members (each with the codec its config names), keeping the mix
   * state of members that stay with the same codec. Validates first: a leg without a codec the mixer
   * can decode and encode fails with {@link RelayError#BAD_REQUEST} and changes nothing.
   */
  void members(List<Leg> legs) {
    for (Leg leg : legs) {
      CodecSpec c = leg.config().codec();
      if (c == null || !c.supported()) {
        throw RelayError.BAD_REQUEST.exception("port " + leg.port() + ": "
            + (c == null ? "no codec" : "codec " + c.name() + "/" + c.rate() + " cannot be mixed"));
      }
    }
    for (Leg leg : List.copyOf(members.keySet())) {
      if (!legs.contains(leg)) forget(leg);
    }
    for (Leg leg : legs) {
      MixParticipant p = members.get(leg);
      if (p != null && p.spec().sameCodec(leg.config().codec())) continue;
      if (p != null) {
        members.remove(leg);
        conference.leave(p);
      }
      try {
        members.put(leg, conference.join(leg, leg.config().codec()));
      } catch (RuntimeException e) {
        leg.mixer = null; // a codec that cannot be set up here (native library): this party is left out
        throw RelayError.BAD_REQUEST.exception("port " + leg.port() + ": " + e.getMessage());
      }
      leg.mixer = this;
    }
    if (timer == null && !members.isEmpty()) {
      timer = loop.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }
  }

  /** Re-reads the members' codecs after a configure. */
  void refresh() {
    List<Leg> legs = List.copyOf(members.keySet());
    try {
      members(legs);
    } catch (RelayException e) {
      for (Leg leg : legs) {
        CodecSpec c = leg.config().codec();
        if (c == null || !c.supported()) forget(leg);
      }
    }
  }

  /** Takes a leg out of the room (released, or no longer a member). */
  void forget(Leg leg) {
    MixParticipant p = members.remove(leg);
    if (p != null) conference.leave(p);
    if (leg.mixer == this) leg.mixer = null;
  }

  boolean isEmpty() {
    return members.isEmpty();
  }

  int size() {
    return members.size();
  }

  /** Takes ownership of what the member's party sent: audio goes into the mix; nothing is forwarded. */
  Channel receive(Leg leg, DatagramPacket packet, boolean isRtcp, StreamCounters counters) {
    ByteBuf buf = packet.content();
    MixParticipant p = members.get(leg);
    if (!isRtcp && p != null && leg.config().send() && !decode(p, buf)) {
      drops.count(DropReason.UNDECODABLE);
      counters.error();
    }
    packet.release();
    return null;
  }

  private boolean decode(MixParticipant p, ByteBuf buf) {
    int off = buf.readerIndex();
    int len = buf.readableBytes();
    if (!view.wrap(buf, off, len).isValid()) return false;
    int hl = view.headerLength();
    if (hl < 0) return false;
    int plen = len - hl - (view.padding() ? buf.getUnsignedByte(off + len - 1) : 0);
    if (plen <= 0 || plen > in.length) return false;
    buf.getBytes(off + hl, in, 0, plen);
    return conference.receive(p, view.payloadType(), in, 0, plen);
  }

  private void tick() {
    try {
      conference.tick(this);
    } catch (RuntimeException e) {
      // A codec that throws must not end the periodic task (and with it the room).
      drops.count(DropReason.UNDECODABLE);
    }
  }

  @Override
  public void packet(MixParticipant to, byte[] rtp, int len) {
    Leg leg = (Leg) to.owner();
    ByteBuf out = leg.sockets().rtp().alloc().directBuffer(len + 32);
    out.writeBytes(rtp, 0, len);
    Channel c = leg.deliver(out);
    if (c != null) c.flush();
  }

  /** Stops the timer and frees the codecs. */
  void close() {
    if (timer != null) timer.cancel(false);
    timer = null;
    for (Leg leg : members.keySet()) {
      if (leg.mixer == this) leg.mixer = null;
    }
    members.clear();
    conference.close();
  }
}
