package rtpmesh.media;

/**
 * The control contract of the media plane: event-bus addresses and the JSON fields of the messages
 * that the control plane sends to one media-verticle instance (one port block). Control and state
 * only; no packet ever crosses the event bus.
 *
 * <p>Every request is a JsonObject with {@code op} and {@code call} (the call-id). Replies are
 * JsonObjects; a failure is {@code message.fail(code, reason)} with the ng error wording as reason.
 *
 * <ul>
 *   <li>{@code allocate}: {@code {op, call, address, count}} binds {@code count} RTP/RTCP socket pairs
 *       (RTP even, RTCP = RTP + 1) on local {@code address}; reply {@code {ports: [rtp, ...]}}.
 *       Fails with {@link #ERR_NO_PORTS} when the block has no free pair.</li>
 *   <li>{@code configure}: {@code {op, call, legs: [leg...]}} replaces the forwarding config of every
 *       leg named (legs not named keep theirs). A leg is one local socket pair facing one party:
 *       {@code port} (local RTP port, the key), {@code peer} (local RTP port of the leg whose party
 *       receives what this leg's party sends; absent or 0 = drop), {@code remote}/{@code remotePort}/
 *       {@code remoteRtcpPort} (the party's address from its SDP; may be absent or port 0 = not yet
 *       known), {@code mux} (party multiplexes RTCP on the RTP port), {@code send} (forward what this
 *       party sends), {@code recv} (deliver to this party), {@code strict} (drop packets not from the
 *       SDP address), {@code latch} (learn the party's source once and keep it; otherwise re-learn on
 *       every change of source).</li>
 *   <li>{@code release}: {@code {op, call, ports?: [rtp...]}} closes the listed pairs, or all of the
 *       call's pairs when {@code ports} is absent; reply {@code {released: n}}.</li>
 *   <li>{@code stats}: {@code {op, call}}; reply {@code {legs: {"<rtp port>": {rtp: S, rtcp: S}}}} with
 *       S = {@code {packets, bytes, errors, last (epoch ms of the last packet, 0 = none),
 *       endpoint ("addr:port" learned, absent if none)}}.</li>
 *   <li>{@code blockStats}: {@code {op}}; reply {@code {ports: usedPairs, free: freePairs, packets, bytes,
 *       errors, drops}} for the whole block.</li>
 * </ul>
 *
 * <p>Media events published by a block on {@link #timeoutAddress(String)}: {@code {call, reason}}
 * with reason {@code timeout} (no packet for the block's {@code timeout} seconds after media had
 * flowed) or {@code silent-timeout}.
 */
public final class MediaApi {
  private MediaApi() {}

  public static final String OP_ALLOCATE = "allocate";
  public static final String OP_CONFIGURE = "configure";
  public static final String OP_RELEASE = "release";
  public static final String OP_STATS = "stats";
  public static final String OP_BLOCK_STATS = "blockStats";

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
