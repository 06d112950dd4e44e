package rtpmesh.control;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.logging.Logger;
import rtpmesh.control.call.CallService;
import rtpmesh.control.call.Interfaces;
import rtpmesh.control.call.MediaClient;
import rtpmesh.control.ng.NgEngine;
import rtpmesh.control.ng.transport.NgTransports;
import rtpmesh.media.MediaApi;

/**
 * The control plane of one node: ng transports, calls, offer/answer. Deployment config (JSON):
 * <pre>
 * { "nodeId": "local", "blocks": 2,
 *   "interfaces": [{"name": "default", "address": "127.0.0.1", "advertised": "127.0.0.1"}],
 *   "listenNg": ["127.0.0.1:2223"], "listenTcpNg": [], "listenHttp": [],
 *   "timeout": 60, "silentTimeout": 3600, "deleteDelay": 30, "maxSessions": -1 }
 * </pre>
 * The media blocks ({@code rtpmesh.media.MediaVerticle}, one per block) must be deployed first.
 */
public class ControlVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(ControlVerticle.class.getName());

  private NgTransports transports;
  private CallService calls;

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
    return NgTransports.start(vertx, engine, cfg.listenNg(), cfg.listenTcpNg(), cfg.listenHttp())
        .onSuccess(t -> {
          transports = t;
          LOG.info("ng listening: udp " + cfg.listenNg() + " tcp " + cfg.listenTcpNg() + " http " + cfg.listenHttp());
        });
  }

  @Override
  public Future<?> stop() {
    return transports == null ? Future.succeededFuture() : transports.close();
  }

  /** The live call service (for tests and the admin console). */
  public CallService calls() {
    return calls;
  }
}
