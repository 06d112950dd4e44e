package rtpmesh.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.IntFunction;
import rtpmesh.media.srtp.SrtpContext;
import rtpmesh.media.srtp.SrtpStatus;

/**
 * Media forks of one leg (ng {@code subscribe request}, SIPREC): every RTP/RTCP packet its party
 * sends is copied, already decrypted, to each subscriber leg's party, re-encrypted with that
 * party's SRTP keys when it has them. A copy never touches the original packet: a plain
 * subscriber shares its bytes (a retained duplicate) when nothing downstream rewrites them in
 * place, anything else gets its own buffer. A copy that cannot go out (no address yet, full
 * socket, protect failure) is counted as a drop and the original goes on as if there were no fork.
 * Copies are flushed once per read burst ({@link #flush}), as the originals are.
 *
 * <p>Owned by one event loop (the call's block); holds no lock.
 */
final class LegForks {
  private final Leg[] to;
  /** Copies were written since the last {@link #flush}. */
  private boolean unflushed;

  private LegForks(Leg[] to) {
    this.to = to;
  }

  /** The forks of a leg's config, or null when it has none (the packet path then pays one null test). */
  static LegForks of(List<Integer> ports, IntFunction<Leg> legs) {
    if (ports.isEmpty()) return null;
    Leg[] out = new Leg[ports.size()];
    int n = 0;
    for (int port : ports) {
      Leg leg = legs.apply(port);
      if (leg != null) out[n++] = leg;
    }
    return n == 0 ? null : new LegForks(n == out.length ? out : java.util.Arrays.copyOf(out, n));
  }

  /** These forks without {@code released}, or null when none is left. */
  LegForks without(Leg released) {
    int n = 0;
    for (Leg l : to) if (l != released) n++;
    if (n == to.length) return this;
    if (n == 0) return null;
    Leg[] out = new Leg[n];
    int i = 0;
    for (Leg l : to) if (l != released) out[i++] = l;
    return new LegForks(out);
  }

  /**
   * Sends a copy of {@code packet} (plain RTP or RTCP, readable bytes) to every subscriber.
   * {@code shareable}: nothing on the original's way rewrites its bytes in place, so a plain copy
   * may share them.
   */
  void copy(ByteBuf packet, boolean isRtcp, boolean shareable, DropCounters drops) {
    for (Leg sub : to) {
      DropReason why = send(sub, packet, isRtcp, shareable);
      if (why != null) drops.count(why);
      else unflushed = true;
    }
  }

  /** Puts the copies written during a read burst on the wire: one flush per subscriber socket. */
  void flush() {
    if (!unflushed) return;
    unflushed = false;
    for (Leg sub : to) {
      sub.sockets().rtp().flush();
      if (!sub.config().mux()) sub.sockets().rtcp().flush();
    }
  }

  private static DropReason send(Leg sub, ByteBuf packet, boolean isRtcp, boolean shareable) {
    if (!sub.config().recv()) return DropReason.PEER_NOT_RECEIVING;
    if (sub.sendBlock() != null) return sub.sendBlock();
    boolean toRtcpSocket = isRtcp && !sub.config().mux();
    Channel out = toRtcpSocket ? sub.sockets().rtcp() : sub.sockets().rtp();
    InetSocketAddress destination = toRtcpSocket ? sub.rtcpDestination() : sub.rtpDestination();
    if (destination == null) return DropReason.NO_DESTINATION;
    if (!out.isWritable()) return DropReason.BACKPRESSURE;
    SrtpContext srtp = sub.outboundSrtp();
    ByteBuf copy;
    if (srtp == null && shareable) {
      copy = packet.retainedDuplicate();
    } else {
      int room = srtp == null ? 0 : isRtcp ? srtp.suite().rtcpTrailerLength() : srtp.suite().rtpTrailerLength();
      copy = out.alloc().directBuffer(packet.readableBytes() + room);
      copy.writeBytes(packet, packet.readerIndex(), packet.readableBytes());
      if (srtp != null && (isRtcp ? srtp.protectRtcp(copy) : srtp.protect(copy)) != SrtpStatus.OK) {
        copy.release();
        return DropReason.SRTP_PROTECT;
      }
    }
    // A shared copy is safe until flushed: nothing rewrites shareable bytes, the duplicate holds a reference.
    out.write(new DatagramPacket(copy, destination), out.voidPromise());
    return null;
  }
}
