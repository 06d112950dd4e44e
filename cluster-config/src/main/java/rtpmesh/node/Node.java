package rtpmesh.node;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * One running node: a Vert.x instance (clustered with {@code --cluster}) with N media-verticle
 * instances (one per port block, each on its own event loop) and then the control verticle. Verticles are deployed by class name so this
 * module does not depend on their classes at compile time.
 */
public final class Node {
  private static final Logger LOG = Logger.getLogger(Node.class.getName());

  private final NodeConfig config;
  private final Vertx vertx;
  private final String transportName;
  private final String metricsRegistry;

  private Node(NodeConfig config, Vertx vertx, String transportName, String metricsRegistry) {
    this.config = config;
    this.vertx = vertx;
    this.transportName = transportName;
    this.metricsRegistry = metricsRegistry;
  }

  /**
   * Builds the Vert.x instance for {@code config}'s transport (native preferred unless nio);
   * clustered, it also joins the cluster and, without {@code --node-id}, names the node after its
   * member address. Fails with IllegalStateException when an explicitly requested native transport
   * is unavailable.
   */
  public static Future<Node> create(NodeConfig config) {
    // vertx-micrometer-metrics: Vert.x's own meters and the JVM's, in a Prometheus registry the
    // control verticle serves on /metrics (found by this name).
    String registry = "rtpmesh-" + java.util.UUID.randomUUID();
    VertxOptions options = new VertxOptions()
        .setPreferNativeTransport(config.transport() != Transport.NIO)
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
            .setRegistryName(registry).setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    io.vertx.core.transport.Transport explicit = switch (config.transport()) {
      case EPOLL -> io.vertx.core.transport.Transport.EPOLL;
      case IO_URING -> io.vertx.core.transport.Transport.IO_URING;
      case NIO -> io.vertx.core.transport.Transport.NIO;
      case AUTO -> null;
    };
    if (explicit != null && !explicit.available()) {
      Throwable why = explicit.unavailabilityCause();
      return Future.failedFuture(new IllegalStateException("--transport "
          + config.transport().wireName() + " is not available"
          + (why == null ? "" : ": " + Main.describe(why))));
    }
    ClusterConfig cluster = config.cluster();
    if (cluster.enabled()) {
      options.setEventBusOptions(ClusterSetup.eventBusOptions(cluster));
    }
    VertxBuilder builder = Vertx.builder().with(options);
    if (explicit != null) {
      builder = builder.withTransport(explicit);
    }
    if (!cluster.enabled()) {
      return Future.succeededFuture(node(config, builder.build(), registry));
    }
    ClusterManager mgr = ClusterSetup.clusterManager(cluster);
    return builder.withClusterManager(mgr).buildClustered()
        .recover(t -> Future.failedFuture(new IllegalStateException("joining cluster '"
            + cluster.name() + "' on " + cluster.host() + ": " + Main.describe(t), t)))
        .map(vertx -> {
          ClusterSetup.logMembership(mgr);
          return node(config.nodeId() != null ? config
              : config.withNodeId(ClusterSetup.defaultNodeId(mgr)), vertx, registry);
        });
  }

  private static Node node(NodeConfig config, Vertx vertx, String registry) {
    String name = config.transport().wireName();
    if (config.transport() == Transport.AUTO) {
      io.vertx.core.transport.Transport nat = io.vertx.core.transport.Transport.nativeTransport();
      name = vertx.isNativeTransportEnabled() && nat != null ? nat.name().toLowerCase() : "nio";
    }
    return new Node(config, vertx, name, registry);
  }

  /** The config in use: its node id is set, also when derived at join. */
  public NodeConfig config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The transport in use: epoll, io_uring or nio. */
  public String transportName() {
    return transportName;
  }

  /** Deploys the media blocks, then the control verticle; fails with the first failure. */
  public Future<Void> start() {
    List<PortRange> blocks = config.portBlocks();
    List<Future<String>> media = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      media.add(deploy(Deployments.MEDIA_VERTICLE,
          Deployments.media(config, i, blocks.get(i), transportName)));
    }
    Future<?> recorder = config.recording().enabled()
        ? deploy(Deployments.RECORDING_VERTICLE, Deployments.recording(config)) : Future.succeededFuture();
    return Future.all(media).compose(v -> recorder)
        .compose(v -> deploy(Deployments.CONTROL_VERTICLE,
            Deployments.control(config).put("metricsRegistry", metricsRegistry)))
        .mapEmpty();
  }

  private Future<String> deploy(String name, JsonObject conf) {
    LOG.fine(() -> "deploying " + name + " " + conf.encode());
    return vertx.deployVerticle(name, new DeploymentOptions().setConfig(conf))
        .recover(t -> Future.failedFuture(new IllegalStateException(
            name.substring(name.indexOf(':') + 1) + ": " + Main.describe(t), t)));
  }

  public Future<Void> close() {
    return vertx.close();
  }
}
