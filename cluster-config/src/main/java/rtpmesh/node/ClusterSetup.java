package rtpmesh.node;

import static java.util.Map.entry;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.XmlConfigBuilder;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The Hazelcast member config and the Vert.x cluster manager of a clustered node, built in code
 * from {@link ClusterConfig}. The only class that names Hazelcast, so an unclustered node never
 * loads it.
 *
 * <p>It starts from vertx-hazelcast's own {@code default-cluster.xml} (from its jar, not the
 * classpath's {@code cluster.xml}), which declares what Vert.x needs: the {@code __vertx.subs}
 * multimap (SET values) and the {@code __vertx.haInfo} / {@code __vertx.nodeInfo} maps, each with
 * one backup. Then it replaces the network: explicit TCP-IP join, no multicast, no auto-detection,
 * bound to and advertising {@link ClusterConfig#host()} only.
 *
 * <p>Failure detection: a heartbeat every second and a member is dropped after 5 s without one
 * (Hazelcast's defaults are 5 s and 60 s). A killed node's calls are taken over after about 5 s,
 * not a minute, which is the point of clustering a media relay; a GC pause or a network stall over
 * 5 s would split the cluster, which Hazelcast merges again within about 10 s of its end (the
 * merge checks run every 10 s instead of after 5 min). A member that shuts down cleanly or dies
 * (its connections close) is noticed within about a second.
 */
public final class ClusterSetup {
  /** CallState records by call-id; one synchronous backup, so a single lost member loses nothing. */
  public static final String CALLS_MAP = "rtpmesh.calls";
  /** Node records (id, ng address, load) by node id. */
  public static final String NODES_MAP = "rtpmesh.nodes";

  /** The Hazelcast properties we set and why; also checked by the test. */
  static final Map<String, String> PROPERTIES = Map.ofEntries(
      entry("hazelcast.logging.type", "jdk"), // through NodeLogging; com.hazelcast at WARNING
      entry("hazelcast.shutdownhook.enabled", "false"), // Vert.x (Main's hook) shuts it down
      entry("hazelcast.phone.home.enabled", "false"),
      entry("hazelcast.heartbeat.interval.seconds", "1"),
      entry("hazelcast.max.no.heartbeat.seconds", "5"),
      entry("hazelcast.socket.bind.any", "false"), // bind --cluster-host only, not 0.0.0.0
      entry("hazelcast.graceful.shutdown.max.wait", "5"), // Main waits 10 s for Vert.x to close
      entry("hazelcast.wait.seconds.before.join", "1"), // default 5: slows every start
      // a member that was dropped (stalled > 5 s) finds the others again after 10 s, not 5 min
      entry("hazelcast.merge.first.run.delay.seconds", "10"),
      entry("hazelcast.merge.next.run.delay.seconds", "10"));

  private static final Logger LOG = Logger.getLogger(ClusterSetup.class.getName());

  private ClusterSetup() {}

  /** The Hazelcast member config of a node with cluster settings {@code c}. */
  public static Config hazelcastConfig(ClusterConfig c) {
    Config config = vertxDefaults();
    config.setClusterName(c.name());
    NetworkConfig net = config.getNetworkConfig();
    net.setPort(c.port()).setPortAutoIncrement(c.portAutoIncrement());
    net.setPublicAddress(c.host()); // the port is the one bound
    net.getInterfaces().setEnabled(true).clear().addInterface(c.host());
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(c.membersWithSelf());
    config.addMapConfig(new MapConfig(CALLS_MAP).setBackupCount(1).setAsyncBackupCount(0));
    config.addMapConfig(new MapConfig(NODES_MAP).setBackupCount(1).setAsyncBackupCount(0));
    PROPERTIES.forEach(config::setProperty);
    return config;
  }

  /** A cluster manager for {@code c}; Vert.x starts the Hazelcast member when it is built. */
  public static ClusterManager clusterManager(ClusterConfig c) {
    return new HazelcastClusterManager(hazelcastConfig(c));
  }

  /** Event bus on {@link ClusterConfig#host()}, port {@code --cluster-bus-port} or any free one. */
  public static EventBusOptions eventBusOptions(ClusterConfig c) {
    return new EventBusOptions().setHost(c.host()).setPort(c.busPort());
  }

  /**
   * The default node id of a joined member: {@code HOST-PORT} of its Hazelcast address, e.g.
   * {@code 127.0.0.1-5701} (IPv6 ':' become '_'). Unique in the cluster; stable across restarts
   * when {@code --cluster-port} is given.
   */
  public static String defaultNodeId(ClusterManager mgr) {
    Address a = ((HazelcastClusterManager) mgr).getHazelcastInstance().getCluster()
        .getLocalMember().getAddress();
    return a.getHost().replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + a.getPort();
  }

  /** Logs members joining and leaving at INFO (Hazelcast's own log is at WARNING). */
  public static void logMembership(ClusterManager mgr) {
    ((HazelcastClusterManager) mgr).getHazelcastInstance().getCluster()
        .addMembershipListener(new MembershipListener() {
          @Override
          public void memberAdded(MembershipEvent e) {
            LOG.info(() -> "cluster member joined: " + e.getMember().getAddress() + ", "
                + e.getMembers().size() + " members");
          }

          @Override
          public void memberRemoved(MembershipEvent e) {
            LOG.info(() -> "cluster member left: " + e.getMember().getAddress() + ", "
                + e.getMembers().size() + " members");
          }
        });
  }

  /** vertx-hazelcast's default-cluster.xml, which holds the map configs Vert.x relies on. */
  private static Config vertxDefaults() {
    try (InputStream in = HazelcastClusterManager.class.getClassLoader()
        .getResourceAsStream("default-cluster.xml")) {
      if (in == null) {
        throw new IllegalStateException("default-cluster.xml of vertx-hazelcast not found");
      }
      return new XmlConfigBuilder(in).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
