package rtpmesh.recording;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The metadata JSON of one recorded call: call-id, parties (tags, labels, addresses, codecs), the
 * operator's {@code metadata} string, events (start, pause, resume, stop with epoch-ms times and
 * node) and every file with its type, stream, open and close times. Rewritten whole (written to a
 * temporary file, then renamed) at each change, so a reader never sees half a file. A node that
 * takes over a recorded call continues the same file: its files are added as a new segment.
 *
 * <p>Used by the writer thread only.
 */
final class Metadata {
  private final Path path;
  private final JsonObject json;
  private final String nodeId;
  private final RecordingCounters counters;
  private final int segment;

  private Metadata(Path path, JsonObject json, String nodeId, RecordingCounters counters, int segment) {
    this.path = path;
    this.json = json;
    this.nodeId = nodeId;
    this.counters = counters;
    this.segment = segment;
  }

  static Metadata openOrContinue(Path path, String callId, String nodeId, long now, RecordingCounters counters) {
    JsonObject json = null;
    if (Files.exists(path)) {
      try {
        json = new JsonObject(Files.readString(path, StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        counters.writeError(path, e);
      }
    }
    int segment = 1;
    if (json == null) {
      json = new JsonObject().put("call-id", callId).put("start", now).put("parties", new JsonArray())
          .put("events", new JsonArray()).put("files", new JsonArray()).put("segments", 0);
    }
    segment = json.getInteger("segments", 0) + 1;
    json.put("segments", segment).putNull("stop");
    return new Metadata(path, json, nodeId, counters, segment);
  }

  int segment() {
    return segment;
  }

  Path path() {
    return path;
  }

  void parties(JsonArray parties) {
    json.put("parties", parties.copy());
  }

  void metadata(String value) {
    json.put("metadata", value);
  }

  void event(String event, long now) {
    json.getJsonArray("events").add(new JsonObject().put("event", event).put("time", now).put("node", nodeId));
    if ("stop".equals(event)) json.put("stop", now);
  }

  void file(Path file, String type, JsonObject stream, long now) {
    JsonObject f = new JsonObject().put("path", file.toString()).put("type", type).put("node", nodeId)
        .put("segment", segment).put("opened", now);
    if (stream != null) f.put("stream", stream);
    json.getJsonArray("files").add(f);
  }

  void closed(Path file, long now, JsonObject extra) {
    for (Object o : json.getJsonArray("files")) {
      JsonObject f = (JsonObject) o;
      if (f.getString("path").equals(file.toString()) && !f.containsKey("closed")) {
        f.put("closed", now).mergeIn(extra);
      }
    }
  }

  /** Marks this segment's WAV files closed with their length. */
  void closedAllWav(long now, long samples, int rate) {
    for (Object o : json.getJsonArray("files")) {
      JsonObject f = (JsonObject) o;
      if (f.getString("type").startsWith("wav") && f.getInteger("segment", 1) == segment && !f.containsKey("closed")) {
        f.put("closed", now).put("samples", samples).put("rate", rate);
      }
    }
  }

  void write() {
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, json.encodePrettily(), StandardCharsets.UTF_8);
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      counters.writeError(path, e);
    }
  }

  JsonObject json() {
    return json;
  }
}
