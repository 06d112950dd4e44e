package rtpmesh.media.relay;

import rtpmesh.media.MediaApi;

/** Every way a control operation on a block can fail: failure code and ng-style reason. */
public enum RelayError {
  BAD_REQUEST(400, "Invalid request"),
  UNKNOWN_CALL(404, "Unknown call-id"),
  UNKNOWN_PORT(404, "Unknown port"),
  NO_PORTS(503, MediaApi.ERR_NO_PORTS),
  BIND_FAILED(500, "Failed to bind socket");

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
    return new RelayException(this, detail);
  }
}
