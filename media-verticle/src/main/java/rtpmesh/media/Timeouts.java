package rtpmesh.media;

/**
 * A block's media timeouts in seconds: set from {@link MediaConfig} at start, changed at run time by
 * the {@link MediaApi#OP_TIMEOUTS} op (the CLI's {@code set timeout}). Both stay above zero: a zero
 * timeout would end every call at the next check.
 *
 * <p>Owned by the block's event loop; holds no lock.
 */
final class Timeouts {
  private int timeout;
  private int silentTimeout;

  Timeouts(int timeout, int silentTimeout) {
    set(timeout, silentTimeout);
  }

  int timeout() {
    return timeout;
  }

  int silentTimeout() {
    return silentTimeout;
  }

  /** Sets both; throws IllegalArgumentException, changing neither, unless both are above zero. */
  void set(int timeout, int silentTimeout) {
    if (timeout <= 0 || silentTimeout <= 0) {
      throw new IllegalArgumentException("timeout " + timeout + " and silentTimeout " + silentTimeout
          + ", expected both > 0");
    }
    this.timeout = timeout;
    this.silentTimeout = silentTimeout;
  }
}
