package rtpmesh.control.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rtpmesh.control.node.NodeWithCalls;

/**
 * The CLI commands against a whole node over real TCP, with a call set up over ng UDP; expected
 * texts are rtpengine's ({@code daemon/cli.c}, mr10+).
 */
class CliCommandsTest {
  private NodeWithCalls node;
  private String callId;

  @BeforeEach
  void start() {
    node = NodeWithCalls.start();
    callId = node.establish();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private String cli(String line) {
    return CliClient.send(node.cliPort(), line);
  }

  /** The cluster commands on a node that runs alone (ClusterCliTest has them in a cluster). */
  @Test
  void clusterCommandsOnALoneNode() {
    assertEquals("node-id: local, calls: 1, standby: off, not clustered\n", cli("list nodes"));
    assertEquals("Fail: this node is not in a cluster\n", cli("standby on"));
    assertEquals(CliCommands.MORE, cli("standby"));
    int[] before = node.relayPorts(callId);
    String moved = cli("reanchor " + callId);
    assertTrue(moved.startsWith("\nCall Id (" + callId + ") re-anchored on new ports"), moved);
    assertTrue(!moved.contains("m=audio " + before[0] + " ") && !moved.contains("m=audio " + before[2] + " ")
        && moved.split("m=audio ", -1).length == 3, "two SDPs with new ports (old " + before[0] + ", " + before[2] + "): " + moved);
    assertEquals("\nCall Id not found (nobody).\n\n", cli("reanchor nobody"));
  }

  @Test
  void listNumsessionsCountsTheCall() {
    assertEquals("""
        Current sessions own: 1
        Current sessions foreign: 0
        Current sessions total: 1
        Current transcoded media: 0
        Current sessions ipv4 only media: 1
        Current sessions ipv6 only media: 0
        Current sessions ip mixed  media: 0
        """, cli("list numsessions"));
  }

  @Test
  void listSessionsAllHasOneLinePerCall() {
    String reply = cli("list sessions all");
    assertTrue(Pattern.matches("ID: +" + Pattern.quote(callId)
        + " \\| del:n \\| creat: +\\d+ \\| prx: \\| redis:-1 \\| frgn:n \\| rec:n\n", reply), reply);
    assertEquals(reply, cli("list sessions own"));
    assertEquals(reply, cli("get sessions all"), "get is list");
    assertEquals("No foreign sessions on this media relay.\n", cli("list sessions foreign"));
  }

  @Test
  void listSessionsCallIdShowsTagsMediaAndPackets() {
    node.assertMediaFlows(callId);
    String reply = cli("list sessions " + callId);
    assertTrue(reply.startsWith("\ncallid: " + callId + "\ndeletionmark: no\ncreated: "), reply);
    assertTrue(reply.contains("\n--- Tag 'tagA-"), reply);
    assertTrue(reply.contains("---     subscribed to media with monologue tag 'tagB-"), reply);
    assertTrue(reply.contains("------ Media #1 (audio over RTP/AVP) using unknown codec\n"), reply);
    int[] ports = node.relayPorts(callId);
    assertTrue(Pattern.compile("-------- Port +127\\.0\\.0\\.1:" + ports[0] + " +<> +127\\.0\\.0\\.1:\\d+ *, SSRC [0-9a-f]+, 3 p, \\d+ b, 0 e, \\d+ uts 0 kts\n")
        .matcher(reply).find(), reply);
    assertTrue(reply.contains(":" + ports[1] + " "), "the RTCP stream\n" + reply);
    assertEquals(reply.replaceAll("callduration \\S+", ""), cli("list session " + callId).replaceAll("callduration \\S+", ""));
    assertEquals("\nCall ID not found (nope).\n\n", cli("list sessions nope"));
  }

  @Test
  void terminateEndsTheCallAndFreesItsPorts() {
    assertEquals("\nCall Id (" + callId + ") successfully terminated by operator.\n\n", cli("terminate " + callId));
    assertEquals("Unknown call-id", node.queryError(callId));
    node.assertReleased(callId);
    assertEquals("No sessions on this media relay.\n", cli("list sessions all"));
    assertTrue(cli("list totals").contains("\n Total forced terminated sessions                :1\n"));
    assertEquals("\nCall Id not found (" + callId + ").\n\n", cli("terminate " + callId));
  }

  @Test
  void terminateAllEndsEveryCall() {
    String second = node.establish();
    assertEquals("All calls terminated by operator.\n", cli("terminate all"));
    assertEquals("Unknown call-id", node.queryError(callId));
    assertEquals("Unknown call-id", node.queryError(second));
    node.assertReleased(callId);
    node.assertReleased(second);
    assertTrue(cli("list numsessions").startsWith("Current sessions own: 0\n"));
  }

  @Test
  void listTotalsInRtpenginesLayout() {
    String reply = cli("list totals");
    assertTrue(reply.startsWith("\nStatistics over currently running sessions:\n\n"
        + " Owned sessions                                  :1\n"
        + " Foreign sessions                                :0\n"
        + " Total sessions                                  :1\n"), reply);
    assertTrue(reply.contains("\nTotal statistics (does not include current running sessions):\n\n"
        + " Uptime of rtpengine                             :"), reply);
    assertTrue(reply.contains("\n Total managed sessions                          :1\n"), reply);
    assertTrue(reply.contains("\n Total timed-out sessions via TIMEOUT            :0\n"), reply);
  }

  @Test
  void maxsessionsIsReadAndSetAndLimitsNewCalls() {
    assertEquals("Maximum sessions configured on rtpengine: -1\n", cli("list maxsessions"));
    assertEquals("Success setting maxsessions to 1\n", cli("set maxsessions 1"));
    assertEquals("Maximum sessions configured on rtpengine: 1\n", cli("list maxsessions"));
    assertEquals("Fail setting maxsessions to -2; either positive or -1 values allowed\n", cli("set maxsessions -2"));
    assertEquals("Fail setting maxsessions to x; no digists found\n", cli("set maxsessions x"));
    assertEquals("Success setting maxsessions to -1; disable feature\n", cli("set maxsessions -1"));
    assertEquals("Success setting maxsessions to 1\n", cli("set maxsessions 1"));
    try {
      node.establish();
      throw new AssertionError("a second call was let in above max-sessions 1");
    } catch (AssertionError e) {
      assertTrue(e.getMessage().contains("Parallel session limit reached"), e.getMessage());
    }
  }

  @Test
  void timeoutsAreTheMediaBlocks() {
    assertEquals("TIMEOUT=60\n", cli("list timeout"));
    assertEquals("Success setting timeout to 45\n", cli("set timeout 45"));
    assertEquals("TIMEOUT=45\n", cli("list timeout"));
    assertEquals("SILENT_TIMEOUT=3600\n", cli("list silenttimeout"));
    assertEquals("Success setting timeout to 120\n", cli("set silenttimeout 120"));
    assertEquals("SILENT_TIMEOUT=120\n", cli("list silenttimeout"));
    assertEquals("Fail setting timeout to 0; must be above 0\n", cli("set timeout 0"));
    assertEquals("Fail setting timeout to abc; no digists found\n", cli("set timeout abc"));
    assertEquals("TIMEOUT=45\n", cli("list timeout"));
  }

  @Test
  void deletedelay() {
    assertEquals("30\n", cli("list deletedelay"));
    assertEquals("Success setting delete-delay to 0\n", cli("set deletedelay 0"));
    assertEquals("0\n", cli("list deletedelay"));
    assertEquals("Invalid delete-delay value\n", cli("set deletedelay -1"));
  }

  @Test
  void listInterfacesShowsThePortPool() {
    String reply = cli("list interfaces");
    assertTrue(reply.startsWith("Interface 'default' address '127.0.0.1' (IPv4)\n Port range: 41000 - 41999\n"
        + " Ports used:     4 /  1000 (  0.4%)\n"), reply);
    assertTrue(reply.contains("Interface 'pub' address '127.0.0.1' (IPv4)\n"), reply);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "foo           | Unknown or incomplete command:foo",
      "list foo bar  | Unknown or incomplete command:foo bar",
      "''            | Unknown or incomplete command:",
      "list          | More parameters required.",
      "set           | More parameters required.",
      "terminate     | More parameters required.",
      "list sessions | More parameters required.",
      "set timeout   | More parameters required."})
  void rtpenginesErrorTexts(String line, String reply) {
    assertEquals(reply + "\n", cli(line));
  }

  @Test
  void helpListsTheWordsOfALevel() {
    assertEquals("Available sub-commands at this level:\n\tlist\n\tget\n\tset\n\tterminate\n\tstandby\n\treanchor\n",
        cli("help"));
    assertTrue(cli("list help").startsWith("Available sub-commands at this level:\n\tnumsessions\n\tsessions\n"));
    assertNull(node.queryError(callId), "nothing above touched the call");
  }
}
