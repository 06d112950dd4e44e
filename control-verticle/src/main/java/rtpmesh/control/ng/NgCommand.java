package rtpmesh.control.ng;

import java.util.Locale;

/**
 * The ng commands, one row each: wire name and the metric name used in counters. Dispatch lives in
 * {@link NgEngine}, keyed by this enum.
 */
public enum NgCommand {
  PING("ping", "ping"),
  OFFER("offer", "offer"),
  ANSWER("answer", "answer"),
  DELETE("delete", "delete"),
  QUERY("query", "query"),
  LIST("list", "list"),
  STATISTICS("statistics", "statistics"),
  PLAY_DTMF("play DTMF", "playdtmf"),
  BLOCK_DTMF("block DTMF", "blockdtmf"),
  UNBLOCK_DTMF("unblock DTMF", "unblockdtmf"),
  PUBLISH("publish", "publish"),
  SUBSCRIBE_REQUEST("subscribe request", "subscribe_request"),
  SUBSCRIBE_ANSWER("subscribe answer", "subscribe_answer"),
  UNSUBSCRIBE("unsubscribe", "unsubscribe"),
  PLAY_MEDIA("play media", "playmedia"),
  STOP_MEDIA("stop media", "stopmedia"),
  BLOCK_MEDIA("block media", "blkmedia"),
  UNBLOCK_MEDIA("unblock media", "unblkmedia"),
  SILENCE_MEDIA("silence media", "slnmedia"),
  UNSILENCE_MEDIA("unsilence media", "unslnmedia"),
  START_RECORDING("start recording", "startrec"),
  STOP_RECORDING("stop recording", "stoprec"),
  PAUSE_RECORDING("pause recording", "pauserec"),
  START_FORWARDING("start forwarding", "startfwd"),
  STOP_FORWARDING("stop forwarding", "stopfwd"),
  /** rtpmesh's own: move a call to fresh ports and get each party's new SDP (see CallService). */
  REANCHOR("reanchor", "reanchor"),
  /** rtpmesh's own: a party joins (or re-offers into) conference room = call-id; answered by us. */
  JOIN_ROOM("join room", "joinroom"),
  /** rtpmesh's own: a party leaves its conference room. */
  LEAVE_ROOM("leave room", "leaveroom"),
  /** rtpengine's: joins two parties (of one call or two) without offer/answer. */
  CONNECT("connect", "connect"),
  /** rtpmesh's own: an offer that rtpmesh originates (answered later with {@code answer}). */
  CREATE("create", "create"),
  /** rtpmesh's own: take a call out of the media path / put it back; both answer each party's SDP. */
  BYPASS_MEDIA("bypass media", "bypassmedia"),
  ANCHOR_MEDIA("anchor media", "anchormedia");

  public final String wire;
  public final String metric;

  NgCommand(String wire, String metric) {
    this.wire = wire;
    this.metric = metric;
  }

  public static NgCommand of(String wire) {
    if (wire == null) return null;
    String w = wire.toLowerCase(Locale.ROOT);
    for (NgCommand c : values()) if (c.wire.toLowerCase(Locale.ROOT).equals(w)) return c;
    return null;
  }
}
