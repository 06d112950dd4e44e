package rtpmesh.control.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToLongFunction;
import rtpmesh.recording.RecordingCounters;
import rtpmesh.recording.RecordingVerticle;

/**
 * The recorder's meters, read from its counters when scraped (0 when the node records nothing):
 * {@code rtpmesh_recordings} (open now), {@code rtpmesh_recording_packets_total},
 * {@code rtpmesh_recording_dropped_packets_total} (the recorder fell behind; media went on) and
 * {@code rtpmesh_recording_write_errors_total} (files that failed: disk full, I/O error); forwarding:
 * {@code rtpmesh_forwarding_calls}, {@code rtpmesh_forwarded_chunks_total},
 * {@code rtpmesh_forward_dropped_chunks_total}.
 */
public final class RecordingMetrics {
  private RecordingMetrics() {}

  public static void bind(MeterRegistry meters, String nodeId) {
    if (meters == null) return;
    Gauge.builder("rtpmesh_recordings", () -> read(nodeId, RecordingCounters::active))
        .description("recordings open").register(meters);
    counter(meters, "rtpmesh_recording_packets", "packets written to recordings", nodeId, RecordingCounters::packets);
    counter(meters, "rtpmesh_recording_dropped_packets", "packets the recorder dropped because it fell behind", nodeId,
        RecordingCounters::dropped);
    counter(meters, "rtpmesh_recording_write_errors", "recording files that failed to open or write", nodeId,
        RecordingCounters::writeErrors);
    Gauge.builder("rtpmesh_forwarding_calls", () -> read(nodeId, RecordingCounters::forwarding))
        .description("calls whose audio is forwarded").register(meters);
    counter(meters, "rtpmesh_forwarded_chunks", "20 ms PCM chunks sent to forwarding sockets", nodeId,
        RecordingCounters::forwarded);
    counter(meters, "rtpmesh_forward_dropped_chunks", "PCM chunks not forwarded (receiver slow, absent or refused)",
        nodeId, RecordingCounters::forwardDropped);
  }

  private static void counter(MeterRegistry meters, String name, String help, String nodeId,
                              ToLongFunction<RecordingCounters> f) {
    FunctionCounter.builder(name, nodeId, id -> read(id, f)).description(help).register(meters);
  }

  private static double read(String nodeId, ToLongFunction<RecordingCounters> f) {
    RecordingCounters c = RecordingVerticle.counters(nodeId);
    return c == null ? 0 : f.applyAsLong(c);
  }
}
