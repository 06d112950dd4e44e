package rtpmesh.media.ice;

import rtpmesh.media.stun.TransactionId;

/**
 * One outgoing Binding request transaction (RFC 5389 §7.2.1): the exact bytes to retransmit, and
 * when. Transmissions go out at 0, RTO, 3 RTO, 7 RTO ... (the interval doubles) and after the last
 * one the check waits {@link IceTiming#lastWaitFactor} RTOs before it times out.
 */
final class Check {
  final TransactionId id;
  final CandidatePair pair;
  final byte[] packet;
  final byte[] key;
  final IceRole role;
  final boolean useCandidate;
  final boolean consent;
  private final int maxTransmissions;
  private final long lastWaitMs;
  private int transmissions = 1;
  private long interval;
  private long nextAt;

  Check(TransactionId id, CandidatePair pair, byte[] packet, byte[] key, IceRole role,
      boolean useCandidate, boolean consent, IceTiming timing, long sentAt) {
    this.id = id;
    this.pair = pair;
    this.packet = packet;
    this.key = key;
    this.role = role;
    this.useCandidate = useCandidate;
    this.consent = consent;
    // RFC 7675 §5.1 consent checks are not retransmitted: the next one, a few seconds later, is.
    this.maxTransmissions = consent ? 1 : timing.maxTransmissions();
    this.lastWaitMs = timing.lastWaitFactor() * timing.rtoMs();
    this.interval = timing.rtoMs();
    this.nextAt = sentAt + (maxTransmissions == 1 ? lastWaitMs : interval);
  }

  boolean due(long nowMs) {
    return nowMs >= nextAt;
  }

  /** True when the last transmission went out and its wait is over. */
  boolean exhausted() {
    return transmissions >= maxTransmissions;
  }

  /** Records a retransmission, scheduled from the planned time so late ticks do not drift. */
  void retransmitted() {
    transmissions++;
    interval *= 2;
    nextAt += transmissions == maxTransmissions ? lastWaitMs : interval;
  }

  int transmissions() {
    return transmissions;
  }
}
