package rtpmesh.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import rtpmesh.media.ice.Candidate;
import rtpmesh.media.ice.CandidateType;
import rtpmesh.media.ice.IceAgent;
import rtpmesh.media.ice.IceResult;
import rtpmesh.media.ice.IceRole;
import rtpmesh.media.ice.IceState;
import rtpmesh.media.ice.IceTransmission;
import rtpmesh.media.port.BoundPair;

/**
 * ICE towards one leg's party: the RTP component's agent, which answers checks and, when
 * controlling (or the party is ICE-lite), checks the party's candidates itself; and, when RTCP is
 * not muxed, an RTCP component agent that answers on the RTCP socket. The agents are pure state
 * machines; this adapter moves their datagrams through the leg's sockets.
 *
 * <p>Owned by one event loop; holds no lock.
 */
final class LegIce {
  private static final int RTP = 1;
  private static final int RTCP = 2;
  // A Binding response with XOR-MAPPED-ADDRESS (IPv6), MESSAGE-INTEGRITY and FINGERPRINT fits easily.
  private static final int REPLY_CAPACITY = 256;
  // RFC 8445 §5.1.2.1: an SDP host candidate of component 1 with full local preference.
  private static final long CANDIDATE_PRIORITY =
      Candidate.priority(CandidateType.HOST, Candidate.MAX_LOCAL_PREFERENCE, RTP);

  private final IceSettings settings;
  private final boolean mux;
  private final IceAgent rtp;
  private final IceAgent rtcp;

  LegIce(IceSettings settings, boolean mux, Random random) {
    this.settings = settings;
    this.mux = mux;
    this.rtp = agent(settings, RTP, random);
    this.rtcp = mux ? null : agent(settings, RTCP, random);
    addCandidates(settings.remoteCandidates());
  }

  private static IceAgent agent(IceSettings s, int component, Random random) {
    IceAgent agent = new IceAgent(s.controlling() ? IceRole.CONTROLLING : IceRole.CONTROLLED, s.local(),
        random.nextLong(), component, rtpmesh.media.ice.IceTiming.DEFAULT, random);
    agent.setRemoteCredentials(s.remote());
    agent.setRemoteLite(s.remoteLite());
    return agent;
  }

  /** True when {@code next} keeps this session (same credentials, roles and mux). */
  boolean continues(IceSettings next, boolean nextMux) {
    return settings.sameSession(next) && mux == nextMux;
  }

  /** Adds candidates (a re-offer may bring more); known addresses are kept as they are. */
  void addCandidates(List<InetSocketAddress> candidates) {
    for (InetSocketAddress c : candidates) {
      rtp.addRemoteAddress(c, CANDIDATE_PRIORITY);
    }
  }

  /**
   * Hands one STUN datagram from the party to the agent of the socket it came in on; a reply is
   * written (not flushed) on {@code socket}. The caller keeps ownership of {@code in}.
   */
  IceResult handle(ByteBuf in, InetSocketAddress from, boolean onRtcpSocket, Channel socket, long now) {
    IceAgent agent = onRtcpSocket ? rtcp : rtp;
    if (agent == null) {
      return IceResult.DROP; // STUN on the RTCP socket of a muxing leg
    }
    ByteBuf out = socket.alloc().buffer(REPLY_CAPACITY);
    IceResult result = agent.handle(in, from, now, out);
    if (result.hasReply()) {
      socket.write(new DatagramPacket(out, from), socket.voidPromise());
    } else {
      out.release();
    }
    return result;
  }

  /** Advances both agents' timers and sends (and flushes) their checks from the right socket. */
  void tick(long now, BoundPair sockets) {
    send(rtp.tick(now), sockets.rtp());
    if (rtcp != null) {
      send(rtcp.tick(now), sockets.rtcp());
    }
  }

  private static void send(List<IceTransmission> checks, Channel socket) {
    if (checks.isEmpty()) {
      return;
    }
    for (IceTransmission t : checks) {
      ByteBuf buf = socket.alloc().buffer(t.packet().length).writeBytes(t.packet());
      socket.write(new DatagramPacket(buf, t.to()), socket.voidPromise());
    }
    socket.flush();
  }

  /**
   * True while an agent has timer work: checks to send or retransmit (controlling), consent to
   * keep on a selected pair. A controlled agent nobody has checked yet, or a failed one, has none.
   */
  boolean pending() {
    return pending(rtp) || (rtcp != null && pending(rtcp));
  }

  private static boolean pending(IceAgent agent) {
    IceState s = agent.state();
    return s != IceState.FAILED && (s != IceState.NEW || agent.role() == IceRole.CONTROLLING);
  }

  /** The RTP pair selected while consent is fresh, else null. */
  InetSocketAddress selectedRtp() {
    return rtp.selectedAddress();
  }

  InetSocketAddress selectedRtcp() {
    return rtcp == null ? null : rtcp.selectedAddress();
  }

  /** RFC 7675 §5.1: the party stopped answering consent checks on the RTP pair; send it nothing. */
  boolean consentExpired() {
    return rtp.counters().consentExpired() > 0;
  }

  /** The RTP agent's state, for stats. */
  IceState state() {
    return rtp.state();
  }
}
