package rtpmesh.media;

/**
 * The control contract of the media plane: event-bus addresses and the JSON fields of the messages
 * that the control plane sends to one media-verticle instance (one port block). Control and state
 * only; no packet ever crosses the event bus.
 *
 * <p>Every request is a JsonObject with {@code op} and {@code call} (the call-id). Replies are
 * JsonObjects; a failure is {@code message.fail(code, reason)} with the ng error wording as reason
 * (codes: 400 bad request, 404 unknown call-id or port, 503 {@link #ERR_NO_PORTS}, 500 bind error;
 * see {@code rtpmesh.media.relay.RelayError}). Addresses ({@code address}, {@code remote}) must be
 * IPv4 or IPv6 literals: the media loop never resolves names.
 *
 * <ul>
 *   <li>{@code allocate}: {@code {op, call, address, count}} binds {@code count} RTP/RTCP socket pairs
 *       (RTP even, RTCP = RTP + 1) on local {@code address}; reply {@code {ports: [rtp, ...]}}.
 *       {@code count} defaults to 1. All or none: fails with {@link #ERR_NO_PORTS} when the block has
 *       no free pair left (pairs some other socket holds are skipped), and then binds nothing.</li>
 *   <li>{@code adopt}: {@code {op, call, address, ports: [rtp...], retryMs?}} binds exactly these pairs
 *       (RTP port p, even, and RTCP p + 1) on local {@code address}, to take over a failed node's call
 *       on its (floating) address without a re-INVITE; reply {@code {ports: [rtp, ...]}} as requested.
 *       A port of the block's own range comes out of its pool; any other port is foreign: bound and
 *       tracked, closed on release, never pooled (so later allocations cannot hand it out). A pair the
 *       call already holds on {@code address} is left as it is, config and counters included (a
 *       repeated takeover is a no-op for it). A pair that will not bind (the dying process may still
 *       hold it) is retried every 50 ms on the loop's timer until {@code retryMs} (default 0) after the
 *       request; keep it well under the request's timeout. All or none: fails with code 500 and reason
 *       {@code Cannot bind port <p>: <cause>} (also when the block holds p for another call, at once)
 *       and then leaves nothing of the request bound.</li>
 *   <li>{@code configure}: {@code {op, call, legs: [leg...]}} replaces the forwarding config of every
 *       leg named (legs not named keep theirs). A leg is one local socket pair facing one party:
 *       {@code port} (local RTP port, the key), {@code peer} (local RTP port of the leg whose party
 *       receives what this leg's party sends; absent or 0 = drop), {@code remote}/{@code remotePort}/
 *       {@code remoteRtcpPort} (the party's address from its SDP; may be absent or port 0 = not yet
 *       known), {@code mux} (party multiplexes RTCP on the RTP port), {@code send} (forward what this
 *       party sends), {@code recv} (deliver to this party), {@code strict} (drop packets not from the
 *       SDP address), {@code latch} (learn the party's source once and keep it; otherwise re-learn on
 *       every change of source). A peer must be a leg of the same call in the same block (one event
 *       loop relays both). A changed {@code remote}/ports forgets the learned endpoints. RTCP goes to
 *       the learned RTCP source, else {@code remoteRtcpPort}, else {@code remotePort + 1}. Reply
 *       {@code {configured: n}}; a request naming an unknown port changes nothing.</li>
 *   <li>{@code release}: {@code {op, call, ports?: [rtp...]}} closes the listed pairs, or all of the
 *       call's pairs when {@code ports} is absent; reply {@code {released: n}}.</li>
 *   <li>{@code stats}: {@code {op, call}}; reply {@code {legs: {"<rtp port>": {rtp: S, rtcp: S}}}} with
 *       S = {@code {packets, bytes, errors, last (epoch ms of the last packet, 0 = none),
 *       endpoint ("addr:port" learned, absent if none)}}; the rtp S also has {@code ssrc} (last
 *       RTP SSRC seen, unsigned) once a packet arrived. Counters are what the party sent to us;
 *       {@code errors} counts its packets dropped for a fault (strict source, socket error).</li>
 *   <li>{@code blockStats}: {@code {op}}; reply {@code {ports: usedPairs, free: freePairs, foreign:
 *       adoptedForeignPairs, packets, bytes, errors, drops, dropReasons: {"<reason>": n}}} for the whole
 *       block, released legs included (reasons: {@code rtpmesh.media.relay.DropReason} wire names);
 *       {@code ports} and {@code free} count the block's own range only.</li>
 *   <li>{@code timeouts}: {@code {op, timeout?, silentTimeout?}} sets the block's media timeouts
 *       (seconds, both > 0; an absent one is kept) from the next check on; reply {@code {timeout,
 *       silentTimeout}} as they now are (so {@code {op}} alone reads them). Fails with code 400 and
 *       changes nothing on a value <= 0.</li>
 * </ul>
 *
 * <p>Media events published by a block on {@link #timeoutAddress(String)}: {@code {call, reason, block}}
 * with reason {@code timeout} or {@code silent-timeout}, checked once a second. A leg's last activity
 * is its last packet or the call's last allocate/configure, whichever is later; a leg whose party
 * does not send ({@code send:false}) gets the block's {@code silentTimeout} instead of {@code timeout}.
 * A call is reported when none of its legs is within its limit, once, until it shows activity again;
 * the reason is {@code silent-timeout} if any leg was not sending. The block keeps the call's ports
 * until the control plane releases them.
 */
public final class MediaApi {
  private MediaApi() {}

  public static final String OP_ALLOCATE = "allocate";
  public static final String OP_ADOPT = "adopt";
  public static final String OP_CONFIGURE = "configure";
  public static final String OP_RELEASE = "release";
  public static final String OP_STATS = "stats";
  public static final String OP_BLOCK_STATS = "blockStats";
  public static final String OP_TIMEOUTS = "timeouts";

  public static final String ERR_NO_PORTS = "Ran out of ports";

  /** Address of one media block of one node (local consumer). */
  public static String blockAddress(String nodeId, int block) {
    return "rtpmesh.node." + nodeId + ".media." + block;
  }

  /** Where a node's media blocks report calls that timed out (local consumer in the control plane). */
  public static String timeoutAddress(String nodeId) {
    return "rtpmesh.node." + nodeId + ".media.timeout";
  }
}
