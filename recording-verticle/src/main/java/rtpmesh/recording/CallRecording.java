package rtpmesh.recording;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import rtpmesh.media.transcode.CodecSpec;

/**
 * The files of one recorded call on this node: one pcap of every packet, one WAV per stream (what
 * one party sends on one media section) and one mixed WAV, and the metadata JSON that lists them.
 * The WAV timeline is wall-clock time since the recording began here (paused time is silence).
 *
 * <p>Used by the writer thread only.
 */
final class CallRecording {
  static final int WAV_RATE = 8000;
  /** How far behind the newest audio a WAV position may still be filled in (jitter, reordering). */
  static final int WINDOW_SAMPLES = WAV_RATE; // 1 s

  final int session;
  final String callId;
  private final RecordingConfig config;
  private final RecordingCounters counters;
  private final Metadata metadata;
  private final String name;
  private final Path dir;
  private final long startMs;
  private PcapWriter pcap;
  private PcmTrack mixed;
  private final Map<Integer, StreamAudio> streams = new HashMap<>();
  /** Per leg port: its party's codecs by payload type, and a name for its WAV file. */
  private final Map<Integer, Map<Integer, CodecSpec>> legCodecs = new HashMap<>();
  private final Map<Integer, String> legNames = new HashMap<>();
  private final Map<Integer, JsonObject> legInfo = new HashMap<>();

  private CallRecording(int session, String callId, RecordingConfig config, RecordingCounters counters,
                        Metadata metadata, Path dir, String name, long startMs) {
    this.session = session;
    this.callId = callId;
    this.config = config;
    this.counters = counters;
    this.metadata = metadata;
    this.dir = dir;
    this.name = name;
    this.startMs = startMs;
  }

  /** Opens the call's files as {@code request} ({@link RecordingApi#OP_START}) says. */
  static CallRecording open(int session, JsonObject request, RecordingConfig config, RecordingCounters counters,
                            long now) throws IOException {
    String callId = request.getString(RecordingApi.CALL);
    String destination = request.getString(RecordingApi.OUTPUT_DESTINATION);
    Path dir = Path.of(request.getString(RecordingApi.DIR, config.dir()));
    String name;
    if (destination != null && !destination.isEmpty()) {
      Path p = Path.of(destination);
      if (p.getParent() != null) dir = p.getParent();
      name = p.getFileName().toString();
    } else if (request.getString(RecordingApi.FILE) != null && !request.getString(RecordingApi.FILE).isEmpty()) {
      Path p = Path.of(request.getString(RecordingApi.FILE));
      if (p.getParent() != null) dir = p.isAbsolute() ? p.getParent() : dir.resolve(p.getParent());
      name = p.getFileName().toString();
    } else {
      name = FileNames.expand(request.getString(RecordingApi.PATTERN, config.pattern()), callId, config.nodeId(), now);
    }
    Files.createDirectories(dir);
    Path metaPath = request.getString(RecordingApi.META_FILE) != null
        ? Path.of(request.getString(RecordingApi.META_FILE)) : dir.resolve(name + ".json");
    Metadata meta = Metadata.openOrContinue(metaPath, callId, config.nodeId(), now, counters);
    int segment = meta.segment();
    if (segment > 1) {
      name = name + "-" + segment; // after a failover: new files, listed in the same metadata
    }
    CallRecording r = new CallRecording(session, callId, config, counters, meta, dir, name, now);
    r.update(request);
    if (config.pcap()) {
      Path p = destination != null && !destination.isEmpty() && !config.wav() && segment == 1
          ? dir.resolve(name) : dir.resolve(name + ".pcap");
      r.pcap = PcapWriter.create(p, config.ethernet(), counters);
      meta.file(p, "pcap", null, now);
      counters.files.increment();
    }
    if (config.wav()) {
      Path p = destination != null && !destination.isEmpty() && segment == 1
          ? dir.resolve(name) : dir.resolve(name + "-mix.wav");
      r.mixed = new PcmTrack(WavWriter.create(p, WAV_RATE, counters), WINDOW_SAMPLES);
      meta.file(p, "wav-mixed", null, now);
      counters.files.increment();
    }
    meta.event("start", now);
    meta.write();
    return r;
  }

  /** New parties, codecs or metadata (a re-offer, or ng {@code metadata}). */
  void update(JsonObject request) {
    JsonArray parties = request.getJsonArray(RecordingApi.PARTIES);
    if (parties != null) {
      metadata.parties(parties);
      for (int i = 0; i < parties.size(); i++) {
        JsonObject party = parties.getJsonObject(i);
        JsonArray legs = party.getJsonArray("legs", new JsonArray());
        for (int k = 0; k < legs.size(); k++) {
          JsonObject leg = legs.getJsonObject(k);
          int port = leg.getInteger("port", 0);
          legCodecs.put(port, codecs(leg));
          String tag = party.getString("tag", party.getString("label", ""));
          legNames.put(port, FileNames.safe(tag.isEmpty() ? "party" + i : tag) + "-" + leg.getInteger("index", k + 1));
          legInfo.put(port, new JsonObject().put("tag", tag).put("index", leg.getInteger("index", k + 1)));
        }
      }
    }
    if (request.containsKey(RecordingApi.METADATA)) {
      metadata.metadata(request.getString(RecordingApi.METADATA));
    }
  }

  /** A leg's codecs by payload type, from {@link RecordingApi#PARTIES}. */
  static Map<Integer, CodecSpec> codecs(JsonObject leg) {
    Map<Integer, CodecSpec> codecs = new HashMap<>();
    JsonArray cs = leg.getJsonArray("codecs", new JsonArray());
    for (int c = 0; c < cs.size(); c++) {
      JsonObject codec = cs.getJsonObject(c);
      try {
        codecs.put(codec.getInteger("pt"), new CodecSpec(codec.getInteger("pt"), codec.getString("name"),
            codec.getInteger("rate", 8000), codec.getInteger("channels", 1), codec.getString("fmtp"), 20, -1, -1));
      } catch (RuntimeException e) {
        // a codec we cannot describe is skipped: its packets count as undecodable
      }
    }
    return codecs;
  }

  /** One tapped packet: {@code data[off..]} is a {@link Batch} record of {@code length} bytes. */
  void packet(byte[] data, int off, int length) {
    int legPort = ((data[off + 8] & 0xff) << 8) | (data[off + 9] & 0xff);
    int flags = data[off + 10];
    long arrival = readLong(data, off + 12);
    int srcOff = off + 20;
    int srcPort = readInt(data, off + 36);
    int dstOff = off + 40;
    int dstPort = readInt(data, off + 56);
    int payload = off + Batch.HEADER;
    int len = length - Batch.HEADER;
    boolean rtcp = (flags & Batch.RTCP) != 0;
    counters.packets.increment();
    counters.bytes.add(len);
    if (pcap != null) {
      pcap.write(arrival, (flags & Batch.IPV6) != 0, data, srcOff, srcPort, dstOff, dstPort, data, payload, len);
    }
    if (mixed != null && !rtcp) {
      StreamAudio s = streams.containsKey(legPort) ? streams.get(legPort) : openStream(legPort, arrival);
      if (s != null) {
        s.rtp(data, payload, len, Math.max(0, (arrival - startMs) * WAV_RATE / 1000), mixed);
      }
    }
  }

  private StreamAudio openStream(int legPort, long now) {
    String suffix = legNames.getOrDefault(legPort, Integer.toString(legPort));
    Path p = dir.resolve(name + "-" + suffix + ".wav");
    try {
      PcmTrack track = new PcmTrack(WavWriter.create(p, WAV_RATE, counters), WINDOW_SAMPLES);
      StreamAudio s = new StreamAudio(legCodecs.getOrDefault(legPort, Map.of()), track);
      streams.put(legPort, s);
      JsonObject info = legInfo.getOrDefault(legPort, new JsonObject()).copy().put("port", legPort);
      metadata.file(p, "wav", info, now);
      metadata.write();
      counters.files.increment();
      return s;
    } catch (IOException e) {
      counters.writeError(p, e);
      streams.put(legPort, null); // this stream goes to the pcap and the mixed file only
      return null;
    }
  }

  void pause(long now) {
    metadata.event("pause", now);
    metadata.write();
  }

  void resume(long now) {
    metadata.event("resume", now);
    metadata.write();
  }

  /** Closes every file; the WAVs last from the start to {@code now}. */
  void close(long now) {
    long length = Math.max(0, (now - startMs) * WAV_RATE / 1000);
    if (pcap != null) {
      pcap.close();
      metadata.closed(pcap.path(), now, new JsonObject().put("packets", pcap.packets));
    }
    for (StreamAudio s : streams.values()) {
      if (s == null) continue;
      s.track.finish(length);
      s.close();
    }
    if (mixed != null) {
      mixed.finish(length);
    }
    metadata.closedAllWav(now, length, WAV_RATE);
    metadata.event("stop", now);
    metadata.write();
  }

  /** What the control plane keeps: the metadata file, this node's segment and the files of the call. */
  JsonObject describe() {
    JsonArray files = new JsonArray();
    for (Object o : metadata.json().getJsonArray("files")) files.add(((JsonObject) o).getString("path"));
    return new JsonObject().put(RecordingApi.META_FILE, metadata.path().toString())
        .put("segment", metadata.segment()).put("files", files);
  }

  static int readInt(byte[] b, int off) {
    return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
  }

  static long readLong(byte[] b, int off) {
    return ((long) readInt(b, off) << 32) | (readInt(b, off + 4) & 0xffffffffL);
  }
}
