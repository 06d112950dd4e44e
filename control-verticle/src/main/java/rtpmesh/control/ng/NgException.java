package rtpmesh.control.ng;

/**
 * A command that fails with rtpengine's wording: the message is the reply's {@code error-reason}.
 * SIP proxies string-match some of these, so the constants below are rtpengine's exact texts.
 */
public final class NgException extends RuntimeException {
  public static final String INVALID_FORMAT = "Invalid NG data format";
  public static final String NO_PAYLOAD = "Invalid data (no payload)";
  public static final String BAD_BENCODE = "Could not decode bencode dictionary";
  public static final String NO_COMMAND = "Dictionary contains no key \"command\"";
  public static final String UNKNOWN_COMMAND = "Unrecognized command";
  public static final String NO_CALL_ID = "No call-id in message";
  public static final String NO_FROM_TAG = "No from-tag in message";
  public static final String NO_SDP = "No SDP body in message";
  public static final String UNKNOWN_CALL = "Unknown call-id";
  public static final String PARSE_SDP = "Failed to parse SDP";
  public static final String REWRITE_SDP = "Error rewriting SDP";
  public static final String NOT_FOUND = "Call-ID not found or tags didn't match";
  public static final String NO_PORTS = "Ran out of ports";
  public static final String SESSION_LIMIT = "Parallel session limit reached";
  public static final String INTERNAL = "Internal error";

  public NgException(String reason) {
    super(reason, null, false, false);
  }
}
