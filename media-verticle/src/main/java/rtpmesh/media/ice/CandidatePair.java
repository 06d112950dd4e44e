package rtpmesh.media.ice;

import java.net.InetSocketAddress;

/**
 * Our one local candidate (the relay's socket) paired with one remote address, from SDP or learned
 * peer-reflexive (RFC 8445 §7.3.1.3). The relay has a single host candidate per component, so a
 * pair is identified by its remote address and there is no frozen state: every pair starts
 * waiting. Owned by one event loop.
 */
public final class CandidatePair {
  /** RFC 8445 §6.1.2.6, without Frozen. */
  public enum State { WAITING, IN_PROGRESS, SUCCEEDED, FAILED }

  private final InetSocketAddress remote;
  private final long remotePriority;
  State state = State.WAITING;
  boolean nominated;
  boolean triggered;

  CandidatePair(InetSocketAddress remote, long remotePriority) {
    this.remote = remote;
    this.remotePriority = remotePriority;
  }

  public InetSocketAddress remote() {
    return remote;
  }

  public long remotePriority() {
    return remotePriority;
  }

  public State state() {
    return state;
  }

  public boolean nominated() {
    return nominated;
  }

  /**
   * RFC 8445 §6.1.2.3: 2^32*MIN(G,D) + 2*MAX(G,D) + (G&gt;D?1:0), G being the controlling agent's
   * candidate priority and D the controlled one's.
   */
  public long priority(IceRole ourRole, long localPriority) {
    long g = ourRole == IceRole.CONTROLLING ? localPriority : remotePriority;
    long d = ourRole == IceRole.CONTROLLING ? remotePriority : localPriority;
    return (Math.min(g, d) << 32) + 2 * Math.max(g, d) + (g > d ? 1 : 0);
  }

  @Override
  public String toString() {
    return "CandidatePair[" + remote + " " + state + (nominated ? " nominated]" : "]");
  }
}
