package rtpmesh.control.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import rtpmesh.control.call.LogicalInterface;
import rtpmesh.control.call.MediaClient;

/**
 * The node-wide CLI reports: {@code list totals}, rendered from the ng {@code statistics} reply the
 * way rtpengine's CLI renders its {@code statistics_gather_metrics} (a description padded to 48
 * columns, a colon, the value), and {@code list interfaces}, from the media blocks' port pools and
 * counters.
 *
 * <p>{@code list totals} shows rtpengine's current and total sections; its graphite-interval and
 * per-proxy control sections are left out (rtpmesh keeps neither). In {@code list interfaces} every
 * address shows the node's one port range and the blocks' totals: rtpmesh's media blocks share
 * their ports between all interface addresses, where rtpengine keeps a pool per address. Egress,
 * loss, MOS, jitter and RTT lines are left out (not measured).
 */
public final class NodeReport {
  /** The {@code currentstatistics} and {@code totalstatistics} keys with rtpengine's descriptions. */
  private static final String[][] CURRENT = {
      {"sessionsown", "Owned sessions"},
      {"sessionsforeign", "Foreign sessions"},
      {"sessionstotal", "Total sessions"},
      {"transcodedmedia", "Transcoded media"},
      {"packetrate_user", "Packets per second (userspace)"},
      {"byterate_user", "Bytes per second (userspace)"},
      {"errorrate_user", "Errors per second (userspace)"},
      {"packetrate_kernel", "Packets per second (kernel)"},
      {"byterate_kernel", "Bytes per second (kernel)"},
      {"errorrate_kernel", "Errors per second (kernel)"},
      {"packetrate", "Packets per second (total)"},
      {"byterate", "Bytes per second (total)"},
      {"errorrate", "Errors per second (total)"},
      {"media_userspace", "Userspace-only media streams"},
      {"media_kernel", "Kernel-only media streams"},
      {"media_mixed", "Mixed kernel/userspace media streams"}};
  private static final String[][] TOTAL = {
      {"uptime", "Uptime of rtpengine"},
      {"managedsessions", "Total managed sessions"},
      {"rejectedsessions", "Total rejected sessions"},
      {"timeoutsessions", "Total timed-out sessions via TIMEOUT"},
      {"silenttimeoutsessions", "Total timed-out sessions via SILENT_TIMEOUT"},
      {"finaltimeoutsessions", "Total timed-out sessions via FINAL_TIMEOUT"},
      {"offertimeoutsessions", "Total timed-out sessions via OFFER_TIMEOUT"},
      {"regularterminatedsessions", "Total regular terminated sessions"},
      {"forcedterminatedsessions", "Total forced terminated sessions"},
      {"relayedpackets_user", "Total relayed packets (userspace)"},
      {"relayedpacketerrors_user", "Total relayed packet errors (userspace)"},
      {"relayedbytes_user", "Total relayed bytes (userspace)"},
      {"relayedpackets_kernel", "Total relayed packets (kernel)"},
      {"relayedpacketerrors_kernel", "Total relayed packet errors (kernel)"},
      {"relayedbytes_kernel", "Total relayed bytes (kernel)"},
      {"relayedpackets", "Total relayed packets"},
      {"relayedpacketerrors", "Total relayed packet errors"},
      {"relayedbytes", "Total relayed bytes"},
      {"zerowaystreams", "Total number of streams with no relayed packets"},
      {"onewaystreams", "Total number of 1-way streams"},
      {"avgcallduration", "Average call duration"}};

  private final Supplier<Map<String, Object>> statistics;
  private final MediaClient media;
  private final List<LogicalInterface> interfaces;
  private final int portMin;
  private final int portMax;

  /**
   * @param statistics the ng {@code statistics} reply ({@code rtpmesh.control.NodeStatistics})
   * @param portMin the node's whole media port range, which the blocks split between them
   */
  public NodeReport(Supplier<Map<String, Object>> statistics, MediaClient media, List<LogicalInterface> interfaces,
      int portMin, int portMax) {
    this.statistics = statistics;
    this.media = media;
    this.interfaces = List.copyOf(interfaces);
    this.portMin = portMin;
    this.portMax = portMax;
  }

  @SuppressWarnings("unchecked")
  String totals() {
    Map<String, Object> stats = (Map<String, Object>) statistics.get().get("statistics");
    Map<String, Object> current = (Map<String, Object>) stats.get("currentstatistics");
    Map<String, Object> total = (Map<String, Object>) stats.get("totalstatistics");
    StringBuilder sb = new StringBuilder("\nStatistics over currently running sessions:\n\n");
    for (String[] m : CURRENT) metric(sb, m[1], current.get(m[0]));
    sb.append("\nTotal statistics (does not include current running sessions):\n\n");
    for (String[] m : TOTAL) metric(sb, m[1], m[0].equals("uptime") ? total.get(m[0]) + " seconds" : total.get(m[0]));
    return sb.append('\n').toString();
  }

  private static void metric(StringBuilder sb, String description, Object value) {
    sb.append(String.format(Locale.ROOT, " %-48s:%s\n", description, value == null ? 0 : value));
  }

  Future<String> interfaces() {
    List<Future<JsonObject>> blocks = new ArrayList<>();
    for (int b = 0; b < media.blocks(); b++) blocks.add(media.blockStats(b));
    return Future.all(blocks).map(v -> {
      long used = 0;
      long packets = 0;
      long bytes = 0;
      long errors = 0;
      for (Future<JsonObject> f : blocks) {
        JsonObject s = f.result();
        used += 2L * s.getLong("ports", 0L); // pairs: RTP and RTCP
        packets += s.getLong("packets", 0L);
        bytes += s.getLong("bytes", 0L);
        errors += s.getLong("errors", 0L);
      }
      long range = portMax - portMin + 1;
      StringBuilder sb = new StringBuilder();
      for (LogicalInterface i : interfaces) {
        for (LogicalInterface.Address a : i.addresses()) {
          sb.append(String.format(Locale.ROOT, "Interface '%s' address '%s' (%s)\n", i.name(), a.local(), a.ipv6() ? "IPv6" : "IPv4"));
          sb.append(String.format(Locale.ROOT, " Port range: %5d - %5d\n", portMin, portMax));
          sb.append(String.format(Locale.ROOT, " Ports used: %5d / %5d (%5.1f%%)\n", used, range, used * 100.0 / range));
          sb.append(" Packets/bytes/errors:\n");
          sb.append(String.format(Locale.ROOT, "  Ingress:   %10d / %10d / %10d\n", packets, bytes, errors));
        }
      }
      return sb.toString();
    });
  }
}
