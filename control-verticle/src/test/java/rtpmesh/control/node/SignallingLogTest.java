package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rtpmesh.control.ng.NgEngine;

/** An operator greps the node's log for a call-id and finds one line per signalling event. */
class SignallingLogTest {
  private final Logger log = Logger.getLogger(NgEngine.class.getName());
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      if (r.getLevel().intValue() >= Level.INFO.intValue()) lines.add(r.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private TestNode node;
  private Phone a;
  private Phone b;

  @BeforeEach
  void start() {
    log.addHandler(capture);
    node = TestNode.start();
    a = Phone.open();
    b = Phone.open();
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    node.close();
    log.removeHandler(capture);
  }

  @Test
  void offerAnswerQueryDeleteAndAFailureEachLogOneLineWithTheCallId() {
    TwoPartyCall call = TwoPartyCall.establish(node.ng(), a, b);
    call.query();
    call.delete(0);
    node.ng().request("command", "answer", "call-id", call.callId, "from-tag", "x", "to-tag", "y", "sdp", "v=0");
    node.ng().request("command", "ping");

    String id = Pattern.quote("[" + call.callId + "] ");
    String from = " from 127\\.0\\.0\\.1:\\d+: ";
    List<String> mine = lines.stream().filter(l -> l.startsWith("[" + call.callId + "] ")).toList();
    assertEquals(5, mine.size(), "lines for the call: " + lines);
    assertMatches(id + "offer from-tag=" + call.tagA + from + "ok \\(\\d+\\.\\d ms\\)", mine.get(0));
    assertMatches(id + "answer from-tag=" + call.tagA + " to-tag=" + call.tagB + from + "ok .*", mine.get(1));
    assertMatches(id + "query" + from + "ok .*", mine.get(2));
    assertMatches(id + "delete from-tag=" + call.tagA + from + "ok .*", mine.get(3));
    assertMatches(id + "answer from-tag=x to-tag=y" + from + "error: Unknown call-id .*", mine.get(4));
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("ping")), "ping is logged at debug only: " + lines);
  }

  private static void assertMatches(String regex, String line) {
    assertTrue(line.matches(regex), "'" + line + "' does not match " + regex);
  }
}
