package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} on the node's HTTP listener, scraped as Prometheus would, during a call. */
class MetricsTest {
  private TestNode node;
  private Phone a;
  private Phone b;

  @BeforeEach
  void start() {
    node = TestNode.startWithHttp("");
    a = Phone.open();
    b = Phone.open();
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    node.close();
  }

  @Test
  void aCallsRelayedPacketsAreCountedInRtpengineNames() throws Exception {
    String before = scrape(node.httpPort());
    assertEquals(0.0, value(before, "rtpengine_sessions{type=\"own\"}"), before);
    assertEquals(0.0, value(before, "rtpengine_packets_total{type=\"userspace\"}"), before);

    TwoPartyCall call = TwoPartyCall.establish(node.ng(), a, b);
    call.assertRtpBothWays(10);
    call.assertRtcpBothWays();

    String during = scrape(node.httpPort());
    assertEquals(1.0, value(during, "rtpengine_sessions{type=\"own\"}"), during);
    assertEquals(22.0, value(during, "rtpengine_packets_total{type=\"userspace\"}"),
        "10 RTP each way and one RTCP report each way\n" + during);
    assertTrue(value(during, "rtpengine_bytes_total{type=\"userspace\"}") > 22 * 12, during);
    assertEquals(0.0, value(during, "rtpengine_packet_errors_total{type=\"userspace\"}"), during);
    assertEquals(1.0, value(during, "rtpengine_requests_total{request=\"offer\"}"), during);
    assertEquals(1.0, value(during, "rtpengine_sessions_total"), during);
    assertTrue(value(during, "rtpengine_ports_used{address=\"127.0.0.1\",name=\"default\"}") >= 4, during);
    assertTrue(during.contains("\njvm_memory_used_bytes{"), "JVM meters are there");
    assertTrue(during.contains("\nrtpmesh_event_loop_lag_seconds{loop=\"0\"}"), "event-loop lag is there");
    // A block may read in batches for a second after a late start (JIT, a busy box): present, not 0.
    assertTrue(value(during, "rtpmesh_media_blocks_behind") >= 0, during);
    assertTrue(value(during, "rtpmesh_media_batch_read_switches_total") >= 0, during);

    call.delete(0);
    String after = scrape(node.httpPort());
    assertEquals(0.0, value(after, "rtpengine_sessions{type=\"own\"}"), after);
    assertEquals(22.0, value(after, "rtpengine_packets_total{type=\"userspace\"}"), "a released call's packets stay counted");
    assertEquals(1.0, value(after, "rtpengine_closed_sessions_total{reason=\"terminated\"}"), after);
  }

  static String scrape(int port) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"),
        "Prometheus text format: " + r.headers());
    return r.body();
  }

  /** The value of one series ({@code name{labels}} exactly as exposed); fails when it is missing. */
  static double value(String exposition, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
    assertTrue(m.find(), () -> "no series " + series + " in\n" + exposition);
    return Double.parseDouble(m.group(1));
  }
}
