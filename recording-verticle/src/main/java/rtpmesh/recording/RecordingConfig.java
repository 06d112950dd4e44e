package rtpmesh.recording;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * The recording verticle's deployment config:
 * <pre>
 * { "nodeId": "local", "dir": "/var/spool/rtpmesh", "forwardTo": "udp:127.0.0.1:5555", "methods": ["pcap", "wav"], "format": "raw",
 *   "pattern": "%c-%r", "batches": 64, "batchBytes": 65536 }
 * </pre>
 * {@code methods}: {@code pcap} (every packet with IP/UDP headers) and/or {@code wav} (decoded audio per
 * stream and mixed); {@code format}: {@code raw} or {@code eth} (pcap link type). {@code batches} x
 * {@code batchBytes} is the hand-over buffer of each media block (default 4 MiB). Without {@code dir} the
 * node records nothing (it may still forward); {@code forwardTo} ({@link ForwardTarget}) is the default
 * destination of forwarded audio (none: forwarding needs one per call).
 */
public record RecordingConfig(String nodeId, String dir, boolean pcap, boolean wav, boolean ethernet, String pattern,
                              int batches, int batchBytes, ForwardTarget forwardTo) {

  public RecordingConfig(String nodeId, String dir, boolean pcap, boolean wav, boolean ethernet, String pattern,
                         int batches, int batchBytes) {
    this(nodeId, dir, pcap, wav, ethernet, pattern, batches, batchBytes, null);
  }

  public static RecordingConfig from(JsonObject c) {
    JsonArray methods = c.getJsonArray("methods", new JsonArray().add("pcap"));
    boolean pcap = false;
    boolean wav = false;
    for (Object m : methods) {
      switch (String.valueOf(m).toLowerCase(Locale.ROOT)) {
        case "pcap" -> pcap = true;
        case "wav", "proc" -> wav = true;
        default -> throw new IllegalArgumentException("recording method '" + m + "', expected pcap or wav");
      }
    }
    String format = c.getString("format", "raw").toLowerCase(Locale.ROOT);
    if (!format.equals("raw") && !format.equals("eth")) {
      throw new IllegalArgumentException("recording format '" + format + "', expected raw or eth");
    }
    String forwardTo = c.getString("forwardTo");
    return new RecordingConfig(c.getString("nodeId", "local"), c.getString("dir"), pcap, wav,
        format.equals("eth"), c.getString("pattern", FileNames.DEFAULT_PATTERN), c.getInteger("batches", 64),
        c.getInteger("batchBytes", 65536), forwardTo == null ? null : ForwardTarget.parse(forwardTo));
  }
}
