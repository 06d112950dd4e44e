package rtpmesh.media.dtls;

/** Why a datagram handed to a {@link DtlsEndpoint} was discarded without reaching the record layer. */
public enum DtlsDropReason {
  /** First byte outside 20..63 (RFC 7983 §7): the demultiplexer should not have sent it here. */
  NOT_DTLS("not-dtls"),
  /** Not a sequence of whole DTLS record headers (RFC 6347 §4.1). */
  MALFORMED("malformed"),
  /** The handshake's inbound queue was full (a flood, or a stalled worker). */
  QUEUE_FULL("queue-full"),
  /** Application data after the handshake; DTLS-SRTP carries none (no data channels here). */
  APPLICATION_DATA("application-data"),
  /** The endpoint has closed or failed. */
  NOT_OPEN("not-open");

  private final String wireName;

  DtlsDropReason(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
