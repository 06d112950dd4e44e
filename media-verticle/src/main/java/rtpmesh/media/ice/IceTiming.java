package rtpmesh.media.ice;

/**
 * Timers of an ICE agent, in milliseconds. {@link #DEFAULT} follows the RFCs: Ta 50 ms (RFC 8445
 * §14.2); RTO 500 ms doubling, Rc 7 transmissions, then Rm 16 RTOs (RFC 5389 §7.2.1, so a check
 * gives up after 39.5 s); consent every 5 s randomized to 0.8..1.2 and expiry after 30 s without a
 * response (RFC 7675 §5.1).
 */
public record IceTiming(
    long taMs,
    long rtoMs,
    int maxTransmissions,
    int lastWaitFactor,
    long consentIntervalMs,
    long consentTimeoutMs) {

  public static final IceTiming DEFAULT = new IceTiming(50, 500, 7, 16, 5_000, 30_000);

  /** How long after the first transmission a check that never got a response times out. */
  public long checkTimeoutMs() {
    long total = 0;
    long rto = rtoMs;
    for (int i = 1; i < maxTransmissions; i++) {
      total += rto;
      rto *= 2;
    }
    return total + lastWaitFactor * rtoMs;
  }
}
