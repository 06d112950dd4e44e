package rtpmesh.media.relay;

import rtpmesh.media.MediaApi;

/** Every way a control operation on a block can fail: failure code and ng-style reason. */
public enum RelayError {
  BAD_REQUEST(400, "Invalid request"),
  UNKNOWN_CALL(404, "Unknown call-id"),
  UNKNOWN_PORT(404, "Unknown port"),
  NO_PORTS(503, MediaApi.ERR_NO_PORTS),
  BIND_FAILED(500, "Failed to bind socket"),
  /** A tap asked for a call that the node's recorder does not record (or no recorder runs). */
  NOT_RECORDING(409, "Call is not being recorded"),
  /** An adopted pair that cannot be bound: "Cannot bind port 30000: Address already in use". */
  CANNOT_BIND_PORT(500, "Cannot bind port");

  private final int code;
  private final String reason;

  RelayError(int code, String reason) {
    this.code = code;
    this.reason = reason;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public RelayException exception(String detail) {
    return new RelayException(this, detail == null ? reason : reason + ": " + detail);
  }

  /** The reason naming what failed, then why: "reason subject: detail". */
  public RelayException exception(Object subject, String detail) {
    return new RelayException(this, reason + " " + subject + ": " + detail);
  }
}
