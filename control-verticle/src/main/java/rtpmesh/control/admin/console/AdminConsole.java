package rtpmesh.control.admin.console;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import rtpmesh.control.call.CallService;
import rtpmesh.control.call.MediaClient;
import rtpmesh.control.cluster.NodeDirectory;
import rtpmesh.control.metrics.MetricsEndpoint;
import rtpmesh.control.ng.NgHandler;

/**
 * The node's web site on its {@code --listen-http} port, beside ng over HTTP: the admin console
 * under {@code /admin/} (static page, event-bus bridge under {@code /admin/eventbus/}) and
 * {@code /metrics}. Every node serves it; in a cluster each console shows every node and call.
 * Started and used on the control verticle's event loop.
 */
public final class AdminConsole {
  /** Static files of the page, on the class path. */
  static final String WEBROOT = "rtpmesh-console";

  private final Vertx vertx;
  private final NodeAdmin nodeAdmin;
  private final ConsoleCommands commands;
  private final ClusterView view;
  private final Router router;

  /**
   * @param directory the cluster's nodes, or null when the node runs alone
   * @param selfSummary this node's line in the node table (also what it publishes to the directory)
   * @param adminToken enables the console's actions; null or empty = read-only
   */
  public AdminConsole(Vertx vertx, String nodeId, CallService calls, MediaClient media, NgHandler ng,
      NodeDirectory directory, Supplier<JsonObject> selfSummary, MetricsEndpoint metrics, String adminToken) {
    this.vertx = vertx;
    this.nodeAdmin = new NodeAdmin(vertx, nodeId, calls, media);
    Supplier<List<JsonObject>> nodes = directory == null
        ? () -> List.of(selfSummary.get())
        : () -> {
          List<JsonObject> all = new ArrayList<>();
          directory.nodes().forEach((id, n) -> all.add(id.equals(nodeId) ? selfSummary.get() : n));
          if (!directory.nodes().containsKey(nodeId)) all.add(selfSummary.get());
          return all;
        };
    Supplier<List<String>> live = directory == null ? () -> List.of(nodeId) : directory::liveNodes;
    this.view = new ClusterView(vertx, nodes);
    boolean tokenSet = adminToken != null && !adminToken.isEmpty();
    this.commands = new ConsoleCommands(vertx, live, ng, directory != null, view, tokenSet);
    router = Router.router(vertx);
    router.get("/metrics").handler(metrics::handle);
    router.route("/admin/eventbus/*").subRouter(ConsoleBridge.router(vertx, adminToken));
    router.get("/admin").handler(rc -> { // the route also matches "/admin/"
      if (rc.request().path().equals("/admin")) rc.redirect("/admin/");
      else rc.next();
    });
    router.get("/admin/*").handler(StaticHandler.create(WEBROOT).setCachingEnabled(false));
  }

  public Future<Void> start() {
    view.start();
    return nodeAdmin.start().compose(v -> commands.start());
  }

  public Future<Void> stop() {
    view.stop();
    return Future.join(nodeAdmin.stop(), commands.stop()).mapEmpty();
  }

  /** Handles the requests the ng HTTP server does not (see {@code NgHttpServer}). */
  public Handler<HttpServerRequest> site() {
    return router;
  }
}
