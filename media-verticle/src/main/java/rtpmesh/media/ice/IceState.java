package rtpmesh.media.ice;

/** Where one component's ICE processing stands, as the media verticle needs to know it. */
public enum IceState {
  /** Nothing received or sent yet. */
  NEW,
  /** Checks are being answered or sent; no pair is selected. */
  CHECKING,
  /** A pair is nominated and consent is fresh: media may flow to {@link IceAgent#selected()}. */
  CONNECTED,
  /** Every check failed, or consent expired (RFC 7675 §5.1): stop sending media. */
  FAILED
}
