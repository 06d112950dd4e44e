package rtpmesh.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void ratioIsRtpmeshOverRtpengineOfTheMedians() {
    List<Map<String, String>> rows = List.of(
        Table.fields("RESULT {\"label\":\"rtpmesh\",\"calls\":500,\"relayCpuUsPerPacket\":10.0000}"),
        Table.fields("RESULT {\"label\":\"rtpmesh\",\"calls\":500,\"relayCpuUsPerPacket\":30.0000}"),
        Table.fields("RESULT {\"label\":\"rtpmesh\",\"calls\":500,\"relayCpuUsPerPacket\":12.0000}"),
        Table.fields("RESULT {\"label\":\"rtpengine\",\"calls\":500,\"relayCpuUsPerPacket\":8.0000}"));

    String t = Table.render(rows, List.of());

    assertTrue(t.contains("| relay CPU µs / forwarded packet | 12.00 | 8.00 | 1.50 |"), t);
    assertTrue(t.contains("(median of 3 run(s)"), t);
  }

  @Test
  void resultJsonRoundTripsThroughTheTableParser() {
    RunResult r = new RunResult("rtpmesh", 250, 5, 20, 100, 99, 1, 0, 0.1, 0.2, 0.3, 0.4,
        15.5, 40, 6.5, 25000, 180, 7, 40, 1.5, 2, 3, 500, 0, "srtp", 0);

    Map<String, String> f = Table.fields("RESULT " + r.toJson());

    assertEquals("rtpmesh", f.get("label"));
    assertEquals("250", f.get("calls"));
    assertEquals("15.5000", f.get("relayCpuUsPerPacket"));
    assertEquals("6.5000", f.get("relaySysUsPerPacket"));
    assertEquals("srtp", f.get("media"));
  }

  @Test
  void srtpRunsGetTheirOwnTableAndThePlainVsSrtpCost() {
    List<Map<String, String>> rows = List.of(
        Table.fields("RESULT {\"label\":\"rtpmesh\",\"calls\":500,\"relayCpuUsPerPacket\":10.0000,\"media\":\"rtp\"}"),
        Table.fields("RESULT {\"label\":\"rtpmesh\",\"calls\":500,\"relayCpuUsPerPacket\":12.5000,\"lossPct\":0.0000,\"media\":\"srtp\"}"),
        Table.fields("RESULT {\"label\":\"rtpengine\",\"calls\":500,\"relayCpuUsPerPacket\":11.0000}"),
        Table.fields("RESULT {\"label\":\"rtpengine\",\"calls\":500,\"relayCpuUsPerPacket\":25.0000,\"lossPct\":1.0000,\"media\":\"srtp\"}"));

    String t = Table.render(rows, List.of());

    // plain table: no SRTP run in its medians
    assertTrue(t.contains("| relay CPU µs / forwarded packet | 10.00 | 11.00 | 0.91 |"), t);
    assertTrue(t.contains("| relay CPU µs / forwarded packet | 12.50 | 25.00 | 0.50 |"), t);
    assertTrue(t.contains("| median | 500 | 10.00 | 12.50 | +2.50 | 0.000 | 11.00 | 25.00 | +14.00 | 1.000 | 0.50 |"), t);
  }

  @Test
  void aThirdRelayGetsItsOwnTableAgainstTheFirst() {
    List<Map<String, String>> rows = List.of(
        Table.fields("RESULT {\"label\":\"rtpmesh\",\"calls\":500,\"relayCpuUsPerPacket\":9.0000}"),
        Table.fields("RESULT {\"label\":\"rtpengine\",\"calls\":500,\"relayCpuUsPerPacket\":12.0000}"),
        Table.fields("RESULT {\"label\":\"cfwd\",\"calls\":500,\"relayCpuUsPerPacket\":10.0000}"));

    String t = Table.render(rows, List.of());

    assertTrue(t.contains("| 9.00 | 12.00 | 0.75 |"), t);
    assertTrue(t.contains("rtpmesh against cfwd:"), t);
    assertTrue(t.contains("| 9.00 | 10.00 | 0.90 |"), t);
  }

  @Test
  void userTimeIsTheMedianOfEachRunsCpuLessItsKernelPart() {
    List<Map<String, String>> rows = List.of(
        Table.fields("RESULT {\"label\":\"rtpmesh\",\"calls\":500,\"relayCpuUsPerPacket\":9.0000,\"relaySysUsPerPacket\":6.0000}"),
        Table.fields("RESULT {\"label\":\"rtpengine\",\"calls\":500,\"relayCpuUsPerPacket\":12.0000,\"relaySysUsPerPacket\":8.0000}"));

    String t = Table.render(rows, List.of());

    assertTrue(t.contains("| of it in user space (utime) | 3.00 | 4.00 | 0.75 |"), t);
  }
}
