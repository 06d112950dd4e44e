package rtpmesh.control.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rtpmesh.control.node.NodeWithCalls;

/** Debian's {@code rtpengine-ctl} (package rtpengine-utils), unchanged, against a node; skipped without it. */
class RtpengineCtlTest {
  private static final Path CTL = Path.of("/usr/bin/rtpengine-ctl");

  private NodeWithCalls node;

  @BeforeEach
  void start() {
    assumeTrue(Files.isExecutable(CTL), CTL + " is not installed (apt-get install rtpengine-utils)");
    node = NodeWithCalls.start();
  }

  @AfterEach
  void stop() {
    if (node != null) node.close();
  }

  /** {@code rtpengine-ctl -ip 127.0.0.1 -port P WORDS...}; its stdout, after checking exit status 0. */
  private String ctl(String... words) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(CTL.toString(), "-ip", "127.0.0.1", "-port", Integer.toString(node.cliPort())));
    cmd.addAll(List.of(words));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.SECONDS), "rtpengine-ctl did not finish");
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void listNumsessionsAndTerminate() throws Exception {
    String callId = node.establish();
    assertTrue(ctl("list", "numsessions").startsWith(
        "Current sessions own: 1\nCurrent sessions foreign: 0\nCurrent sessions total: 1\n"));
    assertEquals("\nCall Id (" + callId + ") successfully terminated by operator.\n\n", ctl("terminate", callId));
    assertEquals("Unknown call-id", node.queryError(callId));
    node.assertReleased(callId);
    assertTrue(ctl("list", "numsessions").startsWith("Current sessions own: 0\n"));
  }
}
