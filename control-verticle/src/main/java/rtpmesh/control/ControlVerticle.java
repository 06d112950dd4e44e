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
import rtpmesh.control.call.CallService;
import rtpmesh.control.call.Endpoint;
import rtpmesh.control.call.Interfaces;
import rtpmesh.control.call.MediaClient;
import rtpmesh.control.cluster.CallRegistry;
import rtpmesh.control.cluster.ClusterRouter;
import rtpmesh.control.cluster.HazelcastCallRegistry;
import rtpmesh.control.cluster.NodeDirectory;
import rtpmesh.control.ng.NgEngine;
import rtpmesh.control.ng.NgHandler;
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
 *   "listenCli": "127.0.0.1:9900", "portMin": 30000, "portMax": 40000 }
 * </pre>
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

  @Override
  public Future<?> start() {
    ControlConfig cfg = ControlConfig.from(config());
    MediaClient media = new MediaClient(vertx, cfg.nodeId(), cfg.blocks());
    calls = new CallService(vertx, media, new Interfaces(cfg.interfaces()),
        new CallService.Settings(cfg.deleteDelay(), cfg.maxSessions()));
    NgEngine engine = new NgEngine(calls, m -> NodeStatistics.of(calls));
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
        calls.srtpRoc(b.getString("call"), b.getInteger("port", 0), "send".equals(b.getString("direction")),
            b.getLong("ssrc", 0L), b.getInteger("roc", 0));
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
      directory = new NodeDirectory(vertx, hz, cfg.nodeId(),
          () -> new JsonObject().put("calls", calls.size()).put("maxSessions", calls.settings().maxSessions())
              .put("standby", routerRef[0] != null && routerRef[0].standby()).put("ng", String.join(",", cfg.listenNg())),
          dead -> routerRef[0].takeOver(dead));
      router = new ClusterRouter(vertx, engine, calls, registry, directory);
      routerRef[0] = router;
      directory.start();
      ready = router.start();
      handler = router;
      LOG.info("node " + cfg.nodeId() + " joined the cluster as member " + hz.getCluster().getLocalMember().getUuid());
    }
    NgHandler ng = handler;
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
    return ready.compose(v -> NgTransports.start(vertx, ng, cfg.listenNg(), cfg.listenTcpNg(), cfg.listenHttp()))
        .onSuccess(t -> {
          transports = t;
          LOG.info("ng listening: udp " + cfg.listenNg() + " tcp " + cfg.listenTcpNg() + " http " + cfg.listenHttp());
        })
        .compose(t -> startCli(cfg, media));
  }

  /** rtpengine's CLI port, when {@code listenCli} is set; served on this verticle's event loop. */
  private Future<Void> startCli(ControlConfig cfg, MediaClient media) {
    if (cfg.listenCli() == null || cfg.listenCli().isBlank()) return Future.succeededFuture();
    NodeReport report = new NodeReport(() -> NodeStatistics.of(calls), media, cfg.interfaces(), cfg.portMin(), cfg.portMax());
    return CliServer.start(vertx, ListenAddress.parse(cfg.listenCli()), new CliCommands(calls, media, report))
        .onSuccess(s -> {
          cli = s;
          LOG.info("cli listening: tcp " + cfg.listenCli() + " (port " + s.actualPort() + ")");
        })
        .mapEmpty();
  }

  @Override
  public Future<?> stop() {
    if (directory != null) directory.stop();
    Future<Void> r = router == null ? Future.succeededFuture() : router.stop();
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

  /** The live call service (for tests and the admin console). */
  public CallService calls() {
    return calls;
  }
}
