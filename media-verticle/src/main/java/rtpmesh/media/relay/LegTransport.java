package rtpmesh.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import rtpmesh.media.dtls.DtlsEndpoint;
import rtpmesh.media.dtls.DtlsResult;
import rtpmesh.media.ice.IceResult;
import rtpmesh.media.ice.IceState;

/**
 * The transport stage of a WebRTC leg: ICE and DTLS-SRTP towards its party, and the RFC 7983 §7
 * demultiplexing of what arrives on the leg's sockets outside the RTP/RTCP first-byte range. STUN
 * goes to {@link LegIce}, DTLS to {@link LegDtls}; neither ever reaches the peer. What it learns
 * (validated addresses, selected pairs, exported keys) it hands to its {@link Leg}.
 *
 * <p>Exists only on legs with {@code ice} or {@code dtls}: a plain leg has none and pays nothing.
 * Owned by one event loop (the leg's); holds no lock.
 */
final class LegTransport {
  private final Leg leg;
  private final WebRtcSupport webrtc;
  private LegIce ice;
  private LegDtls dtls;

  LegTransport(Leg leg, WebRtcSupport webrtc) {
    this.leg = leg;
    this.webrtc = webrtc;
  }

  /**
   * Applies the ICE and DTLS parts of a config. Returns true when the SRTP contexts the leg holds
   * came from a handshake that no longer applies (they must go).
   */
  boolean configure(LegConfig next) {
    boolean keysGone = false;
    if (next.dtls() == null) {
      keysGone = dtls != null;
      closeDtls();
    } else if (dtls == null || !dtls.settings().equals(next.dtls())) {
      // Equal settings keep the association and its SRTP state; new ones start a new handshake.
      closeDtls();
      keysGone = true;
      dtls = new LegDtls(next.dtls(), webrtc, this::sendDtls, this::onDtls);
    }
    configureIce(next);
    return keysGone;
  }

  /** The same ICE session keeps its agent (and selected pair); new credentials are a restart. */
  private void configureIce(LegConfig next) {
    IceSettings settings = next.ice();
    if (settings == null) {
      ice = null;
      webrtc.iceTicking.remove(leg);
    } else if (ice != null && ice.continues(settings, next.mux())) {
      ice.addCandidates(settings.remoteCandidates());
    } else {
      ice = new LegIce(settings, next.mux(), webrtc.random);
    }
    if (ice != null && ice.pending()) {
      webrtc.iceTicking.add(leg);
    }
  }

  /** Nothing left to do: the leg drops this stage. */
  boolean idle() {
    return ice == null && dtls == null;
  }

  boolean hasIce() {
    return ice != null;
  }

  /** Media from the party waits for the handshake's keys. */
  boolean awaitingKeys() {
    return dtls != null && !leg.hasSrtp();
  }

  boolean consentExpired() {
    return ice != null && ice.consentExpired();
  }

  /**
   * The rest of RFC 7983 §7: 0..3 STUN, 20..63 DTLS (RTP socket only); media waiting for DTLS keys
   * and anything else is dropped through the leg's drop path. Takes ownership of the datagram.
   */
  Channel receive(DatagramPacket packet, boolean onRtcpSocket, long now) {
    ByteBuf buf = packet.content();
    int first = buf.isReadable() ? buf.getUnsignedByte(buf.readerIndex()) : -1;
    if (first >= 128 && first <= 191) {
      return leg.drop(packet, onRtcpSocket, DropReason.DTLS_PENDING);
    }
    if (first >= 0 && first <= 3) {
      return ice == null ? leg.drop(packet, onRtcpSocket, DropReason.STUN_REJECTED) : stun(packet, onRtcpSocket, now);
    }
    if (first >= 20 && first <= 63) {
      InetSocketAddress learned = leg.learnedRtp();
      // With ICE, only the address it validated may speak DTLS: a spoofed record must not be
      // able to start (and so fail) the handshake before the party's ClientHello.
      if (dtls == null || onRtcpSocket || (ice != null && !packet.sender().equals(learned))) {
        return leg.drop(packet, onRtcpSocket, DropReason.DTLS_UNEXPECTED);
      }
      if (learned == null || (ice == null && leg.mayRelearn(now))) {
        leg.learnRtp(packet.sender()); // ICE, when there is one, overrides this with its selected pair
      }
      startDtlsIfReady();
      dtls.receive(buf); // consumes the datagram
      return null;
    }
    return leg.drop(packet, onRtcpSocket, DropReason.NOT_MEDIA);
  }

  private Channel stun(DatagramPacket packet, boolean onRtcpSocket, long now) {
    Channel socket = onRtcpSocket ? leg.sockets().rtcp() : leg.sockets().rtp();
    InetSocketAddress from = packet.sender();
    IceResult result = ice.handle(packet.content(), from, onRtcpSocket, socket, now);
    if (result == IceResult.REPLY) {
      // An authenticated check proves the party is there: a destination until a pair is selected.
      leg.learnIfUnknown(from, onRtcpSocket);
    }
    adoptIceState();
    if (ice.pending()) {
      webrtc.iceTicking.add(leg);
    }
    startDtlsIfReady();
    if (result == IceResult.REPLY || result == IceResult.CONSUMED) {
      packet.release();
    } else {
      leg.drop(packet, onRtcpSocket, DropReason.STUN_REJECTED);
    }
    return result.hasReply() ? socket : null;
  }

  /** Runs the ICE timers; false when the agent has no timer work left. */
  boolean tickIce(long now) {
    if (ice == null) {
      return false;
    }
    ice.tick(now, leg.sockets());
    adoptIceState();
    return ice.pending();
  }

  /** The selected pairs become the leg's destinations; lost consent stops media to the party. */
  private void adoptIceState() {
    leg.adoptSelected(ice.selectedRtp(), ice.selectedRtcp(), ice.consentExpired());
  }

  /** A client starts once it knows where the party is: with ICE, from ICE; else SDP or learned. */
  void startDtlsIfReady() {
    if (dtls != null) {
      dtls.startIfReady(ice != null ? leg.learnedRtp() != null : leg.rtpDestination() != null);
    }
  }

  /** DTLS records towards the party: from our RTP socket, where its RTP goes. */
  private void sendDtls(ByteBuf datagram) {
    Channel socket = leg.sockets().rtp();
    InetSocketAddress to = leg.rtpDestination();
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
    leg.keysFromHandshake(keys);
    webrtc.reports.accept(new DtlsReport(leg.callId(), leg.port(), keys, leg.rtpDestination()));
  }

  private void closeDtls() {
    if (dtls != null) {
      LegDtls closing = dtls;
      dtls = null; // first, so the Closed result it reports is recognised as stale
      closing.close();
    }
  }

  /** Ends DTLS (close_notify) and ICE timers. */
  void close() {
    closeDtls();
    ice = null;
    webrtc.iceTicking.remove(leg);
  }

  IceState iceState() {
    return ice == null ? null : ice.state();
  }

  DtlsEndpoint.State dtlsState() {
    return dtls == null ? null : dtls.state();
  }
}
