package rtpmesh.control.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rtpmesh.control.node.NodeWithCalls;

/** The CLI's TCP framing: one line in, the reply out, then the server closes. */
class CliServerTest {
  private static NodeWithCalls node;

  @BeforeAll
  static void start() {
    node = NodeWithCalls.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void crLfEndsTheLineToo() {
    assertEquals("Maximum sessions configured on rtpengine: -1\n",
        CliClient.sendRaw(node.cliPort(), "list maxsessions\r\n".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void onlyTheFirstLineIsACommand() {
    assertEquals("Maximum sessions configured on rtpengine: -1\n",
        CliClient.sendRaw(node.cliPort(), "list maxsessions\nterminate all\n".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void aLineOverTheLimitClosesWithoutReply() {
    byte[] junk = "x".repeat(CliServer.MAX_INPUT + 1).getBytes(StandardCharsets.US_ASCII);
    assertEquals("", CliClient.sendRaw(node.cliPort(), junk));
  }
}
