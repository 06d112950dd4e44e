package rtpmesh.control.ng;

import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import rtpmesh.control.call.CallService;

/**
 * Decodes an ng message, runs its command and encodes the reply; every failure becomes
 * {@code result: error} with an {@code error-reason}, so no input can break a transport.
 *
 * <p>Every command about a call is logged once, when its reply is ready, as one line that an
 * operator can grep by call-id: {@code [<call-id>] offer from-tag=a to-tag=b from 10.0.0.1:5060:
 * ok (1.2 ms)} (INFO, rtpengine's {@code --log-level} 6). Commands without a call-id (ping, list,
 * statistics) are logged at FINE (7).
 */
public final class NgEngine implements NgHandler {
  private static final Logger LOG = Logger.getLogger(NgEngine.class.getName());

  private final Map<NgCommand, Function<NgMessage, Future<Map<String, Object>>>> handlers = new EnumMap<>(NgCommand.class);
  private final Map<NgCommand, long[]> counts = new EnumMap<>(NgCommand.class);
  private final NgLimits limits;

  public NgEngine(CallService calls, Function<NgMessage, Map<String, Object>> statistics) {
    this(calls, statistics, NgLimits.DEFAULT);
  }

  public NgEngine(CallService calls, Function<NgMessage, Map<String, Object>> statistics, NgLimits limits) {
    this.limits = limits;
    handlers.put(NgCommand.PING, m -> Future.succeededFuture(reply("result", "pong")));
    handlers.put(NgCommand.OFFER, calls::offer);
    handlers.put(NgCommand.ANSWER, calls::answer);
    handlers.put(NgCommand.REANCHOR, calls::reanchor);
    handlers.put(NgCommand.JOIN_ROOM, calls::joinRoom);
    handlers.put(NgCommand.LEAVE_ROOM, calls::leaveRoom);
    handlers.put(NgCommand.CONNECT, calls::connect);
    handlers.put(NgCommand.CREATE, calls::create);
    handlers.put(NgCommand.BYPASS_MEDIA, calls::bypassMedia);
    handlers.put(NgCommand.ANCHOR_MEDIA, calls::anchorMedia);
    handlers.put(NgCommand.DELETE, calls::delete);
    handlers.put(NgCommand.QUERY, calls::query);
    handlers.put(NgCommand.PLAY_DTMF, calls::playDtmf);
    handlers.put(NgCommand.BLOCK_DTMF, m -> calls.blockDtmf(m, true));
    handlers.put(NgCommand.UNBLOCK_DTMF, m -> calls.blockDtmf(m, false));
    handlers.put(NgCommand.PUBLISH, calls::publish);
    handlers.put(NgCommand.SUBSCRIBE_REQUEST, calls::subscribeRequest);
    handlers.put(NgCommand.SUBSCRIBE_ANSWER, calls::subscribeAnswer);
    handlers.put(NgCommand.UNSUBSCRIBE, calls::unsubscribe);
    handlers.put(NgCommand.PLAY_MEDIA, calls::playMedia);
    handlers.put(NgCommand.STOP_MEDIA, calls::stopMedia);
    handlers.put(NgCommand.BLOCK_MEDIA, m -> calls.blockMedia(m, false, true));
    handlers.put(NgCommand.UNBLOCK_MEDIA, m -> calls.blockMedia(m, false, false));
    handlers.put(NgCommand.SILENCE_MEDIA, m -> calls.blockMedia(m, true, true));
    handlers.put(NgCommand.UNSILENCE_MEDIA, m -> calls.blockMedia(m, true, false));
    handlers.put(NgCommand.START_RECORDING, calls::startRecording);
    handlers.put(NgCommand.STOP_RECORDING, calls::stopRecording);
    handlers.put(NgCommand.PAUSE_RECORDING, calls::pauseRecording);
    handlers.put(NgCommand.START_FORWARDING, calls::startForwarding);
    handlers.put(NgCommand.STOP_FORWARDING, calls::stopForwarding);
    handlers.put(NgCommand.LIST, m -> Future.succeededFuture(calls.list(m)));
    handlers.put(NgCommand.STATISTICS, m -> Future.succeededFuture(statistics.apply(m)));
    for (NgCommand c : NgCommand.values()) counts.put(c, new long[1]);
  }

  /** How many times each command ran (for statistics and metrics). */
  public long count(NgCommand c) {
    return counts.get(c)[0];
  }

  @Override
  public Future<byte[]> handle(byte[] payload, SocketAddress from) {
    NgMessage msg;
    try {
      msg = NgWire.decode(payload);
    } catch (NgException e) {
      return Future.succeededFuture(NgWire.error(e.getMessage(), false));
    }
    boolean json = msg.json();
    long t0 = System.nanoTime();
    Future<Map<String, Object>> result;
    try {
      Object cmd = msg.dict().get("command");
      if (!(cmd instanceof String name)) throw new NgException(NgException.NO_COMMAND);
      NgCommand command = NgCommand.of(name);
      if (command == null) throw new NgException(NgException.UNKNOWN_COMMAND);
      counts.get(command)[0]++;
      limits.check(command, msg);
      result = handlers.get(command).apply(msg);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result
        .onComplete(ar -> logEvent(msg, from, ar.succeeded() ? ar.result() : null, ar.cause(), t0))
        .map(r -> NgWire.encode(r, json))
        .recover(err -> Future.succeededFuture(errorReply(err, json)));
  }

  private static void logEvent(NgMessage msg, SocketAddress from, Map<String, Object> reply, Throwable err, long t0) {
    String callId = msg.str("call-id");
    Level level = callId == null ? Level.FINE : Level.INFO;
    if (!LOG.isLoggable(level)) return;
    StringBuilder sb = new StringBuilder(160);
    if (callId != null) sb.append('[').append(callId).append("] ");
    Object cmd = msg.dict().get("command");
    sb.append(cmd instanceof String s ? s : "(no command)");
    appendIf(sb, "from-tag", msg.str("from-tag"));
    appendIf(sb, "to-tag", msg.str("to-tag"));
    appendIf(sb, "via-branch", msg.str("via-branch"));
    if (from != null) sb.append(" from ").append(from.host()).append(':').append(from.port());
    sb.append(": ");
    if (err instanceof CallService.LoadLimit) sb.append("load limit");
    else if (err != null) sb.append("error: ").append(err.getMessage());
    else if (reply != null && "error".equals(reply.get("result"))) sb.append("error: ").append(reply.get("error-reason"));
    else sb.append(reply == null ? "?" : reply.get("result"));
    sb.append(String.format(java.util.Locale.ROOT, " (%.1f ms)", (System.nanoTime() - t0) / 1e6));
    LOG.log(level, sb.toString());
  }

  private static void appendIf(StringBuilder sb, String key, String value) {
    if (value != null && !value.isEmpty()) sb.append(' ').append(key).append('=').append(value);
  }

  private static byte[] errorReply(Throwable err, boolean json) {
    if (err instanceof NgException) return NgWire.error(err.getMessage(), json);
    if (err instanceof CallService.LoadLimit) return NgWire.encode(reply("result", "load limit"), json);
    LOG.log(Level.WARNING, "ng command failed", err);
    return NgWire.error(NgException.INTERNAL + ": " + err.getMessage(), json);
  }

  private static Map<String, Object> reply(String k, Object v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k, v);
    return m;
  }
}
