package rtpmesh.media.srtp;

/**
 * Outcome of protecting or unprotecting one packet. Anything but {@link #OK} means the packet must
 * be dropped (and counted under {@link #reason()}); the buffer's indexes are left as they were.
 *
 * <p>The byte[] API returns a length, or a negative {@link #code()} that {@link #ofCode} maps back.
 */
public enum SrtpStatus {
  OK("ok"),
  /** Shorter than a header plus the trailer (tag, SRTCP index). */
  TOO_SHORT("srtp-too-short"),
  /** Not RTP/RTCP version 2, or a header (CSRCs, extension) longer than the packet. */
  BAD_HEADER("srtp-bad-header"),
  /** Authentication tag mismatch (RFC 3711 §3.3 step 6, RFC 7714 §7.2). */
  AUTH_FAIL("srtp-auth-fail"),
  /** Index already seen or left of the replay window (RFC 3711 §3.3.2). */
  REPLAY("srtp-replay"),
  /** Protect needs {@link SrtpSuite#rtpTrailerLength()} writable bytes after the packet. */
  NO_TAILROOM("srtp-no-tailroom"),
  /** The JCA provider failed; not expected with the JDK's SunJCE. */
  CIPHER_ERROR("srtp-cipher-error");

  private static final SrtpStatus[] VALUES = values();

  private final String reason;

  SrtpStatus(String reason) {
    this.reason = reason;
  }

  /** Drop reason for counters and logs. */
  public String reason() {
    return reason;
  }

  /** Negative code used by the byte[] API; 0 for OK. */
  public int code() {
    return -ordinal();
  }

  /** The status of a byte[] API result: OK for any length, else the error coded by it. */
  public static SrtpStatus ofCode(int result) {
    return result >= 0 ? OK : VALUES[-result];
  }
}
