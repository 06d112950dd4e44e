package rtpmesh.control.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.ToDoubleFunction;
import rtpmesh.control.call.CallService;
import rtpmesh.control.call.LogicalInterface;
import rtpmesh.control.call.NodeCounters;
import rtpmesh.control.ng.NgCommand;
import rtpmesh.control.ng.NgEngine;
import rtpmesh.media.relay.DropReason;

/**
 * The node's own meters, named as rtpengine names them in its {@code /metrics} (its
 * {@code statistics_gather_metrics}: {@code rtpengine_sessions{type}}, {@code rtpengine_packets_total},
 * {@code rtpengine_closed_sessions_total{reason}}, {@code rtpengine_ports_used{name,address}} ...), so
 * dashboards and alerts written for rtpengine keep working. rtpmesh relays in userspace only, so the
 * {@code type="kernel"} series are always 0. What rtpengine has no name for is {@code rtpmesh_*}.
 *
 * <p>Every value is read from what the node already keeps ({@link CallService}'s counters,
 * {@link NodeSampler}'s reading of the media blocks); nothing is counted per packet here.
 */
public final class NodeMetrics {
  private NodeMetrics() {}

  public static void bind(MeterRegistry r, String nodeId, CallService calls, NgEngine engine, NodeSampler sampler,
      List<LogicalInterface> interfaces, int portMin, int portMax) {
    NodeCounters c = calls.counters();
    gauge(r, "rtpengine.sessions", "Owned sessions", calls, x -> x.size(), "type", "own");
    gauge(r, "rtpengine.sessions", "Foreign sessions", calls, x -> 0, "type", "foreign");
    gauge(r, "rtpengine.transcoded_media", "Transcoded media", calls, x -> 0);
    gauge(r, "rtpengine.mediastreams", "Userspace-only media streams", calls, x -> x.snapshot().stream().mapToInt(k -> k.legs().size()).sum(), "type", "userspace");
    gauge(r, "rtpengine.mediastreams", "Kernel-only media streams", calls, x -> 0, "type", "kernel");
    gauge(r, "rtpengine.mediastreams", "Mixed kernel/userspace media streams", calls, x -> 0, "type", "mixed");
    gauge(r, "rtpengine.uptime_seconds", "Uptime of rtpengine", c, x -> (System.currentTimeMillis() - x.startedMs) / 1000);

    // rtpengine_sessions_total (managed sessions) shares its base name with the rtpengine_sessions
    // gauge, which the Prometheus client refuses: MetricsEndpoint writes that one line itself.
    counter(r, "rtpengine.closed_sessions", "Total rejected sessions", c, x -> x.rejected, "reason", "rejected");
    counter(r, "rtpengine.closed_sessions", "Total timed-out sessions via TIMEOUT", c, x -> x.timeout, "reason", "timeout");
    counter(r, "rtpengine.closed_sessions", "Total timed-out sessions via SILENT_TIMEOUT", c, x -> x.silentTimeout, "reason", "silent_timeout");
    counter(r, "rtpengine.closed_sessions", "Total timed-out sessions via FINAL_TIMEOUT", c, x -> 0, "reason", "final_timeout");
    counter(r, "rtpengine.closed_sessions", "Total timed-out sessions via OFFER_TIMEOUT", c, x -> 0, "reason", "offer_timeout");
    counter(r, "rtpengine.closed_sessions", "Total regular terminated sessions", c, x -> x.regular, "reason", "terminated");
    counter(r, "rtpengine.closed_sessions", "Total forced terminated sessions", c, x -> x.forced, "reason", "force_terminated");

    counter(r, "rtpengine.packets", "Total relayed packets (userspace)", sampler, s -> s.last().packets(), "type", "userspace");
    counter(r, "rtpengine.packets", "Total relayed packets (kernel)", sampler, s -> 0, "type", "kernel");
    counter(r, "rtpengine.packet_errors", "Total relayed packet errors (userspace)", sampler, s -> s.last().errors(), "type", "userspace");
    counter(r, "rtpengine.packet_errors", "Total relayed packet errors (kernel)", sampler, s -> 0, "type", "kernel");
    counter(r, "rtpengine.bytes", "Total relayed bytes (userspace)", sampler, s -> s.last().bytes(), "type", "userspace");
    counter(r, "rtpengine.bytes", "Total relayed bytes (kernel)", sampler, s -> 0, "type", "kernel");
    gauge(r, "rtpengine.call_duration_avg", "Average call duration", c,
        x -> x.regular == 0 ? 0 : x.totalDurationMs / 1000.0 / x.regular);
    counter(r, "rtpengine.call_duration", "Total calls duration", c, x -> x.totalDurationMs / 1000.0);

    for (NgCommand cmd : NgCommand.values()) {
      counter(r, "rtpengine.requests", "ng requests by command", engine, e -> e.count(cmd), "request", cmd.wire);
    }

    // rtpmesh's media blocks share one port range between all interface addresses (as the CLI's
    // "list interfaces" shows): each address reports the node's pool.
    for (LogicalInterface i : interfaces) {
      for (LogicalInterface.Address a : i.addresses()) {
        String[] tags = {"name", i.name(), "address", a.local()};
        gauge(r, "rtpengine.ports_used", "Ports used", sampler, s -> 2.0 * s.last().usedPairs(), tags);
        gauge(r, "rtpengine.ports_free", "Ports free", sampler, s -> 2.0 * s.last().freePairs(), tags);
        gauge(r, "rtpengine.ports", "Ports", sampler, s -> portMax - portMin + 1, tags);
      }
    }

    gauge(r, "rtpmesh.packet_rate", "Packets per second received from parties (over the last second)", sampler, s -> s.last().packetRate());
    gauge(r, "rtpmesh.byte_rate", "Bytes per second received from parties (over the last second)", sampler, s -> s.last().byteRate());
    gauge(r, "rtpmesh.media_blocks_behind", "Media blocks whose loop fell behind, reading in batches (recvmmsg)", sampler, s -> s.last().blocksBehind());
    gauge(r, "rtpmesh.media_connected_sockets", "RTP sockets connected to their party's learned endpoint", sampler, s -> s.last().connectedSockets());
    counter(r, "rtpmesh.media_batch_read_switches", "Times a media block fell behind and switched to batch reads", sampler, s -> s.last().batchSwitches());
    for (DropReason d : DropReason.values()) {
      String reason = d.wireName();
      counter(r, "rtpmesh.dropped_packets", "Packets the media plane dropped, by reason", sampler,
          s -> s.last().dropReasons().getOrDefault(reason, 0L), "reason", reason);
    }
    Gauge.builder("rtpmesh.node.info", () -> 1).description("This node").tag("node", nodeId).register(r);
  }

  private static <T> void gauge(MeterRegistry r, String name, String help, T obj, ToDoubleFunction<T> f, String... tags) {
    Gauge.builder(name, obj, f).description(help).tags(tags).register(r);
  }

  private static <T> void counter(MeterRegistry r, String name, String help, T obj, ToDoubleFunction<T> f, String... tags) {
    FunctionCounter.builder(name, obj, f).description(help).tags(tags).register(r);
  }
}
