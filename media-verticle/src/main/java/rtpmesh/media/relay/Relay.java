package rtpmesh.media.relay;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseCombiner;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  public record BlockStats(int usedPairs, int freePairs, long packets, long bytes, long errors, DropCounters drops) {}

  private final EventLoop loop;
  private final PairBinder binder;
  private final DropCounters drops = new DropCounters();
  private final Map<String, Call> calls = new HashMap<>();
  private final StreamCounters retired = new StreamCounters();

  public Relay(EventLoop loop, PairBinder binder) {
    this.loop = loop;
    this.binder = binder;
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
      for (BoundPair pair : bound) {
        binder.unbind(pair);
      }
      promise.setFailure(f.cause() instanceof NoFreePortException
          ? RelayError.NO_PORTS.exception(null)
          : RelayError.BIND_FAILED.exception(address.getHostAddress() + ": " + f.cause().getMessage()));
    });
  }

  private List<Integer> addLegs(String callId, List<BoundPair> bound) {
    Call call = calls.computeIfAbsent(callId, id -> new Call(id, System.currentTimeMillis()));
    call.lastSignal = System.currentTimeMillis();
    List<Integer> ports = new ArrayList<>(bound.size());
    for (BoundPair pair : bound) {
      Leg leg = new Leg(callId, pair, drops);
      pair.rtp().pipeline().addLast(new LegHandler(leg, false));
      pair.rtcp().pipeline().addLast(new LegHandler(leg, true));
      pair.rtp().config().setAutoRead(true);
      pair.rtcp().config().setAutoRead(true);
      call.legs.add(leg);
      ports.add(pair.rtpPort());
    }
    return ports;
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
    }
    for (LegConfig c : configs) {
      call.leg(c.port()).configure(c, c.peer() == 0 ? null : call.leg(c.peer()));
    }
    call.lastSignal = System.currentTimeMillis();
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
    if (call.legs.isEmpty()) {
      calls.remove(callId);
    }
    PromiseCombiner closing = new PromiseCombiner(loop);
    for (Leg leg : released) {
      for (Leg other : call.legs) {
        other.forgetPeer(leg);
      }
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
    PromiseCombiner closing = new PromiseCombiner(loop);
    for (String callId : List.copyOf(calls.keySet())) {
      closing.add(release(callId, null));
    }
    Promise<Void> closed = loop.newPromise();
    closing.finish(closed);
    return closed;
  }

  /** The call's legs, for stats. */
  public List<Leg> legs(String callId) {
    return List.copyOf(existing(callId).legs);
  }

  public BlockStats blockStats() {
    StreamCounters total = new StreamCounters();
    retired.addTo(total);
    for (Call call : calls.values()) {
      for (Leg leg : call.legs) {
        leg.rtp().addTo(total);
        leg.rtcp().addTo(total);
      }
    }
    PortBlock block = binder.block();
    return new BlockStats(block.usedCount(), block.freeCount(), total.packets(), total.bytes(),
        total.errors(), drops);
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
