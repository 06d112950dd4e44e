package rtpmesh.media.ice;

import rtpmesh.media.stun.StunError;

/**
 * Counters of one {@link IceAgent}: drops and rejections per {@link IceError}, malformed packets per
 * {@link StunError}, and the normal events. Owned by one event loop; holds no lock.
 */
public final class IceCounters {
  private final long[] errors = new long[IceError.values().length];
  private final long[] malformed = new long[StunError.values().length];
  long answered;
  long checksSent;
  long retransmissions;
  long checksSucceeded;
  long checksTimedOut;
  long roleSwitches;
  long nominations;
  long consentChecks;
  long consentExpired;

  void count(IceError error) {
    errors[error.ordinal()]++;
  }

  void countMalformed(StunError error) {
    malformed[error.ordinal()]++;
    count(IceError.MALFORMED);
  }

  public long get(IceError error) {
    return errors[error.ordinal()];
  }

  public long malformed(StunError error) {
    return malformed[error.ordinal()];
  }

  /** Binding requests answered with a success response. */
  public long answered() {
    return answered;
  }

  /** First transmissions of our own checks (consent checks included). */
  public long checksSent() {
    return checksSent;
  }

  public long retransmissions() {
    return retransmissions;
  }

  public long checksSucceeded() {
    return checksSucceeded;
  }

  public long checksTimedOut() {
    return checksTimedOut;
  }

  public long roleSwitches() {
    return roleSwitches;
  }

  /** Times the selected pair changed. */
  public long nominations() {
    return nominations;
  }

  public long consentChecks() {
    return consentChecks;
  }

  public long consentExpired() {
    return consentExpired;
  }
}
