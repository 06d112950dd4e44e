package rtpmesh.media.relay;

import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseCombiner;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import rtpmesh.media.dtls.DtlsCertificate;
import rtpmesh.media.dtls.DtlsHandshakePool;
import rtpmesh.media.port.BoundPair;
import rtpmesh.media.port.NoFreePortException;
import rtpmesh.media.port.PairBinder;
import rtpmesh.media.port.PortBlock;

/**
 * The media state of one port block: its calls, their legs and sockets, and block-wide counters.
 * Control operations arrive here already decoded; every packet is handled by a {@link Leg}.
 *
 * <p>Owned by one event loop: every method must be called on it. Holds no lock.
 */
public final class Relay {
  /** A call that went quiet, to be reported to the control plane. */
  public record Timeout(String callId, String reason) {}

  /** Block-wide totals, including legs already released. */
  public record BlockStats(int usedPairs, int freePairs, int foreignPairs, long packets, long bytes, long errors, DropCounters drops,
      int readBatch, long batchSwitches, int connectedSockets) {}

  private final EventLoop loop;
  private final PairBinder binder;
  private final DropCounters drops = new DropCounters();
  private final Map<String, Call> calls = new HashMap<>();
  private final StreamCounters retired = new StreamCounters();
  private final WebRtcSupport webrtc;
  /** Where DTMF digits of transcoded streams are reported (on the loop); null = nowhere. */
  private Consumer<DtmfReport> dtmfReports;
  /** Set on undeploy: an adoption still binding then closes what it bound instead of adding legs. */
  private boolean closed;
  private EndpointLearning learning = EndpointLearning.DEFAULT;

  /**
   * A relay on {@code loop}. DTLS legs run their handshakes on {@code pool} with {@code certificate}
   * (both node-wide) and report their exported keys to {@code dtlsReports}, on the loop.
   */
  public Relay(EventLoop loop, PairBinder binder, DtlsHandshakePool pool, DtlsCertificate certificate,
               Consumer<DtlsReport> dtlsReports) {
    this.loop = loop;
    this.binder = binder;
    this.webrtc = new WebRtcSupport(loop, pool, certificate, dtlsReports);
  }

  /** How legs created from now on learn their party's address ({@code --endpoint-learning}). */
  public void endpointLearning(EndpointLearning mode) {
    this.learning = mode;
  }

  /** Where each leg reports an SRTP rollover counter that advanced (on the loop, rarely). */
  public void onRocChange(Consumer<RocReport> reports) {
    webrtc.rocReports = reports;
  }

  /**
   * Binds {@code count} pairs for the call on {@code address}; all or none: on failure whatever
   * was bound is closed again. Fails with {@link RelayError#NO_PORTS} or {@link RelayError#BIND_FAILED}.
   */
  public Future<List<Integer>> allocate(String callId, InetAddress address, int count) {
    Promise<List<Integer>> promise = loop.newPromise();
    bindNext(callId, address, count, new ArrayList<>(count), promise);
    return promise;
  }

  private void bindNext(String callId, InetAddress address, int count, List<BoundPair> bound,
                        Promise<List<Integer>> promise) {
    if (bound.size() == count) {
      promise.setSuccess(addLegs(callId, bound));
      return;
    }
    binder.bind(address).addListener((Future<BoundPair> f) -> {
      if (f.isSuccess()) {
        bound.add(f.getNow());
        bindNext(callId, address, count, bound, promise);
        return;
      }
      RelayException failure = f.cause() instanceof NoFreePortException
          ? RelayError.NO_PORTS.exception(null)
          : RelayError.BIND_FAILED.exception(address.getHostAddress() + ": " + f.cause().getMessage());
      unbindAll(bound).addListener(g -> promise.setFailure(failure));
    });
  }

  /**
   * Binds exactly the pairs of {@code ports} (even RTP ports, no duplicates) for the call on
   * {@code address}, to take over a failed node's call: ports of the block's range come out of its
   * pool, others are foreign (closed on release, never pooled). A pair the call already holds on
   * {@code address} is kept as it is (a repeated takeover is a no-op). A pair this block holds
   * otherwise fails at once; a pair that will not bind is retried until {@code retryMs} after now
   * (one deadline for the whole request, so it bounds the reply time). All or none: on failure
   * whatever was bound is closed before failing with {@link RelayError#CANNOT_BIND_PORT} for the
   * first such port in request order. Completes with {@code ports}.
   */
  public Future<List<Integer>> adopt(String callId, InetAddress address, List<Integer> ports, long retryMs) {
    Promise<List<Integer>> promise = loop.newPromise();
    Call call = calls.get(callId);
    List<Integer> toBind = new ArrayList<>(ports.size());
    for (int port : ports) {
      Leg own = call == null ? null : call.leg(port);
      if (own != null && !own.sockets().address().equals(address)) {
        return promise.setFailure(RelayError.CANNOT_BIND_PORT.exception(port,
            "held by this call on " + own.sockets().address().getHostAddress()));
      }
      if (own == null && binder.isHeld(address, port)) {
        return promise.setFailure(RelayError.CANNOT_BIND_PORT.exception(port, "held by another call of this block"));
      }
      if (own == null) {
        toBind.add(port);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(retryMs);
    List<Future<BoundPair>> binds = new ArrayList<>(toBind.size());
    PromiseCombiner all = new PromiseCombiner(loop);
    for (int port : toBind) {
      Future<BoundPair> bind = binder.bindExact(address, port, deadline);
      binds.add(bind);
      all.add(bind);
    }
    Promise<Void> done = loop.newPromise();
    all.finish(done);
    done.addListener(f -> adopted(callId, ports, toBind, binds, promise));
    return promise;
  }

  private void adopted(String callId, List<Integer> ports, List<Integer> toBind, List<Future<BoundPair>> binds,
                       Promise<List<Integer>> promise) {
    List<BoundPair> bound = new ArrayList<>(binds.size());
    RelayException failure = closed ? RelayError.CANNOT_BIND_PORT.exception(ports.get(0), "block closed") : null;
    for (int i = 0; i < binds.size(); i++) {
      Future<BoundPair> bind = binds.get(i);
      if (bind.isSuccess()) {
        bound.add(bind.getNow());
      } else if (failure == null) {
        failure = RelayError.CANNOT_BIND_PORT.exception(toBind.get(i), String.valueOf(bind.cause().getMessage()));
      }
    }
    if (failure == null) {
      addLegs(callId, bound);
      promise.setSuccess(List.copyOf(ports));
      return;
    }
    RelayException cause = failure;
    unbindAll(bound).addListener(f -> promise.setFailure(cause));
  }

  private Future<Void> unbindAll(List<BoundPair> pairs) {
    PromiseCombiner closing = new PromiseCombiner(loop);
    for (BoundPair pair : pairs) {
      closing.add(binder.unbind(pair));
    }
    Promise<Void> closed = loop.newPromise();
    closing.finish(closed);
    return closed;
  }

  private List<Integer> addLegs(String callId, List<BoundPair> bound) {
    Call call = calls.computeIfAbsent(callId, id -> new Call(id, System.currentTimeMillis()));
    call.lastSignal = System.currentTimeMillis();
    List<Integer> ports = new ArrayList<>(bound.size());
    for (BoundPair pair : bound) {
      Leg leg = new Leg(callId, pair, drops, webrtc, learning, binder.reads(),
          Leg.CONNECT && pair.rtp() instanceof EpollDatagramChannel ? binder::connect : null);
      leg.tap = call.tap;
      pair.rtp().pipeline().addLast(new LegHandler(leg, false));
      pair.rtcp().pipeline().addLast(new LegHandler(leg, true));
      pair.rtp().config().setAutoRead(true);
      pair.rtcp().config().setAutoRead(true);
      call.legs.add(leg);
      ports.add(pair.rtpPort());
    }
    return ports;
  }

  /** Sets where DTMF digits are reported; applies to legs configured from now on. */
  public void dtmfReports(Consumer<DtmfReport> reports) {
    this.dtmfReports = reports;
  }

  /**
   * Plays DTMF into what the party of the call's leg at {@code port} sends (ng play DTMF). Fails
   * with {@link RelayError#UNKNOWN_PORT} for an unknown leg; false when its stream is not transcoded.
   */
  public boolean playDtmf(String callId, int port, String digits, int durationMs, int pauseMs, int volume) {
    Call call = existing(callId);
    Leg leg = call.leg(port);
    if (leg == null) {
      throw RelayError.UNKNOWN_PORT.exception("port " + port + " not in call " + callId);
    }
    return leg.playDtmf(digits, durationMs, pauseMs, volume);
  }

  /** Sets block / silence / echo of what the party of the call's leg at {@code port} sends. */
  public void services(String callId, int port, LegServices services) {
    leg(callId, port).services(services);
  }

  /**
   * Plays to the party of the call's leg at {@code port} in place of what it hears; {@code onEnd}
   * gets the frame position when the playback ends, on the loop.
   */
  public void play(String callId, int port, rtpmesh.media.player.ClipPlayer player, LegSource.End onEnd) {
    leg(callId, port).play(player, onEnd);
  }

  /** Stops a playback to the party of the leg at {@code port}: its frame position, -1 if none ran. */
  public long stopPlaying(String callId, int port) {
    return leg(callId, port).stopPlaying();
  }

  private Leg leg(String callId, int port) {
    Leg leg = existing(callId).leg(port);
    if (leg == null) {
      throw RelayError.UNKNOWN_PORT.exception("port " + port + " not in call " + callId);
    }
    return leg;
  }

  /** The event loop that owns this relay (for work that must come back to it). */
  public EventLoop loop() {
    return loop;
  }

  /**
   * Replaces the config of the named legs. Validates everything before changing anything, so a bad
   * request leaves the call as it was. A peer must be a leg of the same call (same block and loop).
   */
  public void configure(String callId, List<LegConfig> configs) {
    Call call = existing(callId);
    for (LegConfig c : configs) {
      if (call.leg(c.port()) == null) {
        throw RelayError.UNKNOWN_PORT.exception("port " + c.port() + " not in call " + callId);
      }
      if (c.peer() != 0 && call.leg(c.peer()) == null) {
        throw RelayError.UNKNOWN_PORT.exception("peer " + c.peer() + " not in call " + callId);
      }
      for (int fork : c.forks()) {
        if (fork == c.port() || call.leg(fork) == null) {
          throw RelayError.UNKNOWN_PORT.exception("fork " + fork + " not another leg of call " + callId);
        }
      }
      if (c.bundle() != null) {
        for (BundleSettings.Stream s : c.bundle().streams()) {
          if (s.peer() != 0 && call.leg(s.peer()) == null) {
            throw RelayError.UNKNOWN_PORT.exception("bundle peer " + s.peer() + " not in call " + callId);
          }
        }
      }
    }
    for (LegConfig c : configs) {
      call.leg(c.port()).configure(c, c.peer() == 0 ? null : call.leg(c.peer()), call::leg);
    }
    for (LegConfig c : configs) {
      Leg leg = call.leg(c.port());
      leg.updateTranscoder(dtmfReports);
      if (c.peer() != 0) {
        call.leg(c.peer()).updateTranscoder(dtmfReports);
      }
    }
    if (call.mixer != null) {
      call.mixer.refresh();
    }
    call.lastSignal = System.currentTimeMillis();
  }

  /**
   * Makes exactly the legs at {@code ports} the call's conference room (see {@link RoomMixer}); an
   * empty list ends the room. Each must have a codec the mixer supports. Validates before changing
   * anything: fails with {@link RelayError#UNKNOWN_PORT} or {@link RelayError#BAD_REQUEST}.
   * Returns how many legs mix.
   */
  public int mix(String callId, List<Integer> ports) {
    Call call = existing(callId);
    List<Leg> legs = new ArrayList<>(ports.size());
    for (int port : ports) {
      Leg leg = call.leg(port);
      if (leg == null) {
        throw RelayError.UNKNOWN_PORT.exception("port " + port + " not in call " + callId);
      }
      legs.add(leg);
    }
    if (legs.isEmpty()) {
      if (call.mixer != null) {
        call.mixer.close();
        call.mixer = null;
      }
      return 0;
    }
    RoomMixer room = call.mixer != null ? call.mixer : new RoomMixer(loop, drops);
    room.members(legs);
    call.mixer = room;
    return room.size();
  }

  /**
   * Closes the listed pairs of the call, or all of them when {@code ports} is null; completes with
   * how many were released once their sockets are closed. An unknown call releases nothing.
   */
  public Future<Integer> release(String callId, List<Integer> ports) {
    Promise<Integer> promise = loop.newPromise();
    Call call = calls.get(callId);
    if (call == null) {
      return promise.setSuccess(0);
    }
    List<Leg> released = new ArrayList<>();
    for (Leg leg : List.copyOf(call.legs)) {
      if (ports == null || ports.contains(leg.port())) {
        released.add(leg);
        call.legs.remove(leg);
      }
    }
    if (call.mixer != null) {
      for (Leg leg : released) {
        call.mixer.forget(leg);
      }
    }
    if (call.legs.isEmpty()) {
      calls.remove(callId);
      if (call.mixer != null) {
        call.mixer.close();
        call.mixer = null;
      }
      tap(call, null);
    }
    PromiseCombiner closing = new PromiseCombiner(loop);
    for (Leg leg : released) {
      for (Leg other : call.legs) {
        other.forgetPeer(leg);
      }
      leg.close();
      leg.rtp().addTo(retired);
      leg.rtcp().addTo(retired);
      closing.add(binder.unbind(leg.sockets()));
    }
    Promise<Void> closed = loop.newPromise();
    closing.finish(closed);
    closed.addListener(f -> promise.setSuccess(released.size()));
    return promise;
  }

  /** Closes every socket of the block (undeploy). */
  public Future<Void> releaseAll() {
    closed = true;
    PromiseCombiner closing = new PromiseCombiner(loop);
    for (String callId : List.copyOf(calls.keySet())) {
      closing.add(release(callId, null));
    }
    Promise<Void> closed = loop.newPromise();
    closing.finish(closed);
    return closed;
  }

  /**
   * Puts {@code tap} on every leg of the call (and legs it gets later), or takes the tap off with
   * null; a tap taken off is closed (it hands over what it buffered). Fails with
   * {@link RelayError#UNKNOWN_CALL}.
   */
  public void tap(String callId, MediaTap tap) {
    tap(existing(callId), tap);
  }

  private static void tap(Call call, MediaTap tap) {
    MediaTap old = call.tap;
    call.tap = tap;
    for (Leg leg : call.legs) {
      leg.tap = tap;
    }
    if (old != null && old != tap) {
      old.close();
    }
  }

  /** Hands over what the taps buffered, so a quiet recorded stream reaches its files within a tick. */
  public void flushTaps() {
    for (Call call : calls.values()) {
      if (call.tap != null) {
        call.tap.flush();
      }
    }
  }

  /** True when the call's media is tapped. */
  public boolean tapped(String callId) {
    Call call = calls.get(callId);
    return call != null && call.tap != null;
  }

  /** The call's legs, for stats. */
  public List<Leg> legs(String callId) {
    return List.copyOf(existing(callId).legs);
  }

  public BlockStats blockStats() {
    StreamCounters total = new StreamCounters();
    retired.addTo(total);
    int connected = 0;
    for (Call call : calls.values()) {
      for (Leg leg : call.legs) {
        leg.rtp().addTo(total);
        leg.rtcp().addTo(total);
        connected += leg.hasDirectSocket() ? 1 : 0;
      }
    }
    PortBlock block = binder.block();
    return new BlockStats(block.usedCount(), block.freeCount(), binder.foreignCount(), total.packets(),
        total.bytes(), total.errors(), drops, binder.reads().batch(), binder.reads().switches(), connected);
  }

  /**
   * Runs the ICE timers of the legs that have timer work (checks, retransmissions, consent) and
   * sends what they ask for; call every 20-50 ms (RFC 8445 §14.2: Ta is 50 ms).
   */
  public void tickIce(long now) {
    for (Iterator<Leg> it = webrtc.iceTicking.iterator(); it.hasNext(); ) {
      if (!it.next().tickIce(now)) {
        it.remove();
      }
    }
  }

  /** Legs in the ICE timer set, for tests and stats. */
  public int iceTicking() {
    return webrtc.iceTicking.size();
  }

  /**
   * Joins the party of the call's leg at {@code port} to leg {@code toPort} of call {@code toCall}
   * in block {@code to} (possibly this one, possibly on another loop): what the party sends goes to
   * that leg's party, instead of its peer in its own call. {@code toCall} null ends the bridge.
   * Each direction is set on its own leg. Fails with {@link RelayError#UNKNOWN_PORT} for an unknown
   * leg of this call; the other side is only looked up when media flows (it may not exist yet, as
   * during a takeover).
   */
  public void bridge(String callId, int port, Relay to, String toCall, int toPort) {
    Leg leg = existing(callId).leg(port);
    if (leg == null) {
      throw RelayError.UNKNOWN_PORT.exception("port " + port + " not in call " + callId);
    }
    if (toCall == null) {
      leg.bridge(null);
    } else if (leg.bridge() == null || !leg.bridge().goesTo(to, toCall, toPort)) {
      leg.bridge(new Bridge(to, toCall, toPort));
    }
  }

  /** On this loop: the leg a bridge from another call delivers to, or null. */
  Leg bridgeTarget(String callId, int port) {
    Call call = calls.get(callId);
    return call == null ? null : call.leg(port);
  }

  /** On this loop: a bridged packet whose leg is gone. */
  void dropUnbridged(io.netty.channel.socket.DatagramPacket packet) {
    drops.count(DropReason.NO_PEER);
    packet.release();
  }

  /** Calls that expired since the last check; each is reported once (see {@link Call#expired}). */
  public List<Timeout> expired(long now, long timeoutMs, long silentTimeoutMs) {
    List<Timeout> out = new ArrayList<>();
    for (Call call : calls.values()) {
      String reason = call.expired(now, timeoutMs, silentTimeoutMs);
      if (reason != null) {
        out.add(new Timeout(call.id, reason));
      }
    }
    return out;
  }

  private Call existing(String callId) {
    Call call = calls.get(callId);
    if (call == null) {
      throw RelayError.UNKNOWN_CALL.exception(callId);
    }
    return call;
  }
}
