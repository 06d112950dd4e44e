package rtpmesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Hazelcast member config built from {@link ClusterConfig}, without starting Hazelcast. */
class ClusterSetupTest {
  private static final ClusterConfig CLUSTER = new ClusterConfig(true, "blue", "10.0.0.1", 5801,
      false, List.of("10.0.0.2:5801", "10.0.0.3"), 0);

  @Test
  void networkIsAnExplicitTcpIpJoinOnTheClusterHost() {
    Config c = ClusterSetup.hazelcastConfig(CLUSTER);
    assertEquals("blue", c.getClusterName());
    NetworkConfig net = c.getNetworkConfig();
    assertEquals(5801, net.getPort());
    assertFalse(net.isPortAutoIncrement());
    assertEquals("10.0.0.1", net.getPublicAddress());
    assertTrue(net.getInterfaces().isEnabled());
    assertEquals(List.of("10.0.0.1"), List.copyOf(net.getInterfaces().getInterfaces()));
    JoinConfig join = net.getJoin();
    assertFalse(join.getMulticastConfig().isEnabled());
    assertFalse(join.getAutoDetectionConfig().isEnabled());
    assertFalse(join.getAwsConfig().isEnabled());
    assertFalse(join.getKubernetesConfig().isEnabled());
    assertTrue(join.getTcpIpConfig().isEnabled());
    assertEquals(List.of("10.0.0.2:5801", "10.0.0.3", "10.0.0.1:5801"),
        join.getTcpIpConfig().getMembers());
  }

  @Test
  void withoutAPortHazelcastSearchesUpFrom5701() {
    ClusterConfig k = new ClusterConfig(true, "rtpmesh", "127.0.0.1", 5701, true, List.of(), 0);
    NetworkConfig net = ClusterSetup.hazelcastConfig(k).getNetworkConfig();
    assertEquals(5701, net.getPort());
    assertTrue(net.isPortAutoIncrement());
    assertEquals(List.of("127.0.0.1:5701"), net.getJoin().getTcpIpConfig().getMembers());
  }

  @Test
  void rtpmeshMapsHaveOneSynchronousBackup() {
    Config c = ClusterSetup.hazelcastConfig(CLUSTER);
    for (String map : List.of(ClusterSetup.CALLS_MAP, ClusterSetup.NODES_MAP)) {
      assertNotNull(c.getMapConfigOrNull(map), map);
      assertEquals(1, c.getMapConfigOrNull(map).getBackupCount(), map);
      assertEquals(0, c.getMapConfigOrNull(map).getAsyncBackupCount(), map);
    }
    assertEquals("rtpmesh.calls", ClusterSetup.CALLS_MAP);
    assertEquals("rtpmesh.nodes", ClusterSetup.NODES_MAP);
  }

  /** The structures vertx-hazelcast's default-cluster.xml declares for Vert.x itself. */
  @Test
  void vertxInternalStructuresAreKept() {
    Config c = ClusterSetup.hazelcastConfig(CLUSTER);
    MultiMapConfig subs = c.getMultiMapConfigs().get("__vertx.subs");
    assertNotNull(subs);
    assertEquals(1, subs.getBackupCount());
    assertEquals(MultiMapConfig.ValueCollectionType.SET, subs.getValueCollectionType());
    for (String map : List.of("__vertx.haInfo", "__vertx.nodeInfo")) {
      assertNotNull(c.getMapConfigOrNull(map), map);
      assertEquals(1, c.getMapConfigOrNull(map).getBackupCount(), map);
    }
  }

  @Test
  void properties() {
    Config c = ClusterSetup.hazelcastConfig(CLUSTER);
    assertEquals("jdk", c.getProperty("hazelcast.logging.type"));
    assertEquals("false", c.getProperty("hazelcast.shutdownhook.enabled"));
    assertEquals("false", c.getProperty("hazelcast.phone.home.enabled"));
    assertEquals("1", c.getProperty("hazelcast.heartbeat.interval.seconds"));
    assertEquals("5", c.getProperty("hazelcast.max.no.heartbeat.seconds"));
    assertEquals("false", c.getProperty("hazelcast.socket.bind.any"));
    ClusterSetup.PROPERTIES.forEach((k, v) -> assertEquals(v, c.getProperty(k), k));
  }

  @Test
  void eventBusBindsTheClusterHost() {
    assertEquals("10.0.0.1", ClusterSetup.eventBusOptions(CLUSTER).getHost());
    assertEquals(0, ClusterSetup.eventBusOptions(CLUSTER).getPort());
    ClusterConfig fixed = new ClusterConfig(true, "x", "10.0.0.1", 5801, false, List.of(), 15801);
    assertEquals(15801, ClusterSetup.eventBusOptions(fixed).getPort());
  }
}
