package rtpmesh.media.port;

/** Every pair of the block is reserved or held by some other socket. */
public final class NoFreePortException extends Exception {
  public NoFreePortException() {
    super("no free RTP/RTCP port pair in the block", null, false, false);
  }
}
