package rtpmesh.media.relay;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;

/**
 * Where a party joined to a party of another call (ng {@code connect}) sends its media: the leg
 * {@code port} of call {@code callId} in {@code target}'s block. Calls hash to blocks by call-id, so
 * that leg may live on another event loop. Its state (destination, SRTP, counters) is only ever
 * touched on its own loop: a packet for another loop is handed over with {@link EventLoop#execute}
 * (one task per packet through Netty's lock-free MPSC queue) and sent from there; on the same loop
 * it is sent at once. No lock on either side.
 *
 * <p>The target leg is looked up on the target's loop and cached there; a released leg is looked
 * up again, so either side may be released, re-allocated or taken over in any order.
 */
public final class Bridge {
  private final Relay target;
  private final EventLoop loop;
  private final String callId;
  private final int port;
  /** Touched on {@link #loop} only. */
  private Leg cached;

  Bridge(Relay target, String callId, int port) {
    this.target = target;
    this.loop = target.loop();
    this.callId = callId;
    this.port = port;
  }

  /** True when this bridge already goes to {@code callId}/{@code port} of {@code relay}. */
  boolean goesTo(Relay relay, String call, int leg) {
    return target == relay && port == leg && callId.equals(call);
  }

  /**
   * Sends a packet the bridged party receives; called on the sender's loop, which owns the packet
   * until here. Returns the channel to flush when sent on the caller's loop, else null.
   */
  Channel deliver(DatagramPacket packet, boolean isRtcp) {
    if (loop.inEventLoop()) {
      return send(packet, isRtcp);
    }
    try {
      loop.execute(() -> {
        Channel out = send(packet, isRtcp);
        if (out != null) {
          out.flush();
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      packet.release(); // the other block is shutting down
    }
    return null;
  }

  private Channel send(DatagramPacket packet, boolean isRtcp) {
    Leg to = cached;
    if (to == null || to.isClosed()) {
      to = cached = target.bridgeTarget(callId, port);
    }
    if (to == null) {
      target.dropUnbridged(packet);
      return null;
    }
    return to.fromBridge(packet, isRtcp);
  }
}
