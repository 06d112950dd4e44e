package rtpmesh.control.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.function.LongSupplier;

/**
 * {@code GET /metrics} in Prometheus' text format. The registry is the one vertx-micrometer-metrics
 * keeps for this Vert.x instance when the node started with metrics on (then the Vert.x meters:
 * HTTP server, event bus, pools, JVM, come with it), else one of our own with the JVM meters. The
 * media counters are read afresh from the blocks before each scrape.
 */
public final class MetricsEndpoint {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final NodeSampler sampler;
  private final LongSupplier managedSessions;

  private MetricsEndpoint(PrometheusMeterRegistry registry, NodeSampler sampler, LongSupplier managedSessions) {
    this.registry = registry;
    this.sampler = sampler;
    this.managedSessions = managedSessions;
  }

  /**
   * The registry named {@code registryName} by vertx-micrometer-metrics (see
   * {@code MicrometerMetricsOptions.setRegistryName}) if it is a Prometheus one, else a new one.
   */
  public static PrometheusMeterRegistry registry(String registryName) {
    MeterRegistry r = registryName == null ? null : BackendRegistries.getNow(registryName);
    if (r instanceof PrometheusMeterRegistry p) return p;
    PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(own);
    new JvmMemoryMetrics().bindTo(own);
    new JvmGcMetrics().bindTo(own);
    new JvmThreadMetrics().bindTo(own);
    new ProcessorMetrics().bindTo(own);
    new UptimeMetrics().bindTo(own);
    return own;
  }

  /** {@code managedSessions}: rtpengine's {@code rtpengine_sessions_total} (see {@link NodeMetrics}). */
  public static MetricsEndpoint of(PrometheusMeterRegistry registry, NodeSampler sampler, LongSupplier managedSessions) {
    return new MetricsEndpoint(registry, sampler, managedSessions);
  }

  /** The whole exposition: the registry's, then rtpengine's managed-sessions counter. */
  public String scrape() {
    return registry.scrape()
        + "# HELP rtpengine_sessions_total Total managed sessions\n"
        + "# TYPE rtpengine_sessions_total counter\n"
        + "rtpengine_sessions_total " + managedSessions.getAsLong() + "\n";
  }

  public void handle(RoutingContext rc) {
    sampler.sample().onComplete(ar -> rc.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
        .end(scrape()));
  }
}
