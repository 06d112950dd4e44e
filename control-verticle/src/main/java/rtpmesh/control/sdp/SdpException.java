package rtpmesh.control.sdp;

/** An SDP body that cannot be parsed; the message says what and where. */
public final class SdpException extends Exception {
  public SdpException(String message) {
    super(message, null, false, false);
  }
}
