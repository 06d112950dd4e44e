package rtpmesh.control.ng.transport;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import rtpmesh.control.ng.NgHandler;

/**
 * Starts every configured ng listener ({@code --listen-ng}, {@code --listen-tcp-ng},
 * {@code --listen-http}) over one {@link NgHandler} and one {@link CookieCache}, which all cookie
 * transports share as in rtpengine. Call {@link #start} from the owning verticle so the servers run
 * on its context; {@link #close} stops them all.
 */
public final class NgTransports {
  private final List<Supplier<Future<Void>>> closers;
  private final List<NgUdpServer> udp;
  private final List<NgTcpServer> tcp;
  private final List<NgHttpServer> http;

  private NgTransports(List<Supplier<Future<Void>>> closers, List<NgUdpServer> udp,
      List<NgTcpServer> tcp, List<NgHttpServer> http) {
    this.closers = closers;
    this.udp = udp;
    this.tcp = tcp;
    this.http = http;
  }

  /**
   * Binds all listeners, one after the other. Fails with
   * {@code cannot listen on udp 127.0.0.1:2223: <cause>} on the first that cannot bind, after
   * closing those already bound; an unparsable address fails before anything is bound.
   */
  /** How often expired cookie-cache replies are dropped when no new request does it. */
  static final long SWEEP_MS = 5_000;

  public static Future<NgTransports> start(Vertx vertx, NgHandler handler, List<String> udpSpecs,
      List<String> tcpSpecs, List<String> httpSpecs) {
    return start(vertx, handler, udpSpecs, tcpSpecs, httpSpecs, null);
  }

  /** As above; the HTTP listeners also serve {@code site} (admin console, metrics) when not null. */
  public static Future<NgTransports> start(Vertx vertx, NgHandler handler, List<String> udpSpecs,
      List<String> tcpSpecs, List<String> httpSpecs, Handler<HttpServerRequest> site) {
    List<ListenAddress> udpAt;
    List<ListenAddress> tcpAt;
    List<ListenAddress> httpAt;
    try {
      udpAt = udpSpecs.stream().map(ListenAddress::parse).toList();
      tcpAt = tcpSpecs.stream().map(ListenAddress::parse).toList();
      httpAt = httpSpecs.stream().map(ListenAddress::parse).toList();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    CookieCache<Future<byte[]>> cache = new CookieCache<>();
    CookieExchange exchange = new CookieExchange(handler, cache);
    NgTransports started = new NgTransports(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
        new ArrayList<>());
    long sweep = vertx.setPeriodic(SWEEP_MS, t -> cache.expire());
    started.closers.add(() -> {
      vertx.cancelTimer(sweep);
      return Future.succeededFuture();
    });
    Future<Void> chain = Future.succeededFuture();
    for (ListenAddress at : udpAt) {
      chain = chain.compose(v -> bind("udp", at, NgUdpServer.start(vertx, at, exchange))
          .map(s -> started.add(started.udp, s, s::close)));
    }
    for (ListenAddress at : tcpAt) {
      chain = chain.compose(v -> bind("tcp", at, NgTcpServer.start(vertx, at, exchange))
          .map(s -> started.add(started.tcp, s, s::close)));
    }
    for (ListenAddress at : httpAt) {
      chain = chain.compose(v -> bind("http", at, NgHttpServer.start(vertx, at, exchange, site))
          .map(s -> started.add(started.http, s, s::close)));
    }
    return chain.transform(ar -> ar.succeeded()
        ? Future.succeededFuture(started)
        : started.close().transform(closed -> Future.failedFuture(ar.cause())));
  }

  private static <T> Future<T> bind(String kind, ListenAddress at, Future<T> listening) {
    return listening.recover(cause -> Future.failedFuture(new IllegalStateException(
        "cannot listen on " + kind + " " + at + ": " + cause.getMessage(), cause)));
  }

  private <T> Void add(List<T> list, T server, Supplier<Future<Void>> closer) {
    list.add(server);
    closers.add(closer);
    return null;
  }

  public List<NgUdpServer> udp() {
    return List.copyOf(udp);
  }

  public List<NgTcpServer> tcp() {
    return List.copyOf(tcp);
  }

  public List<NgHttpServer> http() {
    return List.copyOf(http);
  }

  /** Closes every listener; completes when all are closed, failed if any close failed. */
  public Future<Void> close() {
    return Future.join(closers.stream().map(Supplier::get).toList()).mapEmpty();
  }
}
