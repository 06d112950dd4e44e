package rtpmesh.recording;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import rtpmesh.media.transcode.CodecSpec;

/**
 * One call's forwarded audio: each stream (one party, one media section) decoded as for its WAV
 * ({@link StreamAudio}, {@link PcmTrack} with a short window) and sent in 20 ms {@link ForwardChunk}s
 * to the call's {@link ForwardSink}. A stream's timeline starts at its first audio.
 *
 * <p>Used by the writer thread only.
 */
final class CallForward {
  /** How long a stream's audio waits for late packets before it goes out (the tap's batches come every 100 ms). */
  static final int WINDOW_SAMPLES = 1600; // 200 ms

  final int session;
  private final String callId;
  private final int callHash;
  private final ForwardSink sink;
  private final RecordingCounters counters;
  private final String onlyTag;
  private final Map<Integer, Map<Integer, CodecSpec>> legCodecs = new HashMap<>();
  private final Map<Integer, int[]> legIds = new HashMap<>(); // port -> party index, media index, tag hash
  private final Map<Integer, String> legTags = new HashMap<>();
  private final Map<Integer, Stream> streams = new HashMap<>();

  CallForward(int session, String callId, ForwardSink sink, String onlyTag, RecordingCounters counters) {
    this.session = session;
    this.callId = callId;
    this.callHash = ForwardChunk.hash(callId);
    this.sink = sink;
    this.onlyTag = onlyTag;
    this.counters = counters;
  }

  String onlyTag() {
    return onlyTag;
  }

  ForwardSink sink() {
    return sink;
  }

  /** The call's parties and codecs, as in {@link RecordingApi#PARTIES}. */
  void parties(JsonArray parties) {
    if (parties == null) return;
    for (int i = 0; i < parties.size(); i++) {
      JsonObject party = parties.getJsonObject(i);
      String tag = party.getString("tag", "");
      JsonArray legs = party.getJsonArray("legs", new JsonArray());
      for (int k = 0; k < legs.size(); k++) {
        JsonObject leg = legs.getJsonObject(k);
        int port = leg.getInteger("port", 0);
        legCodecs.put(port, CallRecording.codecs(leg));
        legIds.put(port, new int[] {i, leg.getInteger("index", k + 1), ForwardChunk.hash(tag)});
        legTags.put(port, tag);
      }
    }
  }

  /** One tapped packet, as in {@link CallRecording#packet}. */
  void packet(byte[] data, int off, int length) {
    int flags = data[off + 10];
    if ((flags & Batch.RTCP) != 0) return;
    int legPort = ((data[off + 8] & 0xff) << 8) | (data[off + 9] & 0xff);
    if (onlyTag != null && !onlyTag.equals(legTags.get(legPort))) return;
    long arrival = CallRecording.readLong(data, off + 12);
    Stream s = streams.get(legPort);
    if (s == null) {
      s = new Stream(legPort, arrival);
      streams.put(legPort, s);
    }
    s.audio.rtp(data, off + Batch.HEADER, length - Batch.HEADER,
        Math.max(0, (arrival - s.startMs) * ForwardChunk.RATE / 1000), null);
  }

  /** Sends what every stream still holds, each stream's END record, and closes the socket. */
  void close() {
    for (Stream s : streams.values()) {
      s.audio.track.finish(0);
      s.audio.close();
    }
    streams.clear();
    sink.close();
  }

  /** One stream's chunker: the track's final samples, cut into 20 ms records. */
  private final class Stream implements PcmOut {
    final StreamAudio audio;
    final long startMs;
    final int[] ids;
    final int streamId;
    final short[] chunk = new short[ForwardChunk.SAMPLES];
    int filled;
    long sequence;
    long position;

    Stream(int legPort, long startMs) {
      this.startMs = startMs;
      this.ids = legIds.getOrDefault(legPort, new int[] {0xff, 0, 0});
      this.streamId = (session << 16) | legPort;
      this.audio = new StreamAudio(legCodecs.getOrDefault(legPort, Map.of()), new PcmTrack(this, WINDOW_SAMPLES));
    }

    @Override
    public void write(int[] pcm, int off, int n) {
      for (int i = 0; i < n; i++) {
        int v = pcm[off + i];
        chunk[filled++] = (short) (v > Short.MAX_VALUE ? Short.MAX_VALUE : v < Short.MIN_VALUE ? Short.MIN_VALUE : v);
        if (filled == chunk.length) emit(0);
      }
    }

    @Override
    public void silence(long n) {
      for (long i = 0; i < n; i++) {
        chunk[filled++] = 0;
        if (filled == chunk.length) emit(0);
      }
    }

    @Override
    public void close() {
      if (filled > 0) emit(0);
      emit(ForwardChunk.FLAG_END);
    }

    private void emit(int flags) {
      ByteBuffer b = sink.buffer();
      ForwardChunk.encode(b, flags, ids[0], ids[1], streamId, ids[2], callHash, sequence++, position, chunk, 0, filled);
      sink.send();
      position += filled;
      filled = 0;
    }
  }
}
