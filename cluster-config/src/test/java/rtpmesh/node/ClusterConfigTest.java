package rtpmesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code --cluster*} options, read through {@link ConfigParser}. */
class ClusterConfigTest {
  private static final ConfigParser PARSER = new ConfigParser(n -> List.<InetAddress>of(), 2);

  @TempDir
  Path dir;

  private static NodeConfig parse(String... args) throws ConfigException {
    return PARSER.parse(Arrays.asList(args)).config();
  }

  @Test
  void offByDefault() throws ConfigException {
    NodeConfig c = parse();
    assertSame(ClusterConfig.OFF, c.cluster());
    assertEquals("local", c.nodeId());
    assertEquals(List.of(), c.warnings());
  }

  @Test
  void clusterFlagAloneUsesTheDefaults() throws ConfigException {
    NodeConfig c = parse("--cluster");
    assertEquals(new ClusterConfig(true, "rtpmesh", "127.0.0.1", 5701, true, List.of(), 0),
        c.cluster());
    assertNull(c.nodeId()); // derived from the member address at join
    assertEquals(List.of("127.0.0.1:5701"), c.cluster().membersWithSelf());
  }

  @Test
  void membersImplyClusterAndAreCommaSeparatedAndRepeatable() throws ConfigException {
    NodeConfig c = parse("--cluster-members=10.0.0.1:5701, 10.0.0.2", "--cluster-members",
        "[2001:DB8::3]:5702,::4,rtp-a.example.net:5703", "--cluster-host=10.0.0.1",
        "--cluster-port=5701", "--cluster-name=prod-1", "--cluster-bus-port=15701",
        "--node-id=a");
    ClusterConfig k = c.cluster();
    assertTrue(k.enabled());
    assertEquals(List.of("10.0.0.1:5701", "10.0.0.2", "[2001:db8::3]:5702", "[::4]",
        "rtp-a.example.net:5703"), k.members());
    assertEquals("prod-1", k.name());
    assertEquals("10.0.0.1", k.host());
    assertEquals(5701, k.port());
    assertFalse(k.portAutoIncrement()); // an explicit port is that port or a failed start
    assertEquals(15701, k.busPort());
    assertEquals("a", c.nodeId());
    assertEquals(k.members(), k.membersWithSelf()); // self is listed already
  }

  @Test
  void selfIsAddedToTheJoinList() throws ConfigException {
    ClusterConfig k = parse("--cluster-members=127.0.0.1:5702", "--cluster-port=5701").cluster();
    assertEquals(List.of("127.0.0.1:5702", "127.0.0.1:5701"), k.membersWithSelf());
  }

  @Test
  void clusterFalseOverridesMembersAndWarnsAboutTheRest() throws Exception {
    Path f = dir.resolve("rtpengine.conf");
    Files.writeString(f, "[rtpengine]\ncluster-members = 10.0.0.1;10.0.0.2\ncluster-port = 5801\n");
    NodeConfig on = parse("--config-file=" + f);
    assertEquals(List.of("10.0.0.1", "10.0.0.2"), on.cluster().members());
    assertEquals(5801, on.cluster().port());

    NodeConfig off = parse("--config-file=" + f, "--cluster=false");
    assertSame(ClusterConfig.OFF, off.cluster());
    assertEquals("local", off.nodeId());
    assertEquals(List.of(
        f + ":2: cluster-members: ignored, the node is not clustered (--cluster)",
        f + ":3: cluster-port: ignored, the node is not clustered (--cluster)"), off.warnings());
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(List.of("--cluster=sometimes"), "--cluster: expected true or false: 'sometimes'"),
        Arguments.of(List.of("--cluster", "--cluster-port=0"), "--cluster-port: out of range (1..65535): '0'"),
        Arguments.of(List.of("--cluster", "--cluster-port=x"), "--cluster-port: not a number: 'x'"),
        Arguments.of(List.of("--cluster", "--cluster-bus-port=65536"), "--cluster-bus-port: out of range (0..65535): '65536'"),
        Arguments.of(List.of("--cluster", "--cluster-host=eth0"), "--cluster-host: not an IP address: 'eth0'"),
        Arguments.of(List.of("--cluster", "--cluster-host=0.0.0.0"), "--cluster-host: the other members must reach this address, give a concrete one, not '0.0.0.0'"),
        Arguments.of(List.of("--cluster", "--cluster-name=a b"), "--cluster-name: not a valid cluster name (letters, digits, '_', '.', '-'): 'a b'"),
        Arguments.of(List.of("--cluster-members=10.0.0.1:x"), "--cluster-members: expected HOST[:PORT]: '10.0.0.1:x'"),
        Arguments.of(List.of("--cluster-members=10.0.0.1:70000"), "--cluster-members: port out of range (1..65535): '10.0.0.1:70000'"),
        Arguments.of(List.of("--cluster-members=[::1]5701"), "--cluster-members: expected HOST[:PORT]: '[::1]5701'"),
        Arguments.of(List.of("--cluster-members=a/b"), "--cluster-members: expected HOST[:PORT], HOST an IP address or a name: 'a/b'"),
        Arguments.of(List.of("--cluster-members"), "--cluster-members: missing value"));
  }

  @ParameterizedTest
  @MethodSource
  void badValues(List<String> args, String expected) {
    assertEquals(expected, assertThrows(ConfigException.class, () -> PARSER.parse(args))
        .getMessage());
  }
}
