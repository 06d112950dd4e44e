package rtpmesh.media.ice;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import rtpmesh.media.stun.MessageIntegrity;
import rtpmesh.media.stun.Stun;
import rtpmesh.media.stun.StunAttribute;
import rtpmesh.media.stun.StunClass;
import rtpmesh.media.stun.StunError;
import rtpmesh.media.stun.StunMessage;
import rtpmesh.media.stun.StunWriter;
import rtpmesh.media.stun.TransactionId;

/**
 * ICE (RFC 8445) for one component of one stream, on a relay that owns its socket: one host
 * candidate (the socket) against the peer's candidates. It answers checks, sends its own when
 * controlling (which it is whenever the peer is ICE-lite, §6.1.1), nominates, resolves role
 * conflicts, and keeps RFC 7675 consent on the selected pair.
 *
 * <p>Why not ice4j: ice4j gathers candidates and binds, owns and reads its own sockets, and runs
 * its own timer and check threads; the media verticle already owns the socket on its event loop
 * and knows its only candidate, so all it needs is this pure state machine. It has no timers and
 * no threads: the verticle feeds it datagrams with {@link #handle} and calls {@link #tick} every
 * Ta (50 ms) or so, sending what comes back from this component's socket.
 *
 * <p>In the controlled role the agent sends no checks of its own (the peer's checks prove the
 * path, as with an ICE-lite agent) and takes USE-CANDIDATE as the nomination at once. As
 * controlling it nominates the first pair whose check succeeds (regular nomination, §8.1.1). An
 * ICE restart means a new agent. Owned by one event loop; not thread-safe; holds no lock.
 */
public final class IceAgent {
  /** Cap on remote addresses, so learned peer-reflexive pairs cannot grow without bound. */
  public static final int MAX_PAIRS = 32;

  private final IceCredentials local;
  private final long tieBreaker;
  private final int component;
  private final long localPriority;
  private final long checkPriority;
  private final IceTiming timing;
  private final Random random;
  private final MessageIntegrity integrity = new MessageIntegrity();
  private final StunWriter writer = new StunWriter(integrity);
  private final StunMessage message = new StunMessage();
  private final IceResponder responder;
  private final ConsentFreshness consent;
  private final IceCounters counters = new IceCounters();
  private final CheckList checkList;
  private final Map<TransactionId, Check> inFlight = new HashMap<>();
  private IceRole role;
  private IceCredentials remote;
  private byte[] remoteKey;
  private byte[] outgoingUsername;
  private boolean remoteLite;
  private CandidatePair selected;
  private boolean nominating;
  private IceState state = IceState.NEW;
  private long nextCheckAt;

  public IceAgent(IceRole role, IceCredentials local, long tieBreaker, int component,
      IceTiming timing, Random random) {
    this.role = role;
    this.local = local;
    this.tieBreaker = tieBreaker;
    this.component = component;
    this.localPriority = Candidate.priority(CandidateType.HOST, Candidate.MAX_LOCAL_PREFERENCE, component);
    // RFC 8445 §7.1.1: PRIORITY is what a peer-reflexive candidate of ours would get.
    this.checkPriority = Candidate.priority(CandidateType.PRFLX, Candidate.MAX_LOCAL_PREFERENCE, component);
    this.timing = timing;
    this.random = random;
    this.responder = new IceResponder(local, integrity);
    this.consent = new ConsentFreshness(timing, random);
    this.checkList = new CheckList(localPriority);
  }

  /**
   * An agent with fresh credentials and tie-breaker. Pass a {@link java.security.SecureRandom}:
   * transaction ids must be unpredictable (RFC 7675 §5.1), and so must the credentials.
   */
  public static IceAgent create(IceRole role, int component, Random random) {
    return new IceAgent(role, IceCredentials.generate(random), random.nextLong(), component,
        IceTiming.DEFAULT, random);
  }

  /** The peer's ice-ufrag and ice-pwd from its SDP. */
  public void setRemoteCredentials(IceCredentials remote) {
    this.remote = remote;
    this.remoteKey = MessageIntegrity.shortTermKey(remote.pwd());
    this.outgoingUsername = (remote.ufrag() + ":" + local.ufrag()).getBytes(StandardCharsets.UTF_8);
    responder.remoteUfrag(remote.ufrag());
  }

  /** RFC 8445 §6.1.1: against an ICE-lite peer a full agent is controlling. */
  public void setRemoteLite(boolean lite) {
    remoteLite = lite;
    if (lite) {
      switchRole(IceRole.CONTROLLING);
    }
  }

  /** Adds a UDP candidate of this component with an IP literal address; false when it is not one. */
  public boolean addRemoteCandidate(Candidate candidate) {
    InetSocketAddress address = candidate.isUdp() && candidate.component() == component
        ? candidate.socketAddress()
        : null;
    return address != null && addRemoteAddress(address, candidate.priority());
  }

  /** Adds a remote address with its candidate priority; false when {@link #MAX_PAIRS} are known. */
  public boolean addRemoteAddress(InetSocketAddress address, long priority) {
    return checkList.add(address, priority) != null;
  }

  /**
   * Processes one STUN datagram (see {@link rtpmesh.media.stun.Stun#isStun}) that arrived from
   * {@code from}. A reply, when the result {@link IceResult#hasReply has one}, is appended to
   * {@code out}, to be sent to {@code from}. The caller keeps ownership of both buffers.
   */
  public IceResult handle(ByteBuf in, InetSocketAddress from, long nowMs, ByteBuf out) {
    StunError error = message.wrap(in).decode();
    if (error != StunError.NONE) {
      counters.countMalformed(error);
      return IceResult.DROP;
    }
    if (message.method() != Stun.BINDING) {
      return drop(IceError.NOT_BINDING);
    }
    StunClass cls = message.messageClass();
    if (cls == StunClass.REQUEST) {
      return onRequest(from, nowMs, out);
    }
    if (cls == StunClass.INDICATION) {
      return IceResult.CONSUMED; // RFC 8445 §11: a keepalive, nothing to answer
    }
    return onResponse(from, nowMs);
  }

  private IceResult onRequest(InetSocketAddress from, long nowMs, ByteBuf out) {
    IceError error = responder.check(message);
    if (error == null && hasRoleConflict()) {
      error = IceError.ROLE_CONFLICT;
    }
    if (error != null) {
      counters.count(error);
      if (error.reply() == null) {
        return IceResult.DROP;
      }
      responder.writeError(message, error, out);
      return IceResult.REJECT;
    }
    // RFC 8445 §7.3.1.3: an unknown source is a peer-reflexive remote candidate.
    CandidatePair pair = checkList.add(from, Math.max(0, message.priority()));
    if (pair != null) {
      if (message.useCandidate() && role == IceRole.CONTROLLED) {
        nominate(pair, nowMs); // §7.3.1.5, taken at once as an ICE-lite agent does
      } else if (role == IceRole.CONTROLLING) {
        checkList.trigger(pair); // §7.3.1.4
      }
    }
    responder.writeSuccess(message, from, out);
    counters.answered++;
    if (state == IceState.NEW) {
      state = IceState.CHECKING;
    }
    return IceResult.REPLY;
  }

  /**
   * RFC 8445 §7.3.1.1: true when we keep our role and must answer 487; otherwise the agent with
   * the smaller tie-breaker (compared unsigned) has already switched.
   */
  private boolean hasRoleConflict() {
    if (role == IceRole.CONTROLLING && message.has(StunAttribute.ICE_CONTROLLING)) {
      if (Long.compareUnsigned(tieBreaker, message.tieBreaker(StunAttribute.ICE_CONTROLLING)) >= 0) {
        return true;
      }
      switchRole(IceRole.CONTROLLED);
    } else if (role == IceRole.CONTROLLED && message.has(StunAttribute.ICE_CONTROLLED)) {
      if (Long.compareUnsigned(tieBreaker, message.tieBreaker(StunAttribute.ICE_CONTROLLED)) < 0) {
        return true;
      }
      switchRole(IceRole.CONTROLLING);
    }
    return false;
  }

  private IceResult onResponse(InetSocketAddress from, long nowMs) {
    Check check = inFlight.get(message.transactionId());
    if (check == null) {
      return drop(IceError.UNMATCHED_RESPONSE);
    }
    if (message.verify(integrity, check.key) != StunError.NONE) {
      return drop(IceError.BAD_RESPONSE); // RFC 5389 §10.1.3: discard, the transaction goes on
    }
    inFlight.remove(check.id);
    CandidatePair pair = check.pair;
    if (!from.equals(pair.remote())) {
      fail(check);
      return drop(IceError.NON_SYMMETRIC);
    }
    if (message.messageClass() == StunClass.ERROR_RESPONSE) {
      return onErrorResponse(check);
    }
    counters.checksSucceeded++;
    if (!check.consent) {
      pair.state = CandidatePair.State.SUCCEEDED;
    }
    if (pair == selected) {
      consent.refresh(nowMs); // RFC 7675 §5.1: any authenticated response on the pair
    }
    if (check.useCandidate) {
      nominating = false;
      nominate(pair, nowMs);
    }
    return IceResult.CONSUMED;
  }

  private IceResult onErrorResponse(Check check) {
    if (message.errorCode() == 487) {
      // RFC 8445 §7.2.5.1: take the role opposite to the one the request claimed, check again.
      switchRole(check.role.opposite());
      if (check.useCandidate) {
        nominating = false;
      }
      if (!check.consent) {
        check.pair.state = CandidatePair.State.WAITING;
        checkList.trigger(check.pair);
      }
      return IceResult.CONSUMED;
    }
    fail(check);
    counters.count(IceError.ERROR_RESPONSE);
    return IceResult.CONSUMED;
  }

  /**
   * Advances timers to {@code nowMs}: retransmissions and timeouts, at most one new check per Ta,
   * consent checks, consent expiry. Returns the requests to send from this component's socket.
   */
  public List<IceTransmission> tick(long nowMs) {
    List<IceTransmission> out = new ArrayList<>(2);
    retransmit(nowMs, out);
    if (role == IceRole.CONTROLLING && remote != null && selected == null && nowMs >= nextCheckAt) {
      CandidatePair pair = checkList.next(role, nominating);
      if (pair != null) {
        boolean nominate = pair.state == CandidatePair.State.SUCCEEDED;
        nominating |= nominate;
        send(pair, nominate, false, nowMs, out);
        nextCheckAt = nowMs + timing.taMs();
      }
    }
    if (consent.expired(nowMs)) {
      consent.stop();
      counters.consentExpired++;
      state = IceState.FAILED; // RFC 7675 §5.1: stop sending on this 5-tuple
    } else if (remote != null && consent.due(nowMs)) {
      counters.consentChecks++;
      send(selected, false, true, nowMs, out);
    }
    if (allChecksFailed()) {
      state = IceState.FAILED;
    }
    return out;
  }

  private void retransmit(long nowMs, List<IceTransmission> out) {
    for (Iterator<Check> it = inFlight.values().iterator(); it.hasNext(); ) {
      Check check = it.next();
      if (!check.due(nowMs)) {
        continue;
      }
      if (check.exhausted()) {
        it.remove();
        counters.checksTimedOut++;
        fail(check);
      } else {
        check.retransmitted();
        counters.retransmissions++;
        out.add(new IceTransmission(check.pair.remote(), check.packet));
      }
    }
  }

  private void send(CandidatePair pair, boolean useCandidate, boolean consentCheck, long nowMs,
      List<IceTransmission> out) {
    TransactionId id = TransactionId.random(random);
    ByteBuf buf = Unpooled.buffer(128);
    writer.start(buf, Stun.BINDING_REQUEST, id)
        .username(outgoingUsername)
        .u32(StunAttribute.PRIORITY, checkPriority)
        .u64(role.attribute(), tieBreaker);
    if (useCandidate) {
      writer.flag(StunAttribute.USE_CANDIDATE);
    }
    writer.messageIntegrity(remoteKey).fingerprint();
    byte[] packet = ByteBufUtil.getBytes(buf);
    buf.release();
    inFlight.put(id, new Check(id, pair, packet, remoteKey, role, useCandidate, consentCheck, timing, nowMs));
    counters.checksSent++;
    if (!consentCheck && pair.state == CandidatePair.State.WAITING) {
      pair.state = CandidatePair.State.IN_PROGRESS;
    }
    if (state == IceState.NEW) {
      state = IceState.CHECKING;
    }
    out.add(new IceTransmission(pair.remote(), packet));
  }

  private void fail(Check check) {
    if (check.useCandidate) {
      nominating = false;
    }
    if (!check.consent) {
      check.pair.state = CandidatePair.State.FAILED;
    }
  }

  private void nominate(CandidatePair pair, long nowMs) {
    if (counters.consentExpired > 0) {
      return; // RFC 7675 §5.1: consent lost for good; the peer restarts ICE, we build a new agent
    }
    pair.nominated = true;
    if (selected != pair || !consent.running()) {
      selected = pair;
      counters.nominations++;
      consent.start(nowMs);
    }
    state = IceState.CONNECTED;
  }

  private boolean allChecksFailed() {
    return state == IceState.CHECKING && role == IceRole.CONTROLLING && inFlight.isEmpty()
        && checkList.allFailed();
  }

  private void switchRole(IceRole to) {
    if (role != to) {
      role = to;
      counters.roleSwitches++;
    }
  }

  private IceResult drop(IceError error) {
    counters.count(error);
    return IceResult.DROP;
  }

  public IceCredentials localCredentials() {
    return local;
  }

  public long tieBreaker() {
    return tieBreaker;
  }

  public IceRole role() {
    return role;
  }

  public boolean remoteLite() {
    return remoteLite;
  }

  public IceState state() {
    return state;
  }

  /** The nominated pair, or null; media may flow there only while {@link #state} is CONNECTED. */
  public CandidatePair selected() {
    return selected;
  }

  /** Where to send media: the selected remote address while CONNECTED, else null. */
  public InetSocketAddress selectedAddress() {
    return state == IceState.CONNECTED ? selected.remote() : null;
  }

  public Collection<CandidatePair> pairs() {
    return checkList.pairs();
  }

  public IceCounters counters() {
    return counters;
  }

  public ConsentFreshness consent() {
    return consent;
  }
}
