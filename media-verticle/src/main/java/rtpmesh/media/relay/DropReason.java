package rtpmesh.media.relay;

/**
 * Why the relay did not forward a packet. Policy drops (hold, no peer yet) are normal call states;
 * the others also count as an error on the leg the packet came from.
 */
public enum DropReason {
  /** {@code strict}: the source differs from the address in the party's SDP. */
  STRICT_SOURCE("strict-source", true),
  /** {@code send:false}: the party is on hold or sendonly/inactive. */
  HOLD("hold", false),
  /** No peer leg configured (yet), or it was released. */
  NO_PEER("no-peer", false),
  /** The peer has {@code recv:false}. */
  PEER_NOT_RECEIVING("peer-not-receiving", false),
  /** The peer's address is neither in its SDP nor learned yet. */
  NO_DESTINATION("no-destination", false),
  /** The peer socket's outbound buffer is full; dropping beats queueing for real-time media. */
  BACKPRESSURE("backpressure", true),
  /** An SRTP/SRTCP packet failed authentication, was replayed, or could not be decrypted. */
  SRTP_UNPROTECT("srtp-unprotect", true),
  /** A packet could not be protected for its receiver (no room for the tag, or a cipher error). */
  SRTP_PROTECT("srtp-protect", true),
  /** The socket reported an error (a refused send, a failed read); counted when Netty reports it. */
  SOCKET_ERROR("socket-error", true),
  /**
   * A STUN packet the leg's ICE agent did not accept (unauthenticated, malformed, unmatched), or
   * STUN on a leg without ICE. An unauthenticated request may still get an error response.
   */
  STUN_REJECTED("stun-rejected", true),
  /** Media from or to a DTLS party before its handshake completed: never plain RTP to it. */
  DTLS_PENDING("dtls-pending", false),
  /**
   * A DTLS record on a leg without DTLS, on its RTCP socket (only the RTP component runs DTLS), or,
   * on an ICE leg, from an address ICE has not validated.
   */
  DTLS_UNEXPECTED("dtls-unexpected", true),
  /** RFC 7675 §5.1: the party's ICE consent expired, so nothing more is sent to it. */
  CONSENT_EXPIRED("consent-expired", false),
  /** On a BUNDLE transport: an RTP packet whose MID, SSRC and payload type match no bundled section. */
  BUNDLE_UNROUTED("bundle-unrouted", true),
  /** RFC 7983 §7: a first byte that is neither STUN, DTLS nor RTP/RTCP on an ICE or DTLS leg. */
  NOT_MEDIA("not-media", true),
  /** A transcoded leg got RTP it cannot decode: an unnegotiated payload type or a corrupt payload. */
  UNDECODABLE("undecodable", true),
  /** ng block media (or media echo blackhole): the party's media is kept from its peer. */
  BLOCKED("blocked", false),
  /** What the receiver hears is replaced: a playback to it, or it hears its own echo. */
  REPLACED("replaced", false);

  private final String wireName;
  private final boolean error;

  DropReason(String wireName, boolean error) {
    this.wireName = wireName;
    this.error = error;
  }

  /** Name used in stats replies. */
  public String wireName() {
    return wireName;
  }

  public boolean isError() {
    return error;
  }
}
