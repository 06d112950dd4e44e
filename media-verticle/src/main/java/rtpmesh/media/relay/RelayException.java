package rtpmesh.media.relay;

/** A control operation failed with a named {@link RelayError}; never thrown on the packet path. */
public final class RelayException extends RuntimeException {
  private final RelayError error;

  RelayException(RelayError error, String detail) {
    super(detail == null ? error.reason() : error.reason() + ": " + detail, null, false, false);
    this.error = error;
  }

  public RelayError error() {
    return error;
  }
}
