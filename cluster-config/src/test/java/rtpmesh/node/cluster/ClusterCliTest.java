package rtpmesh.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rtpmesh.node.cluster.NgClient.dict;
import static rtpmesh.node.cluster.Replies.ok;
import static rtpmesh.node.cluster.Replies.relayPort;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster commands of the CLI port (--listen-cli), over real TCP connections to two node
 * processes, and bin/rtpmesh-ctl, the operator's script, against the same port.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterCliTest {
  @RegisterExtension
  static final LocalCluster cluster = new LocalCluster("cli");
  private static final Pattern TAG_SDP = Pattern.compile("--- tag (\\S+)\\n(?s:.*?)m=audio (\\d+) ");
  private static int cli1;
  private static int cli2;

  @BeforeAll
  static void start() throws Exception {
    cli1 = LocalCluster.freeTcpPort();
    cli2 = LocalCluster.freeTcpPort();
    cluster.start(2, List.of(List.of("--listen-cli=127.0.0.1:" + cli1),
        List.of("--listen-cli=127.0.0.1:" + cli2)));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void listNodesShowsTheWholeClusterFromAnyNode() throws Exception {
    String r = cli(cli2, "list nodes");
    assertTrue(r.contains("node-id: n1, calls: 0, standby: off, ng: 127.0.0.1:" + cluster.node(1).ngPort + "\n"), r);
    assertTrue(r.contains("node-id: n2, calls: 0, standby: off, ng: 127.0.0.1:" + cluster.node(2).ngPort
        + " (this node)\n"), r);
  }

  @Test
  void aDrainedNodeHandsNewCallsToAnother() throws Exception {
    NodeProcess n1 = cluster.node(1);
    NodeProcess n2 = cluster.node(2);
    assertEquals("Node n2 standby: on\n", cli(cli1, "standby on n2"));
    try (NgClient ng = new NgClient(); Phone caller = new Phone(0x4444)) {
      // every node republishes its state once a second: wait until n2 itself lists the change
      while (!cli(cli2, "list nodes").contains("node-id: n2, calls: 0, standby: on")) Thread.sleep(100);
      String callId = "drained-" + UUID.randomUUID();
      int port = relayPort(ok("offer via drained n2", ng.command(n2.ngPort, dict("command", "offer",
          "call-id", callId, "from-tag", "ft", "sdp", caller.sdp()), 3000)));
      assertTrue(n1.ownsPort(port), "offer to a drained node placed on " + port + ", not on " + n1);
      ok("delete", ng.command(n2.ngPort, dict("command", "delete", "call-id", callId, "delete-delay", 0), 3000));
    } finally {
      assertEquals("Node n2 standby: off\n", cli(cli1, "standby off n2"));
    }
    assertEquals("Fail: Unknown node-id\n", cli(cli1, "standby on nobody"));
    assertEquals("Usage: standby on|off [<node-id>]\n", cli(cli1, "standby maybe"));
  }

  @Test
  void reanchorMovesACallOfAnotherNodeToFreshPorts() throws Exception {
    NodeProcess n1 = cluster.node(1);
    String callId = "move-" + UUID.randomUUID();
    try (NgClient ng = new NgClient(); Phone caller = new Phone(0x5555); Phone callee = new Phone(0x6666)) {
      int toCallee = relayPort(ok("offer", ng.command(n1.ngPort, dict("command", "offer",
          "call-id", callId, "from-tag", "ft", "sdp", caller.sdp()), 3000)));
      int toCaller = relayPort(ok("answer", ng.command(n1.ngPort, dict("command", "answer",
          "call-id", callId, "from-tag", "ft", "to-tag", "tt", "sdp", callee.sdp()), 3000)));

      String r = cli(cli2, "reanchor " + callId); // n2's CLI, n1's call
      assertTrue(r.startsWith("\nCall Id (" + callId + ") re-anchored on new ports"), r);
      Matcher m = TAG_SDP.matcher(r);
      Map<String, Integer> moved = new java.util.HashMap<>();
      while (m.find()) moved.put(m.group(1), Integer.parseInt(m.group(2)));
      assertEquals(Map.of("ft", 0, "tt", 0).keySet(), moved.keySet(), r);
      // the caller is told the port the callee's media now comes from, and the other way round
      assertNotEquals(toCaller, moved.get("ft"), r);
      assertNotEquals(toCallee, moved.get("tt"), r);
      assertTrue(n1.ownsPort(moved.get("ft")) && n1.ownsPort(moved.get("tt")), r);
      ok("delete", ng.command(n1.ngPort, dict("command", "delete", "call-id", callId, "delete-delay", 0), 3000));
    }
    assertEquals("\nCall Id not found (" + callId + ").\n\n", cli(cli2, "reanchor " + callId));
  }

  @Test
  void rtpmeshCtlDrainsAndListsNodes() throws Exception {
    Path ctl = Path.of("..", "bin", "rtpmesh-ctl");
    assertTrue(Files.isExecutable(ctl), ctl + " not executable");
    assertEquals("Node n1 standby: on\n", run(ctl.toString(), "-ip", "127.0.0.1", "-port", "" + cli2, "drain", "n1"));
    assertEquals("Node n1 standby: off\n", run(ctl.toString(), "-ip", "127.0.0.1", "-port", "" + cli2, "undrain", "n1"));
    String nodes = run(ctl.toString(), "-ip", "127.0.0.1", "-port", "" + cli1, "nodes");
    assertTrue(nodes.contains("node-id: n1,") && nodes.contains("node-id: n2,"), nodes);
    assertEquals("Maximum sessions configured on rtpengine: -1\n",
        run(ctl.toString(), "-ip", "127.0.0.1", "-port", "" + cli1, "get", "maxsessions"));
  }

  /** One command over the CLI's TCP protocol: a line out, the reply until the node closes. */
  static String cli(int port, String line) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(out);
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "rtpmesh-ctl did not end");
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "rtpmesh-ctl exit status, output: " + text);
    return text;
  }
}
