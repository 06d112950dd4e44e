package rtpmesh.media.ice;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pairs of one component (RFC 8445 §6.1.2) and the triggered-check queue (§6.1.4.1), with the
 * choice of which pair to check next. With a single local candidate a pair is keyed by its remote
 * address. Owned by one event loop.
 */
final class CheckList {
  private final Map<InetSocketAddress, CandidatePair> pairs = new LinkedHashMap<>();
  private final ArrayDeque<CandidatePair> triggered = new ArrayDeque<>();
  private final long localPriority;

  CheckList(long localPriority) {
    this.localPriority = localPriority;
  }

  CandidatePair get(InetSocketAddress remote) {
    return pairs.get(remote);
  }

  /** Adds a pair unless the list is full ({@link IceAgent#MAX_PAIRS}); the existing or new pair, or null. */
  CandidatePair add(InetSocketAddress remote, long remotePriority) {
    CandidatePair pair = pairs.get(remote);
    if (pair == null && pairs.size() < IceAgent.MAX_PAIRS) {
      pair = new CandidatePair(remote, remotePriority);
      pairs.put(remote, pair);
    }
    return pair;
  }

  Collection<CandidatePair> pairs() {
    return pairs.values();
  }

  /** §7.3.1.4: a check that arrived on a pair we have not validated triggers one of ours. */
  void trigger(CandidatePair pair) {
    if (pair.state == CandidatePair.State.FAILED) {
      pair.state = CandidatePair.State.WAITING;
    }
    if (!pair.triggered && pair.state == CandidatePair.State.WAITING) {
      pair.triggered = true;
      triggered.add(pair);
    }
  }

  /**
   * The pair to check next, or null: a triggered one first (§6.1.4.2), then, unless a nomination is
   * under way, the best succeeded pair (to nominate, §8.1.1), then the best waiting one.
   */
  CandidatePair next(IceRole role, boolean nominating) {
    for (CandidatePair pair; (pair = triggered.poll()) != null; ) {
      pair.triggered = false;
      if (pair.state != CandidatePair.State.IN_PROGRESS) {
        return pair;
      }
    }
    CandidatePair best = nominating ? null : best(CandidatePair.State.SUCCEEDED, role);
    return best != null ? best : best(CandidatePair.State.WAITING, role);
  }

  private CandidatePair best(CandidatePair.State wanted, IceRole role) {
    CandidatePair best = null;
    for (CandidatePair pair : pairs.values()) {
      if (pair.state == wanted
          && (best == null || pair.priority(role, localPriority) > best.priority(role, localPriority))) {
        best = pair;
      }
    }
    return best;
  }

  /** True when there are pairs, none is queued, and every one failed. */
  boolean allFailed() {
    if (pairs.isEmpty() || !triggered.isEmpty()) {
      return false;
    }
    for (CandidatePair pair : pairs.values()) {
      if (pair.state != CandidatePair.State.FAILED) {
        return false;
      }
    }
    return true;
  }
}
