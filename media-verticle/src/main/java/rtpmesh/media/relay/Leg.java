package rtpmesh.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import rtpmesh.media.port.BoundPair;
import rtpmesh.media.rtp.Rtcp;
import rtpmesh.media.rtp.RtpHeader;
import rtpmesh.media.srtp.SrtpContext;
import rtpmesh.media.srtp.SrtpStatus;

/**
 * One local RTP/RTCP socket pair facing one party: its config, the party's learned endpoints, its
 * counters, and the forwarding of what the party sends to the peer leg's party. Destinations are
 * computed when configured or learned, so the packet path only compares and writes.
 *
 * <p>Owned by one event loop (its channels' loop); holds no lock.
 */
public final class Leg {
  private final String callId;
  private final BoundPair sockets;
  private final DropCounters drops;
  private final StreamCounters rtp = new StreamCounters();
  private final StreamCounters rtcp = new StreamCounters();
  private final RtpHeader rtpView = new RtpHeader();

  private LegConfig config;
  private Leg peer;
  private InetSocketAddress sdpRtp;
  private InetSocketAddress sdpRtcp;
  private InetSocketAddress learnedRtp;
  private InetSocketAddress learnedRtcp;
  private int lastSsrc;
  /** SRTP towards this leg's party, or null for plain RTP: unprotects what it sends, protects what it gets. */
  private SrtpContext inbound;
  private SrtpContext outbound;

  Leg(String callId, BoundPair sockets, DropCounters drops) {
    this.callId = callId;
    this.sockets = sockets;
    this.drops = drops;
    this.config = LegConfig.initial(sockets.rtpPort());
  }

  /** Applies a new config; a changed SDP address forgets learned endpoints (the party moved). */
  void configure(LegConfig next, Leg peerLeg) {
    if (next.remoteDiffers(config)) {
      learnedRtp = null;
      learnedRtcp = null;
    }
    int rtcpPort = next.remoteRtcpPort() > 0 ? next.remoteRtcpPort() : next.remotePort() + 1;
    sdpRtp = address(next, next.remotePort());
    sdpRtcp = next.remotePort() > 0 || next.remoteRtcpPort() > 0 ? address(next, rtcpPort) : null;
    if (next.srtp() == null) {
      inbound = null;
      outbound = null;
    } else if (!next.srtp().equals(config.srtp())) {
      // New keys, new contexts; the same keys keep theirs (ROC and replay state).
      inbound = next.srtp().inbound();
      outbound = next.srtp().outbound();
    }
    config = next;
    peer = peerLeg;
  }

  private static InetSocketAddress address(LegConfig c, int port) {
    return c.remote() != null && port > 0 && port <= 65535 ? new InetSocketAddress(c.remote(), port) : null;
  }

  void forgetPeer(Leg released) {
    if (peer == released) {
      peer = null;
    }
  }

  /**
   * Handles one datagram that this leg's party sent, taking ownership of it: forwards it unchanged
   * and returns the channel written to (the caller flushes), or drops it, counts why, releases it
   * and returns null.
   */
  Channel receive(DatagramPacket packet, boolean onRtcpSocket, long now) {
    ByteBuf buf = packet.content();
    InetSocketAddress source = packet.sender();
    boolean isRtcp = onRtcpSocket || (config.mux() && Rtcp.isRtcp(buf));
    StreamCounters counters = isRtcp ? rtcp : rtp;
    if (config.strict()) {
      InetSocketAddress expected = onRtcpSocket ? sdpRtcp : sdpRtp;
      if (expected != null && !expected.equals(source)) {
        return drop(packet, counters, DropReason.STRICT_SOURCE);
      }
    }
    counters.received(buf.readableBytes(), now);
    if (inbound != null) {
      SrtpStatus s = isRtcp ? inbound.unprotectRtcp(buf) : inbound.unprotect(buf);
      if (s != SrtpStatus.OK) {
        return drop(packet, counters, DropReason.SRTP_UNPROTECT);
      }
    }
    if (!isRtcp && rtpView.wrap(buf).isValid()) {
      lastSsrc = rtpView.ssrc();
    }
    // Learn per socket: what came in on the RTP port tells where this party's RTP goes back to.
    if (onRtcpSocket) {
      if (learnedRtcp == null || (!config.latch() && !learnedRtcp.equals(source))) {
        learnedRtcp = source;
      }
    } else if (learnedRtp == null || (!config.latch() && !learnedRtp.equals(source))) {
      learnedRtp = source;
    }
    return forward(packet, isRtcp, counters);
  }

  private Channel forward(DatagramPacket packet, boolean isRtcp, StreamCounters counters) {
    if (!config.send()) {
      return drop(packet, counters, DropReason.HOLD);
    }
    Leg to = peer;
    if (to == null) {
      return drop(packet, counters, DropReason.NO_PEER);
    }
    if (!to.config.recv()) {
      return drop(packet, counters, DropReason.PEER_NOT_RECEIVING);
    }
    // RFC 5761: a muxing party gets RTCP on its RTP port, from our RTP port.
    boolean toRtcpSocket = isRtcp && !to.config.mux();
    Channel out = toRtcpSocket ? to.sockets.rtcp() : to.sockets.rtp();
    InetSocketAddress destination = toRtcpSocket ? to.rtcpDestination() : to.rtpDestination();
    if (destination == null) {
      return drop(packet, counters, DropReason.NO_DESTINATION);
    }
    if (!out.isWritable()) {
      return drop(packet, counters, DropReason.BACKPRESSURE);
    }
    if (to.outbound != null) {
      ByteBuf buf = packet.content();
      SrtpStatus s = isRtcp ? to.outbound.protectRtcp(buf) : to.outbound.protect(buf);
      if (s != SrtpStatus.OK) {
        return drop(packet, counters, DropReason.SRTP_PROTECT);
      }
    }
    out.write(new DatagramPacket(packet.content(), destination), out.voidPromise());
    return out;
  }

  /** The single drop path: count, release, forward nothing. */
  private Channel drop(DatagramPacket packet, StreamCounters counters, DropReason reason) {
    drops.count(reason);
    if (reason.isError()) {
      counters.error();
    }
    packet.release();
    return null;
  }

  void socketError(boolean onRtcpSocket) {
    drops.count(DropReason.SOCKET_ERROR);
    (onRtcpSocket ? rtcp : rtp).error();
  }

  /** Where RTP for this party goes: the learned source, else its SDP address, else null. */
  public InetSocketAddress rtpDestination() {
    return learnedRtp != null ? learnedRtp : sdpRtp;
  }

  /** Where RTCP for this party goes when it does not mux: learned, else SDP (port + 1 by default). */
  public InetSocketAddress rtcpDestination() {
    return learnedRtcp != null ? learnedRtcp : sdpRtcp;
  }

  public String callId() {
    return callId;
  }

  public int port() {
    return sockets.rtpPort();
  }

  public BoundPair sockets() {
    return sockets;
  }

  public LegConfig config() {
    return config;
  }

  public StreamCounters rtp() {
    return rtp;
  }

  public StreamCounters rtcp() {
    return rtcp;
  }

  public InetSocketAddress learnedRtp() {
    return learnedRtp;
  }

  public InetSocketAddress learnedRtcp() {
    return learnedRtcp;
  }

  /** SSRC of the last valid RTP packet received (raw 32 bits), meaningful once rtp().packets() > 0. */
  public int lastSsrc() {
    return lastSsrc;
  }

  /** Latest of the last RTP and RTCP packet times, 0 if none. */
  public long lastPacket() {
    return Math.max(rtp.last(), rtcp.last());
  }
}
