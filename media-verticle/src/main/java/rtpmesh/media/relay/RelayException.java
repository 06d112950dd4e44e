package rtpmesh.media.relay;

/** A control operation failed with a named {@link RelayError}; never thrown on the packet path. */
public final class RelayException extends RuntimeException {
  private final RelayError error;

  /** {@code message} is the whole ng error-reason; {@link RelayError} words it. */
  RelayException(RelayError error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  public RelayError error() {
    return error;
  }
}
