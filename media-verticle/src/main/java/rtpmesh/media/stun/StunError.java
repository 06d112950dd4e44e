package rtpmesh.media.stun;

/**
 * Why a datagram is not an acceptable STUN message. Decoding and verification return one of these
 * instead of throwing, so the packet path can count the drop by name.
 */
public enum StunError {
  /** Not an error: the message decoded (or verified). */
  NONE,
  /** Fewer than the 20 header bytes. */
  TOO_SHORT,
  /** The two most significant bits are not zero (RFC 5389 §6), so this is RTP, DTLS or noise. */
  NOT_STUN,
  /** The magic cookie is not 0x2112A442. */
  BAD_COOKIE,
  /** The length field is not a multiple of 4, or the datagram has bytes past the message. */
  BAD_LENGTH,
  /** The length field claims more bytes than the datagram has. */
  TRUNCATED,
  /** An attribute overruns the message, or a known attribute has the wrong size. */
  BAD_ATTRIBUTE,
  /** FINGERPRINT is not the last attribute (RFC 5389 §15.5). */
  ATTRIBUTE_AFTER_FINGERPRINT,
  /** MESSAGE-INTEGRITY is required but absent. */
  MISSING_INTEGRITY,
  /** MESSAGE-INTEGRITY does not match the key (RFC 5389 §15.4). */
  BAD_INTEGRITY,
  /** FINGERPRINT does not match the CRC-32 of the message (RFC 5389 §15.5). */
  BAD_FINGERPRINT
}
