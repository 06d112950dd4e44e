package rtpmesh.control;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.logging.Logger;
import rtpmesh.control.admin.CliCommands;
import rtpmesh.control.admin.CliServer;
import rtpmesh.control.admin.NodeReport;
import rtpmesh.control.admin.console.AdminConsole;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import rtpmesh.control.metrics.EventLoopLag;
import rtpmesh.control.metrics.MetricsEndpoint;
import rtpmesh.control.metrics.NodeMetrics;
import rtpmesh.control.metrics.NodeSampler;
import rtpmesh.control.metrics.ProcessLoad;
import rtpmesh.control.metrics.RecordingMetrics;
import rtpmesh.control.call.CallService;
import rtpmesh.control.call.DtmfControl;
import rtpmesh.control.call.Endpoint;
import rtpmesh.control.call.Interfaces;
import rtpmesh.control.call.MediaClient;
import rtpmesh.control.call.RecordingControl;
import rtpmesh.control.cluster.CallRegistry;
import rtpmesh.control.cluster.ClusterRouter;
import rtpmesh.control.cluster.HazelcastCallRegistry;
import rtpmesh.control.cluster.NodeDirectory;
import rtpmesh.control.ng.NgEngine;
import rtpmesh.control.ng.NgHandler;
import rtpmesh.control.ng.NgRateLimit;
import rtpmesh.control.ng.transport.ListenAddress;
import rtpmesh.control.ng.transport.NgTransports;
import rtpmesh.media.MediaApi;

/**
 * The control plane of one node: ng transports, calls, offer/answer. Deployment config (JSON):
 * <pre>
 * { "nodeId": "local", "blocks": 2,
 *   "interfaces": [{"name": "default", "address": "127.0.0.1", "advertised": "127.0.0.1"}],
 *   "listenNg": ["127.0.0.1:2223"], "listenTcpNg": [], "listenHttp": [],
 *   "timeout": 60, "silentTimeout": 3600, "deleteDelay": 30, "maxSessions": -1,
 *   "listenCli": "127.0.0.1:9900", "portMin": 30000, "portMax": 40000,
 *   "maxSdpSize": 65536, "maxMediaPerCall": 64, "maxNgRate": 0, "maxNgBurst": 0,
 *   "adminToken": "secret", "metricsRegistry": "rtpmesh-..." }
 * </pre>
 * Every {@code listenHttp} port also serves the admin console ({@code /admin/}) and
 * {@code /metrics}; the console's actions need {@code adminToken} (absent = read-only).
 * {@code metricsRegistry} names the vertx-micrometer-metrics registry of this Vert.x instance, if
 * it was started with metrics on.
 * {@code listenCli} (absent = off) opens rtpengine's CLI port ({@link CliServer}); {@code portMin}
 * and {@code portMax} are the node's media port range, for the CLI's {@code list interfaces}.
 * The media blocks ({@code rtpmesh.media.MediaVerticle}, one per block) must be deployed first.
 */
public class ControlVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(ControlVerticle.class.getName());

  private NgTransports transports;
  private CliServer cli;
  private CallService calls;
  private NodeDirectory directory;
  private ClusterRouter router;
  private NodeSampler sampler;
  private EventLoopLag lag;
  private AdminConsole console;

  @Override
  public Future<?> start() {
    ControlConfig cfg = ControlConfig.from(config());
    MediaClient media = new MediaClient(vertx, cfg.nodeId(), cfg.blocks());
    calls = new CallService(vertx, media, new Interfaces(cfg.interfaces()),
        new CallService.Settings(cfg.deleteDelay(), cfg.maxSessions()));
    NgEngine engine = new NgEngine(calls, m -> NodeStatistics.of(calls, cfg.nodeId()), cfg.limits());
    DtmfControl dtmf = new DtmfControl(vertx, config().getString("dtmfLogDest"));
    calls.enableRecording(new RecordingControl(vertx, cfg.nodeId()));
    sampler = new NodeSampler(vertx, media, calls::size);
    sampler.start();
    lag = new EventLoopLag(vertx);
    lag.start();
    PrometheusMeterRegistry meters = MetricsEndpoint.registry(cfg.metricsRegistry());
    NodeMetrics.bind(meters, cfg.nodeId(), calls, engine, sampler, cfg.interfaces(), cfg.portMin(), cfg.portMax());
    lag.bind(meters);
    RecordingMetrics.bind(meters, cfg.nodeId());
    MetricsEndpoint metrics = MetricsEndpoint.of(meters, sampler, () -> calls.counters().managed);
    vertx.eventBus().<JsonObject>localConsumer(MediaApi.timeoutAddress(cfg.nodeId()), m -> {
      JsonObject b = m.body();
      if (b != null && b.getString("call") != null) calls.timeout(b.getString("call"), b.getString("reason", "timeout"));
    });
    vertx.eventBus().<JsonObject>localConsumer(MediaApi.eventsAddress(cfg.nodeId()), m -> {
      JsonObject b = m.body();
      if (b != null && "dtls".equals(b.getString("event")) && b.getString("call") != null) {
        String remote = b.getString("remote");
        calls.dtlsKeys(b.getString("call"), b.getInteger("port", 0), b.getString("suite"), b.getString("localKey"),
            b.getString("remoteKey"), remote == null ? null : new Endpoint(remote, b.getInteger("remotePort", 0)));
      } else if (b != null && MediaApi.EVENT_ROC.equals(b.getString("event")) && b.getString("call") != null) {
        calls.roc(b.getString("call"), b.getInteger("port", 0), "send".equals(b.getString("direction")),
            b.getLong("ssrc", 0L), b.getInteger("roc", 0));
      } else if (b != null && MediaApi.EVENT_DTMF.equals(b.getString("event"))) {
        calls.dtmfEvent(b, dtmf);
      } else if (b != null && MediaApi.EVENT_MEDIA_ENDED.equals(b.getString("event"))) {
        calls.mediaEnded(b);
      }
    });
    NgHandler handler = engine;
    Future<Void> ready = Future.succeededFuture();
    ClusterManager cm = ((VertxInternal) vertx).clusterManager();
    if (cm instanceof HazelcastClusterManager hcm) {
      HazelcastInstance hz = hcm.getHazelcastInstance();
      CallRegistry registry = new HazelcastCallRegistry(vertx, hz);
      calls.attach(registry, cfg.nodeId());
      ClusterRouter[] routerRef = new ClusterRouter[1];
      directory = new NodeDirectory(vertx, hz, cfg.nodeId(), () -> summary(cfg),
          dead -> routerRef[0].takeOver(dead));
      router = new ClusterRouter(vertx, engine, calls, registry, directory);
      routerRef[0] = router;
      directory.start();
      ready = router.start();
      handler = router;
      LOG.info("node " + cfg.nodeId() + " joined the cluster as member " + hz.getCluster().getLocalMember().getUuid());
    }
    NgHandler ng = NgRateLimit.wrap(handler, cfg.maxNgRate(), cfg.maxNgBurst());
    console = new AdminConsole(vertx, cfg.nodeId(), calls, media, ng, directory, () -> summary(cfg), metrics, cfg.adminToken());
    ready = ready.compose(v -> console.start());
    // ICE and DTLS go into SDP only when the media plane says it terminates them.
    ready = ready.compose(v -> media.fingerprint()
        .onSuccess(fp -> {
          if (fp != null) calls.enableWebrtc(fp);
          LOG.info(fp == null ? "WebRTC transport (ICE, DTLS) not available" : "DTLS certificate " + fp);
        })
        .<Void>mapEmpty()
        .recover(err -> {
          LOG.info("WebRTC transport (ICE, DTLS) not available: " + err.getMessage());
          return Future.succeededFuture();
        }));
    return ready.compose(v -> NgTransports.start(vertx, ng, cfg.listenNg(), cfg.listenTcpNg(), cfg.listenHttp(), console.site()))
        .onSuccess(t -> {
          transports = t;
          LOG.info("ng listening: udp " + cfg.listenNg() + " tcp " + cfg.listenTcpNg() + " http " + cfg.listenHttp());
        })
        .compose(t -> startCli(cfg, media, ng));
  }

  /** rtpengine's CLI port, when {@code listenCli} is set; served on this verticle's event loop. */
  private Future<Void> startCli(ControlConfig cfg, MediaClient media, NgHandler ng) {
    if (cfg.listenCli() == null || cfg.listenCli().isBlank()) return Future.succeededFuture();
    NodeReport report = new NodeReport(() -> NodeStatistics.of(calls, cfg.nodeId()), media, cfg.interfaces(), cfg.portMin(), cfg.portMax());
    return CliServer.start(vertx, ListenAddress.parse(cfg.listenCli()), new CliCommands(calls, media, report, ng))
        .onSuccess(s -> {
          cli = s;
          LOG.info("cli listening: tcp " + cfg.listenCli() + " (port " + s.actualPort() + ")");
        })
        .mapEmpty();
  }

  /**
   * This node's line in the console's node table, also what it publishes to the cluster's node
   * directory: calls, limits, standby, media rates from the last reading of the blocks, loop lag.
   */
  private JsonObject summary(ControlConfig cfg) {
    NodeSampler.Sample s = sampler.last();
    int max = calls.settings().maxSessions();
    return new JsonObject()
        .put("nodeId", cfg.nodeId())
        .put("calls", calls.size())
        .put("maxSessions", max)
        .put("standby", router != null && router.standby())
        .put("ng", String.join(",", cfg.listenNg()))
        .put("pps", s.packetRate())
        .put("bps", s.byteRate())
        .put("eps", s.errorRate())
        .put("packets", s.packets())
        .put("errors", s.errors())
        .put("drops", s.drops())
        .put("portsUsed", 2 * s.usedPairs())
        .put("portsFree", 2 * s.freePairs())
        .put("cpu", ProcessLoad.cpu())
        .put("lagMs", lag.maxMillis());
  }

  @Override
  public Future<?> stop() {
    if (sampler != null) sampler.stop();
    if (lag != null) lag.stop();
    if (directory != null) directory.stop();
    Future<Void> r = router == null ? Future.succeededFuture() : router.stop();
    if (console != null) r = r.compose(v -> console.stop());
    return r.compose(v -> cli == null ? Future.<Void>succeededFuture() : cli.close())
        .compose(v -> transports == null ? Future.succeededFuture() : transports.close());
  }

  /** The cluster router, or null when the node runs alone. */
  public ClusterRouter router() {
    return router;
  }

  /** Takes over a call from its cluster record, on this verticle's event loop. */
  public Future<Void> adopt(JsonObject record) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> calls.adopt(record).onComplete(done));
    return done.future();
  }

  /** The cluster record of a call held here, read on this verticle's event loop (null if none). */
  public Future<JsonObject> record(String callId) {
    Promise<JsonObject> done = Promise.promise();
    context.runOnContext(v -> done.complete(calls.record(callId)));
    return done.future();
  }

  /** The CLI's TCP port (the one bound when {@code listenCli} asked for port 0), or -1 when off. */
  public int cliPort() {
    return cli == null ? -1 : cli.actualPort();
  }

  /** The first HTTP listener's port (the one bound when {@code listenHttp} asked for port 0), or -1. */
  public int httpPort() {
    return transports == null || transports.http().isEmpty() ? -1 : transports.http().get(0).actualPort();
  }

  /** The live call service (for tests and the admin console). */
  public CallService calls() {
    return calls;
  }
}
