package rtpmesh.media.dtls;

/** Why a DTLS handshake or association ended badly. Each is counted; none is thrown. */
public enum DtlsError {
  /** The peer's certificate does not hash to any {@code a=fingerprint} of its SDP (RFC 8122 §5). */
  FINGERPRINT_MISMATCH("fingerprint-mismatch"),
  /** The peer sent no certificate; DTLS-SRTP needs one on both sides (RFC 5763 §5). */
  NO_PEER_CERTIFICATE("no-peer-certificate"),
  /** No {@code use_srtp} extension, or no profile in common (RFC 5764 §4.1.1). */
  NO_SRTP_PROFILE("no-srtp-profile"),
  /** The handshake did not finish within the configured time. */
  TIMEOUT("timeout"),
  /** Too many handshakes in progress on this node; this one was not started. */
  OVERLOADED("overloaded"),
  /** The peer sent a fatal alert. */
  ALERT_RECEIVED("alert-received"),
  /** Any other protocol failure (bad message, unsupported parameters, internal error). */
  HANDSHAKE_FAILED("handshake-failed");

  private final String wireName;

  DtlsError(String wireName) {
    this.wireName = wireName;
  }

  /** Name used in stats and logs. */
  public String wireName() {
    return wireName;
  }
}
