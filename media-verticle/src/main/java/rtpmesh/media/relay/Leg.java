package rtpmesh.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import rtpmesh.media.dtls.DtlsEndpoint;
import rtpmesh.media.dtls.DtlsResult;
import rtpmesh.media.ice.IceResult;
import rtpmesh.media.ice.IceState;
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
 * <p>A leg with {@code ice} or {@code dtls} terminates them towards its party (WebRTC): its sockets
 * demultiplex by first byte (RFC 7983 §7), STUN goes to {@link LegIce}, DTLS to {@link LegDtls},
 * neither ever to the peer. Media is held back both ways until the DTLS keys exist ({@link
 * #receiveBlock}, {@link #sendBlock}); a plain leg pays one boolean test for all of it.
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
  /** The contexts' rollover counts last reported: a ROC that moved goes to the call record. */
  private int inboundRollovers;
  private int outboundRollovers;

  private final WebRtcSupport webrtc;
  /** True when ice or dtls is configured: packets outside RTP/RTCP's first-byte range are demultiplexed. */
  private boolean demux;
  private LegIce ice;
  private LegDtls dtls;
  /** Why media from this party is dropped before anything else (DTLS keys pending), or null. */
  private DropReason receiveBlock;
  /** Why media to this party is dropped (DTLS keys pending, ICE consent lost), or null. */
  private DropReason sendBlock;

  Leg(String callId, BoundPair sockets, DropCounters drops, WebRtcSupport webrtc) {
    this.callId = callId;
    this.sockets = sockets;
    this.drops = drops;
    this.webrtc = webrtc;
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
    if (next.dtls() != null) {
      configureDtls(next.dtls());
    } else {
      closeDtls();
      if (next.srtp() == null) {
        inbound = null;
        outbound = null;
      } else if (!next.srtp().equals(config.srtp()) || config.dtls() != null) {
        // New keys, new contexts; the same keys keep theirs (ROC and replay state).
        inbound = next.srtp().inbound();
        outbound = next.srtp().outbound();
        inboundRollovers = 0;
        outboundRollovers = 0;
      }
    }
    configureIce(next);
    config = next;
    peer = peerLeg;
    demux = ice != null || dtls != null;
    updateBlocks();
    startDtlsIfReady();
  }

  /** Equal settings keep the association and its SRTP state; new ones start a new handshake. */
  private void configureDtls(DtlsSettings next) {
    if (dtls != null && dtls.settings().equals(next)) {
      return;
    }
    closeDtls();
    inbound = null;
    outbound = null;
    dtls = new LegDtls(next, webrtc, this::sendDtls, this::onDtls);
  }

  private void closeDtls() {
    if (dtls != null) {
      LegDtls closing = dtls;
      dtls = null; // first, so the Closed result it reports is recognised as stale
      closing.close();
    }
  }

  /** The same ICE session keeps its agent (and selected pair); new credentials are a restart. */
  private void configureIce(LegConfig next) {
    IceSettings settings = next.ice();
    if (settings == null) {
      ice = null;
      webrtc.iceTicking.remove(this);
    } else if (ice != null && ice.continues(settings, next.mux())) {
      ice.addCandidates(settings.remoteCandidates());
    } else {
      ice = new LegIce(settings, next.mux(), webrtc.random);
    }
    if (ice != null && ice.pending()) {
      webrtc.iceTicking.add(this);
    }
  }

  private void updateBlocks() {
    receiveBlock = dtls != null && inbound == null ? DropReason.DTLS_PENDING : null;
    sendBlock = ice != null && ice.consentExpired() ? DropReason.CONSENT_EXPIRED : receiveBlock;
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
    if (demux && (receiveBlock != null || !isRtpRange(buf))) {
      return demultiplex(packet, onRtcpSocket, now);
    }
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
      if (inbound != null && inbound.rollovers() != inboundRollovers) {
        inboundRollovers = inbound.rollovers();
        webrtc.reports.accept(new RocReport(callId, port(), false, lastSsrc, inbound.roc(lastSsrc)));
      }
    }
    // With ICE the agent decides where media goes (what it answered, then the selected pair).
    if (ice == null) {
      learn(source, onRtcpSocket);
    }
    return forward(packet, isRtcp, counters);
  }

  /** Learn per socket: what came in on the RTP port tells where this party's RTP goes back to. */
  private void learn(InetSocketAddress source, boolean onRtcpSocket) {
    if (onRtcpSocket) {
      if (learnedRtcp == null || (!config.latch() && !learnedRtcp.equals(source))) {
        learnedRtcp = source;
      }
    } else if (learnedRtp == null || (!config.latch() && !learnedRtp.equals(source))) {
      learnedRtp = source;
    }
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
    if (to.sendBlock != null) {
      return drop(packet, counters, to.sendBlock);
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
      int room = isRtcp ? to.outbound.suite().rtcpTrailerLength() : to.outbound.suite().rtpTrailerLength();
      if (packet.content().writableBytes() < room) {
        packet = withTailroom(packet, out, room);
      }
      ByteBuf buf = packet.content();
      SrtpStatus s = isRtcp ? to.outbound.protectRtcp(buf) : to.outbound.protect(buf);
      if (s != SrtpStatus.OK) {
        return drop(packet, counters, DropReason.SRTP_PROTECT);
      }
      if (!isRtcp && to.outbound.rollovers() != to.outboundRollovers) {
        to.outboundRolledOver(rtpView.wrap(buf).ssrc());
      }
    }
    out.write(new DatagramPacket(packet.content(), destination), out.voidPromise());
    return out;
  }

  /**
   * The packet copied into a buffer with {@code room} bytes after it, the original released. Epoll
   * hands a datagram over as a slice that ends where the datagram ends, so SRTP's tag needs this.
   */
  private static DatagramPacket withTailroom(DatagramPacket packet, Channel out, int room) {
    ByteBuf in = packet.content();
    ByteBuf copy = out.alloc().directBuffer(in.readableBytes() + room);
    copy.writeBytes(in, in.readerIndex(), in.readableBytes());
    DatagramPacket replaced = packet.replace(copy);
    packet.release();
    return replaced;
  }

  private void outboundRolledOver(int ssrc) {
    outboundRollovers = outbound.rollovers();
    webrtc.reports.accept(new RocReport(callId, port(), true, ssrc, outbound.roc(ssrc)));
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

  /** RFC 7983 §7: first byte 128..191 is RTP or RTCP. */
  private static boolean isRtpRange(ByteBuf buf) {
    return buf.isReadable() && (buf.getUnsignedByte(buf.readerIndex()) & 0xC0) == 0x80;
  }

  /**
   * The rest of RFC 7983 §7 for ICE/DTLS legs: 0..3 STUN, 20..63 DTLS (RTP socket only); media
   * waiting for DTLS keys and anything else is dropped. Nothing here goes to the peer.
   */
  private Channel demultiplex(DatagramPacket packet, boolean onRtcpSocket, long now) {
    ByteBuf buf = packet.content();
    StreamCounters counters = onRtcpSocket ? rtcp : rtp;
    int first = buf.isReadable() ? buf.getUnsignedByte(buf.readerIndex()) : -1;
    if (first >= 128 && first <= 191) {
      return drop(packet, counters, receiveBlock);
    }
    if (first >= 0 && first <= 3) {
      return ice == null ? drop(packet, counters, DropReason.STUN_REJECTED) : stun(packet, onRtcpSocket, now);
    }
    if (first >= 20 && first <= 63) {
      // With ICE, only the address it validated may speak DTLS: a spoofed record must not be
      // able to start (and so fail) the handshake before the party's ClientHello.
      if (dtls == null || onRtcpSocket || (ice != null && !packet.sender().equals(learnedRtp))) {
        return drop(packet, counters, DropReason.DTLS_UNEXPECTED);
      }
      if (learnedRtp == null || (ice == null && !config.latch())) {
        learnedRtp = packet.sender(); // ICE, when there is one, overrides this with its selected pair
      }
      startDtlsIfReady();
      dtls.receive(buf); // consumes the datagram
      return null;
    }
    return drop(packet, counters, DropReason.NOT_MEDIA);
  }

  private Channel stun(DatagramPacket packet, boolean onRtcpSocket, long now) {
    Channel socket = onRtcpSocket ? sockets.rtcp() : sockets.rtp();
    InetSocketAddress from = packet.sender();
    IceResult result = ice.handle(packet.content(), from, onRtcpSocket, socket, now);
    if (result == IceResult.REPLY) {
      // An authenticated check proves the party is there: a destination until a pair is selected.
      if (onRtcpSocket && learnedRtcp == null) {
        learnedRtcp = from;
      } else if (!onRtcpSocket && learnedRtp == null) {
        learnedRtp = from;
      }
    }
    adoptIceState();
    if (ice.pending()) {
      webrtc.iceTicking.add(this);
    }
    startDtlsIfReady();
    if (result == IceResult.REPLY || result == IceResult.CONSUMED) {
      packet.release();
    } else {
      drop(packet, onRtcpSocket ? rtcp : rtp, DropReason.STUN_REJECTED);
    }
    return result.hasReply() ? socket : null;
  }

  /**
   * Runs the ICE timers; called by the block's tick while this leg is in its set. Returns false
   * when the agent has no timer work left (the caller drops the leg from the set).
   */
  boolean tickIce(long now) {
    if (ice == null) {
      return false;
    }
    ice.tick(now, sockets);
    adoptIceState();
    return ice.pending();
  }

  /** The selected pairs become the learned destinations; lost consent stops media to the party. */
  private void adoptIceState() {
    InetSocketAddress selected = ice.selectedRtp();
    if (selected != null && !selected.equals(learnedRtp)) {
      learnedRtp = selected;
    }
    selected = ice.selectedRtcp();
    if (selected != null && !selected.equals(learnedRtcp)) {
      learnedRtcp = selected;
    }
    if (sendBlock != DropReason.CONSENT_EXPIRED && ice.consentExpired()) {
      updateBlocks();
    }
  }

  /** A client starts once it knows where the party is: with ICE, from ICE; else SDP or learned. */
  private void startDtlsIfReady() {
    if (dtls != null) {
      dtls.startIfReady(ice != null ? learnedRtp != null : rtpDestination() != null);
    }
  }

  /** DTLS records towards the party: from our RTP socket, where its RTP goes. */
  private void sendDtls(ByteBuf datagram) {
    Channel socket = sockets.rtp();
    InetSocketAddress to = rtpDestination();
    if (to == null || !socket.isActive()) {
      datagram.release();
      return;
    }
    socket.writeAndFlush(new DatagramPacket(datagram, to), socket.voidPromise());
  }

  /** On the loop: a connected handshake gives the leg its SRTP contexts, as SDES keys would. */
  private void onDtls(LegDtls from, DtlsResult result) {
    if (from != dtls || !(result instanceof DtlsResult.Connected connected) || !from.connected(connected)) {
      return; // superseded, failed or closed: media stays blocked
    }
    SrtpKeys keys = from.keys();
    inbound = keys.inbound();
    outbound = keys.outbound();
    inboundRollovers = 0;
    outboundRollovers = 0;
    updateBlocks();
    webrtc.reports.accept(new DtlsReport(callId, port(), keys, rtpDestination()));
  }

  /** Ends DTLS (close_notify) and ICE timers; the sockets are closed by the caller. */
  void close() {
    closeDtls();
    webrtc.iceTicking.remove(this);
  }

  /** The RTP component's ICE state, or null without ICE. */
  public IceState iceState() {
    return ice == null ? null : ice.state();
  }

  /** The DTLS state, or null without DTLS. */
  public DtlsEndpoint.State dtlsState() {
    return dtls == null ? null : dtls.state();
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
