package rtpmesh.media.ice;

/** What {@link IceAgent#handle} did with one STUN datagram, so the caller knows what to send. */
public enum IceResult {
  /** A success response was written to {@code out}: send it to the sender. */
  REPLY,
  /** An error response (400, 401, 420, 487) was written to {@code out}: send it to the sender. */
  REJECT,
  /** A response to one of our checks, or an indication, updated the state; nothing to send. */
  CONSUMED,
  /** Dropped and counted under an {@link IceError}; nothing was written. */
  DROP;

  /** True when {@code out} holds a message for the sender. */
  public boolean hasReply() {
    return this == REPLY || this == REJECT;
  }
}
