package rtpmesh.control.call;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;
import rtpmesh.control.ng.NgException;
import rtpmesh.control.ng.NgMessage;

/**
 * DTMF on the control side: the ng commands {@code play DTMF}, {@code block DTMF} and
 * {@code unblock DTMF}, and the operator's view of the digits the media plane reports (a log line,
 * an event on {@link #ADMIN_EVENTS}, and rtpengine's {@code dtmf-log-dest} UDP JSON). DTMF is handled
 * on transcoded streams (the {@code inject DTMF}, {@code detect DTMF} and codec flags engage it).
 */
public final class DtmfControl {
  private static final Logger LOG = Logger.getLogger(DtmfControl.class.getName());
  public static final String ADMIN_EVENTS = "rtpmesh.admin.events";
  static final String NOT_TRANSCODING = "DTMF injection not possible: media is not transcoded";

  private final Vertx vertx;
  private final DatagramSocket logSocket;
  private final String logHost;
  private final int logPort;

  /** {@code dtmfLogDest} "host:port" or null. */
  public DtmfControl(Vertx vertx, String dtmfLogDest) {
    this.vertx = vertx;
    if (dtmfLogDest != null && dtmfLogDest.lastIndexOf(':') > 0) {
      int c = dtmfLogDest.lastIndexOf(':');
      this.logHost = dtmfLogDest.substring(0, c).replace("[", "").replace("]", "");
      this.logPort = Integer.parseInt(dtmfLogDest.substring(c + 1));
      this.logSocket = vertx.createDatagramSocket();
    } else {
      this.logHost = null;
      this.logPort = 0;
      this.logSocket = null;
    }
  }

  /** The legs of the party named by {@code from-tag}, or of every party without one. */
  private static List<MediaLeg> legsOf(Call c, NgMessage msg) {
    String tag = msg.str("from-tag");
    List<MediaLeg> out = new ArrayList<>();
    for (MediaLeg l : c.legs()) {
      Monologue m = c.ownerOf(l);
      if (l.port != 0 && (tag == null || (m != null && tag.equals(m.tag)))) out.add(l);
    }
    return out;
  }

  /** play DTMF: the digits go to the other party as if the party named by from-tag had sent them. */
  static Future<Map<String, Object>> play(Call c, NgMessage msg, MediaClient media) {
    String digits = msg.str("code");
    if (digits == null) {
      Long n = msg.number("code");
      digits = n == null ? null : Long.toString(n);
    }
    if (digits == null || digits.isEmpty()) throw new NgException("No DTMF code given");
    int duration = clamp(msg.number("duration"), 100, 10, 5000);
    int volume = clamp(msg.number("volume"), 8, 0, 63);
    int pause = clamp(msg.number("pause"), 100, 0, 5000);
    List<Future<Boolean>> plays = new ArrayList<>();
    for (MediaLeg l : legsOf(c, msg)) {
      if (l.transcode == null) continue;
      plays.add(media.playDtmf(c.block, c.callId, l.port, digits, duration, pause, volume));
    }
    if (plays.isEmpty()) throw new NgException(NOT_TRANSCODING);
    return Future.all(plays).map(all -> {
      for (int i = 0; i < plays.size(); i++) if (Boolean.TRUE.equals(all.resultAt(i))) return Map.<String, Object>of("result", "ok");
      throw new NgException(NOT_TRANSCODING);
    });
  }

  /** block DTMF / unblock DTMF: the party's digits (all parties' without from-tag) stop reaching the other side. */
  static Future<Map<String, Object>> block(Call c, NgMessage msg, boolean block, Supplier<Future<Void>> push) {
    for (MediaLeg l : legsOf(c, msg)) l.dtmfBlock = block;
    return push.get().map(v -> Map.<String, Object>of("result", "ok"));
  }

  private static int clamp(Long v, int dflt, int min, int max) {
    return v == null ? dflt : (int) Math.max(min, Math.min(max, v));
  }

  /** A digit the media plane reported: {@code {call, port, digit, duration, volume, source}}. */
  public void report(Call c, JsonObject e) {
    int port = e.getInteger("port", 0);
    MediaLeg leg = null;
    for (MediaLeg l : c.legs()) if (l.port == port) leg = l;
    Monologue from = leg == null ? null : c.ownerOf(leg);
    String tag = from == null ? "" : from.tag;
    String digit = e.getString("digit", "");
    LOG.info("DTMF '" + digit + "' (" + e.getString("source") + ", " + e.getInteger("duration") + " ms) from tag '" + tag
        + "' in call " + c.callId);
    JsonObject event = new JsonObject().put("type", "dtmf").put("call", c.callId).put("tag", tag).put("digit", digit)
        .put("duration", e.getInteger("duration")).put("volume", e.getInteger("volume")).put("source", e.getString("source"));
    vertx.eventBus().publish(ADMIN_EVENTS, event);
    if (logSocket != null) {
      // rtpengine's dtmf-log-dest record.
      List<String> tags = new ArrayList<>();
      for (Monologue m : c.monologues()) tags.add(m.tag);
      JsonObject out = new JsonObject()
          .put("callid", c.callId)
          .put("source_tag", tag)
          .put("tags", tags)
          .put("type", "DTMF")
          .put("timestamp", System.currentTimeMillis() / 1000)
          .put("source_ip", leg == null || leg.remote == null ? "" : leg.remote.address())
          .put("event", eventCode(digit))
          .put("duration", e.getInteger("duration"))
          .put("volume", e.getInteger("volume"));
      logSocket.send(out.encode(), logPort, logHost);
    }
  }

  private static int eventCode(String digit) {
    return digit.isEmpty() ? -1 : "0123456789*#ABCD".indexOf(Character.toUpperCase(digit.charAt(0)));
  }
}
