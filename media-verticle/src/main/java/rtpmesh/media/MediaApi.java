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
 *       a change of source during the 3 s after each configure, rtpengine's delayed endpoint
 *       learning, and keep it after that: a stranger's packets are then forwarded as rtpengine
 *       forwards them without {@code strict}, but never redirect the party's media). A peer must be a leg of the same call in the same block (one event
 *       loop relays both). A changed {@code remote}/ports forgets the learned endpoints. RTCP goes to
 *       the learned RTCP source, else {@code remoteRtcpPort}, else {@code remotePort + 1}.
 *       {@code srtp}: {@code {suite, sendKey, recvKey}} SDES keys (base64 key||salt; we protect with
 *       sendKey, the party with recvKey). WebRTC (both optional, see below):
 *       <ul>
 *         <li>{@code ice}: {@code {ufrag, pwd, remoteUfrag, remotePwd, controlling, remoteLite,
 *             remoteCandidates?}} terminates ICE towards the party: STUN Binding requests on the RTP
 *             socket (and the RTCP socket when not muxed) are answered with these credentials; when
 *             {@code controlling} or the party is lite, the leg also checks and nominates the party's
 *             {@code remoteCandidates: ["addr:port", ...]} (component 1, RTP socket; also accepted as a
 *             leg field). The first authenticated check's source, then the nominated pair, is where
 *             media goes (media never re-learns it). STUN never reaches the peer; STUN that fails
 *             authentication is dropped ({@code stun-rejected}; a 401 may be answered). When consent
 *             expires (RFC 7675: no response for 30 s) nothing more is sent to the party
 *             ({@code consent-expired}) until an ICE restart (new credentials). The same credentials
 *             in a later configure keep the agent; new candidates are added.</li>
 *         <li>{@code dtls}: {@code {role: "client"|"server", remoteFingerprint: "sha-256 AB:..."}} runs
 *             DTLS-SRTP with the party on the RTP socket (the RTCP socket does none: SRTCP uses the
 *             same keys). A server listens at once; a client starts once the party's address is
 *             known (with ICE: its first authenticated check; without: SDP or first packet). Until
 *             the handshake completes, media both ways is dropped ({@code dtls-pending}): plain RTP
 *             is never sent to a DTLS party. Then the SRTP contexts come from the exported keys, as
 *             with {@code srtp} (which is ignored when {@code dtls} is present), and the keys are
 *             published once on {@link #eventsAddress}. The same {@code dtls} in a later configure
 *             keeps the association and its SRTP state; a different one starts a new handshake.</li>
 *       </ul>
 *       {@code forks}: {@code [port...]} media forks (ng {@code subscribe request}): every RTP and RTCP
       packet this leg's party sends is also sent, decrypted, to the party of each listed leg of the
       call (from that leg's sockets, to its {@code remote} or learned address, SRTP-protected with its
       {@code srtp} keys if it has them, unless that leg has {@code recv:false}); the original goes on
       to {@code peer} unchanged. A copy that cannot be sent is dropped and counted, never the original.
       A fork leg's own party usually has no {@code peer}: what it sends is dropped ({@code no-peer}).
       {@code bundle}: {@code {midExtension?, streams: [{mid, peer, payloadTypes: [pt...], remote?,
 *       remotePort?}...]}} makes
 *       the leg a BUNDLE transport (RFC 8843) for several media sections of its party: each RTP packet
 *       goes to the {@code peer} of the section its MID header extension names (extmap id
 *       {@code midExtension}, 0 = none), else of the section its SSRC was seen in, else of the
 *       section listing its payload type; none: dropped ({@code bundle-unrouted}). RTCP goes by the
 *       sender's SSRC, else by the reported SSRC, else to the first section. Legs that send to the
 *       bundled party name this leg as their {@code peer}; it is muxed ({@code mux}). A stream with
 *       {@code remote}/{@code remotePort} (a party that declined our BUNDLE offer) gets that section's
 *       RTP there instead of at the leg's destination.
 *       {@code codec} (transcoding, optional): {@code {pt, name, rate, channels, fmtp?, ptime, dtmfPt, cnPt}}
 *      says what the leg's party speaks (encoding name as in SDP: PCMU, PCMA, G722, opus; RTP clock rate;
 *      ptime in ms it gets; its telephone-event and CN payload types, -1 = none). When a leg and its peer
 *      both have one, RTP between them is transcoded on the loop: decoded from the sender's codec,
 *      resampled, re-encoded in the receiver's codec and ptime, with our own SSRC, sequence numbers and
 *      timestamps; telephone-event is mapped to the receiver's payload type and clock, or played as
 *      in-band tones when the receiver has none; the sender's RTCP is not forwarded, we send sender
 *      reports (SR + SDES) for the stream we make. RTP of another payload type, or that does not decode,
 *      is dropped ({@code undecodable}). Without {@code codec} on both legs packets pass unchanged. The
 *      same pair of codecs in a later configure keeps the codec state. {@code detectDtmf} listens for the
 *      party's in-band DTMF (always done when the peer takes telephone-event and the party has none: the
 *      digits are sent on as RFC 4733); {@code blockDtmf} keeps the party's digits from the peer. Each
 *      digit the party sends is published on {@link #eventsAddress} as {@code {call, port, event: "dtmf",
 *      digit, duration (ms), volume, source: "rfc4733"|"inband", block}}.
 *       On an ICE/DTLS leg each datagram is demultiplexed by its first byte (RFC 7983): 0-3 STUN,
 *       20-63 DTLS, 128-191 RTP/RTCP, anything else dropped ({@code not-media}). Reply
 *       {@code {configured: n}}; a request naming an unknown port changes nothing.</li>
 *   <li>{@code release}: {@code {op, call, ports?: [rtp...]}} closes the listed pairs, or all of the
 *       call's pairs when {@code ports} is absent; reply {@code {released: n}}.</li>
 *   <li>{@code stats}: {@code {op, call}}; reply {@code {legs: {"<rtp port>": {rtp: S, rtcp: S}}}} with
 *       S = {@code {packets, bytes, errors, last (epoch ms of the last packet, 0 = none),
 *       endpoint ("addr:port" learned, absent if none)}}; the rtp S also has {@code ssrc} (last
 *       RTP SSRC seen, unsigned) once a packet arrived. Counters are what the party sent to us;
 *       {@code errors} counts its packets dropped for a fault (strict source, socket error).
 *       An ICE leg also has {@code ice} (new, checking, connected, failed) and a DTLS leg {@code dtls}
 *       (new, waiting, handshaking, connected, failed, closed).</li>
 *   <li>{@code blockStats}: {@code {op}}; reply {@code {ports: usedPairs, free: freePairs, foreign:
 *       adoptedForeignPairs, packets, bytes, errors, drops, dropReasons: {"<reason>": n}}} for the whole
 *       block, released legs included (reasons: {@code rtpmesh.media.relay.DropReason} wire names);
 *       {@code ports} and {@code free} count the block's own range only.</li>
 *   <li>{@code timeouts}: {@code {op, timeout?, silentTimeout?}} sets the block's media timeouts
 *       (seconds, both > 0; an absent one is kept) from the next check on; reply {@code {timeout,
 *       silentTimeout}} as they now are (so {@code {op}} alone reads them). Fails with code 400 and
 *       changes nothing on a value <= 0.</li>
 *   <li>{@code playDtmf}: {@code {op, call, port, digits, duration?, pause?, volume?}} plays the digits
 *       (0-9, *, #, A-D; duration 100 ms, pause 50 ms, volume 8 (-dBm0) by default) into what the party
 *       of the leg at {@code port} sends, as RFC 4733 when the peer takes telephone-event, else as tones;
 *       paced by that party's packets. Reply {@code {played: false}} when the stream is not
 *       transcoded (nothing to play into).</li>
 *   <li>{@code playMedia}: {@code {op, call, port, codec: {pt, name, rate, channels, fmtp?, ptime}, file | blob,
 *       repeat?, repeatMs?, startFrame?}} plays a WAV file (path on this node) or {@code blob} (WAV bytes, base64 in
 *       JSON) to the party of the leg at {@code port}, encoded in {@code codec} (what the party receives),
 *       one packet per ptime from the block's timer, {@code repeat} times (default 1; with {@code repeatMs} as many passes as
 *       fill that time, at most {@code repeat}) from frame
 *       {@code startFrame} (a frame = one ptime). While it plays, what the peer sends the party is
 *       dropped ({@code replaced}) and the party's stream keeps one SSRC and continuous sequence
 *       numbers and timestamps across start and end (relay.LegSource). The file is read and decoded
 *       off the loop, once (cached by path, mtime, size). A new playback replaces a running one. Reply
 *       {@code {duration}} (ms, one pass) once it runs; fails with 422 and a reason such as {@code Media
 *       file '/x.wav' not found} for a file that cannot be played. {@link #EVENT_MEDIA_ENDED} when it
 *       ends.</li>
 *   <li>{@code stopMedia}: {@code {op, call, port}}; reply {@code {stopped, lastFramePos}} (-1 when
 *       nothing played).</li>
 *   <li>{@code legServices}: {@code {op, call, port, block?, dtmfPt?, silence?, silencePt?, echo?}} sets
 *       what happens to the media the leg's party sends, kept across configures: {@code block} drops it
 *       (RFC 4733 of {@code dtmfPt} passes), {@code silence} ("PCMU", "PCMA", "G722") replaces the
 *       payload of its RTP of {@code silencePt} with silence in place, {@code echo} sends it back to
 *       the party (on a stream of our own SSRC) and drops what the peer sends it. All false clears.
 *       Reply {@code {}}.</li>
 *   <li>{@code mix}: {@code {op, call, ports: [rtp...]}} makes exactly these legs of the call a
 *       conference room (an empty list ends it): what each member's party sends is decoded with the
 *       leg's {@code codec} (required: PCMU, PCMA, G722 or opus) into the room's mix instead of going to
 *       a peer, and every 20 ms each member's party gets the mix of the others without itself, encoded
 *       in its own codec from the leg's RTP socket (our SSRC, continuous sequence numbers and
 *       timestamps). Members keep their mix state across a later {@code mix} or {@code configure}
 *       with the same codec. The parties' RTCP is not forwarded. Reply {@code {mixing: n}}; fails
 *       with 404 for a port not in the call and 400 for a leg without a mixable codec, changing
 *       nothing.</li>
 *   <li>{@code tap}: {@code {op, call, on}} with {@code on: true} gives every leg of the call (and legs
 *       it gets later) the recorder's {@link rtpmesh.media.relay.MediaTap} for the call, which copies each
 *       RTP/RTCP packet the parties send (decrypted) on the loop; {@code on: false} takes it off and hands
 *       over what it buffered before replying (so a recorder told to stop afterwards has every packet).
 *       Reply {@code {tapped: on}}; fails with 404 for an unknown call, 409 {@code Call is not being
 *       recorded} when the node's recorder has no recording for the call (or no recorder runs). Releasing
 *       the call's last pair takes the tap off too.</li>
 *   <li>{@code bridge}: {@code {op, call, port, toBlock?, toCall?, toPort?}} joins the party of the leg at
 *       {@code port} to leg {@code toPort} of call {@code toCall} in block {@code toBlock} of this node
 *       (the same block or another): what the party sends goes to that leg's party whenever the leg has
 *       no {@code peer} in its own call (configure it with peer 0). No {@code toCall} ends the bridge.
 *       One direction per request: bridge both legs for two-way media. The target is looked up when
 *       media flows, so it may be allocated or adopted later; until it exists packets are dropped
 *       ({@code no-peer}). Bridged media passes as it is (no transcoding). A bridge survives
 *       configures; released with the leg. Reply {@code {bridged: bool}}; 404 for an unknown port,
 *       400 for an unknown block.</li>
 *   <li>{@code fingerprint}: {@code {op}}; reply {@code {fingerprint: "sha-256 AB:CD:..."}}, the node's
 *       DTLS certificate (one per process, shared by all blocks) for {@code a=fingerprint}.</li>
 * </ul>
 *
 * <p>Media events published by a block on {@link #timeoutAddress(String)}: {@code {call, reason, block}}
 * with reason {@code timeout} or {@code silent-timeout}, checked once a second. A leg's last activity
 * is its last packet or the call's last allocate/configure, whichever is later; a leg whose party
 * does not send ({@code send:false}) gets the block's {@code silentTimeout} instead of {@code timeout}.
 * A call is reported when none of its legs is within its limit, once, until it shows activity again;
 * the reason is {@code silent-timeout} if any leg was not sending. The block keeps the call's ports
 * until the control plane releases them.
 *
 * <p>Media events published on {@link #eventsAddress(String)}: {@code {call, port, event: "dtls",
 * suite, localKey, remoteKey, remote?, remotePort?, block}} once per completed DTLS handshake of the
 * leg at {@code port}: {@code suite} as SDES names it, keys base64(master key || salt), {@code
 * localKey} the one we protect with (so {@code srtp: {suite, sendKey: localKey, recvKey: remoteKey}}
 * resumes the leg on another node); {@code remote}/{@code remotePort} where the party was then (the
 * ICE-validated address), so that a leg resumed elsewhere with that {@code remote} sends media
 * there before the party's next ICE check arrives.
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
  public static final String OP_FINGERPRINT = "fingerprint";
  public static final String OP_PLAY_DTMF = "playDtmf";
  public static final String OP_PLAY_MEDIA = "playMedia";
  public static final String OP_STOP_MEDIA = "stopMedia";
  public static final String OP_LEG_SERVICES = "legServices";

  /**
   * The {@code event} of a playback that ended, on {@link #eventsAddress}: {@code {call, port, event:
   * "mediaEnded", done (true: it played to the end; false: stopped or replaced), framePosition}}.
   */
  public static final String EVENT_MEDIA_ENDED = "mediaEnded";
  public static final String OP_MIX = "mix";
  public static final String OP_TAP = "tap";
  public static final String OP_BRIDGE = "bridge";

  /** The {@code event} of a DTMF digit on {@link #eventsAddress}. */
  public static final String EVENT_DTMF = "dtmf";

  /**
   * The {@code event} of an SRTP rollover counter that advanced on {@link #eventsAddress}:
   * {@code {call, port, event: "roc", direction: "send"|"recv", ssrc (unsigned), roc, block}}; once
   * per 65536 packets of a stream, never per packet. A configure's {@code srtp} may carry
   * {@code sendRoc}/{@code recvRoc}: {@code {"<ssrc>": roc}} to start from (a taken-over call).
   */
  public static final String EVENT_ROC = "roc";

  /** The {@code event} of a completed DTLS handshake on {@link #eventsAddress}. */
  public static final String EVENT_DTLS = "dtls";

  public static final String ERR_NO_PORTS = "Ran out of ports";

  /** Address of one media block of one node (local consumer). */
  public static String blockAddress(String nodeId, int block) {
    return "rtpmesh.node." + nodeId + ".media." + block;
  }

  /** Where a node's media blocks publish leg events such as {@link #EVENT_DTLS} (local consumers). */
  public static String eventsAddress(String nodeId) {
    return "rtpmesh.node." + nodeId + ".media.events";
  }

  /** Where a node's media blocks report calls that timed out (local consumer in the control plane). */
  public static String timeoutAddress(String nodeId) {
    return "rtpmesh.node." + nodeId + ".media.timeout";
  }
}
