package rtpmesh.media.ice;

import rtpmesh.media.stun.ErrorCode;

/**
 * Why an ICE agent rejected or dropped a STUN packet: one row per reason, with the error response
 * it earns (null: dropped silently) and whether that response can carry MESSAGE-INTEGRITY (only
 * once the request authenticated, RFC 5389 §10.1.2).
 */
public enum IceError {
  /** The datagram is not a well-formed STUN message; see {@link IceCounters#malformed}. */
  MALFORMED("malformed", null, false),
  /** A method other than Binding: nothing else is ICE (RFC 8445 §7). */
  NOT_BINDING("not-binding", null, false),
  /** RFC 8445 §7.3 / RFC 5389 §7.3: a bad FINGERPRINT is discarded silently. */
  BAD_FINGERPRINT("bad-fingerprint", null, false),
  /** RFC 5389 §10.1.2: USERNAME or MESSAGE-INTEGRITY missing. */
  MISSING_CREDENTIALS("missing-credentials", ErrorCode.BAD_REQUEST, false),
  /** RFC 8445 §7.3: USERNAME is not "localUfrag:remoteUfrag". */
  BAD_USERNAME("bad-username", ErrorCode.UNAUTHORIZED, false),
  /** RFC 5389 §10.1.2: MESSAGE-INTEGRITY does not match the local password. */
  BAD_INTEGRITY("bad-integrity", ErrorCode.UNAUTHORIZED, false),
  /** RFC 5389 §7.3.1: an unknown comprehension-required attribute. */
  UNKNOWN_ATTRIBUTE("unknown-attribute", ErrorCode.UNKNOWN_ATTRIBUTE, true),
  /** RFC 8445 §7.3.1.1: both sides claim the same role and we keep ours. */
  ROLE_CONFLICT("role-conflict", ErrorCode.ROLE_CONFLICT, true),
  /** A response whose transaction id matches none of our checks. */
  UNMATCHED_RESPONSE("unmatched-response", null, false),
  /** A response to our check failing FINGERPRINT or MESSAGE-INTEGRITY (remote password). */
  BAD_RESPONSE("bad-response", null, false),
  /** RFC 8445 §7.2.5.2.1: the response came from another address than the check went to. */
  NON_SYMMETRIC("non-symmetric", null, false),
  /** The peer answered our check with an error other than 487. */
  ERROR_RESPONSE("error-response", null, false);

  private final String wireName;
  private final ErrorCode reply;
  private final boolean authenticated;

  IceError(String wireName, ErrorCode reply, boolean authenticated) {
    this.wireName = wireName;
    this.reply = reply;
    this.authenticated = authenticated;
  }

  /** Name used in stats replies. */
  public String wireName() {
    return wireName;
  }

  /** The error response to send, or null to drop silently. */
  public ErrorCode reply() {
    return reply;
  }

  /** True when the request authenticated, so the error response carries MESSAGE-INTEGRITY. */
  public boolean authenticated() {
    return authenticated;
  }
}
