package rtpmesh.media.player;

/** A media file that cannot be played; the message is the ng {@code error-reason}. */
public final class WavException extends RuntimeException {
  public WavException(String message) {
    super(message, null, false, false);
  }
}
