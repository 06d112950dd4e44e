package rtpmesh.media;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import rtpmesh.media.dtls.DtlsCertificate;
import rtpmesh.media.dtls.DtlsHandshakePool;
import rtpmesh.media.port.PairBinder;
import rtpmesh.media.port.PortBlock;
import rtpmesh.media.port.ReadBatch;
import rtpmesh.media.relay.DtlsReport;
import rtpmesh.media.relay.RocReport;
import rtpmesh.media.relay.DtmfReport;
import rtpmesh.media.relay.MediaTap;
import rtpmesh.media.relay.MediaTaps;
import rtpmesh.media.relay.Relay;

/**
 * One media block: the sockets of one port range, relayed on one event loop, controlled over the
 * local event bus at {@link MediaApi#blockAddress}. Deploy one instance per block; the config is
 * described by {@link MediaConfig}.
 *
 * <p>Everything (control ops, timers, packets) runs on the block's {@link MediaLoop}; holds no lock.
 */
public class MediaVerticle extends VerticleBase {
  private static final long TIMEOUT_CHECK_MS = 1000;
  /** ICE timers; RFC 8445 §14.2's Ta is 50 ms, so checks and retransmissions are at most 20 ms late. */
  private static final long ICE_TICK_MS = 20;

  private MediaConfig config;
  private Timeouts timeouts;
  private MediaLoop loop;
  private Relay relay;
  private MessageConsumer<JsonObject> consumer;
  private long timer = -1;
  private long iceTimer = -1;
  private long readTimer = -1;

  @Override
  public Future<?> start() {
    config = MediaConfig.from(config());
    timeouts = new Timeouts(config.timeout(), config.silentTimeout());
    loop = MediaLoop.open((VertxInternal) vertx, (ContextInternal) context, config.transport(), config.block());
    PortBlock block = new PortBlock(config.portMin(), config.portMax());
    // Generated here, once per process, rather than on the media loop at the first fingerprint op.
    DtlsCertificate certificate = DtlsCertificate.node();
    PairBinder binder = new PairBinder(loop.eventLoop(), block, loop::newDatagramChannel, config.tos());
    relay = new Relay(loop.eventLoop(), binder,
        DtlsHandshakePool.node(), certificate, this::publishDtls);
    relay.endpointLearning(config.endpointLearning());
    relay.onRocChange(this::publishRoc);
    blocks().put(config.block(), new BlockRef(relay));
    relay.dtmfReports(this::publishDtmf);
    Promise<Void> started = Promise.promise();
    loop.context().runOnContext(v -> {
      BlockControl control = new BlockControl(relay, timeouts, certificate, this::blocking,
          e -> vertx.eventBus().publish(MediaApi.eventsAddress(config.nodeId()), e.put("block", config.block())),
          callId -> {
            MediaTap.Source source = MediaTaps.source(config.nodeId());
            return source == null ? null : source.open(callId, config.block());
          },
          this::block);
      consumer = vertx.eventBus().localConsumer(MediaApi.blockAddress(config.nodeId(), config.block()), control::handle);
      timer = loop.context().setPeriodic(TIMEOUT_CHECK_MS, id -> publishTimeouts());
      iceTimer = loop.context().setPeriodic(ICE_TICK_MS, id -> relay.tickIce(System.currentTimeMillis()));
      readTimer = loop.context().setPeriodic(ReadBatch.TICK_MS, id -> binder.reads().tick(System.nanoTime()));
      consumer.completion().onComplete(started);
    });
    return started.future();
  }

  @Override
  public Future<?> stop() {
    Promise<Void> stopped = Promise.promise();
    loop.context().runOnContext(v -> {
      vertx.cancelTimer(timer);
      vertx.cancelTimer(iceTimer);
      vertx.cancelTimer(readTimer);
      consumer.unregister();
      blocks().remove(config.block(), new BlockRef(relay));
      relay.releaseAll().addListener(f -> stopped.complete());
    });
    return stopped.future().eventually(loop::close);
  }

  /** Media files are read and decoded on Vert.x's worker pool, never on the media loop. */
  private void blocking(Runnable work) {
    vertx.executeBlocking(() -> {
      work.run();
      return null;
    }, false);
  }

  /** The node's media blocks, for bridges between calls of different blocks (control time only). */
  private io.vertx.core.shareddata.LocalMap<Integer, BlockRef> blocks() {
    return vertx.sharedData().getLocalMap("rtpmesh.media.blocks." + config.nodeId());
  }

  private Relay block(int number) {
    BlockRef ref = blocks().get(number);
    return ref == null ? null : ref.relay();
  }

  /** A block's relay in the node's local map; the relay is only used on its own loop. */
  private record BlockRef(Relay relay) implements io.vertx.core.shareddata.Shareable {}

  /** On the media loop, once per completed handshake. */
  private void publishDtls(DtlsReport report) {
    JsonObject event = new JsonObject()
        .put("call", report.callId())
        .put("port", report.port())
        .put("event", MediaApi.EVENT_DTLS)
        .put("suite", report.keys().suite().sdesName())
        .put("localKey", report.keys().sendKey())
        .put("remoteKey", report.keys().recvKey())
        .put("block", config.block());
    if (report.party() != null) {
      event.put("remote", report.party().getAddress().getHostAddress()).put("remotePort", report.party().getPort());
    }
    vertx.eventBus().publish(MediaApi.eventsAddress(config.nodeId()), event);
  }

  /** On the media loop, when an SRTP rollover counter advances (once per 65536 packets of a stream). */
  private void publishRoc(RocReport report) {
    vertx.eventBus().publish(MediaApi.eventsAddress(config.nodeId()), new JsonObject()
        .put("call", report.callId())
        .put("port", report.port())
        .put("event", MediaApi.EVENT_ROC)
        .put("direction", report.outbound() ? "send" : "recv")
        .put("ssrc", report.ssrc())
        .put("roc", report.roc())
        .put("block", config.block()));
  }

  /** On the media loop, once per DTMF digit of a transcoded stream. */
  private void publishDtmf(DtmfReport report) {
    vertx.eventBus().publish(MediaApi.eventsAddress(config.nodeId()), new JsonObject()
        .put("call", report.callId())
        .put("port", report.port())
        .put("event", MediaApi.EVENT_DTMF)
        .put("digit", String.valueOf(report.digit()))
        .put("duration", report.durationMs())
        .put("volume", report.volume())
        .put("source", report.inband() ? "inband" : "rfc4733")
        .put("block", config.block()));
  }

  private void publishTimeouts() {
    relay.flushTaps();
    long now = System.currentTimeMillis();
    for (Relay.Timeout t : relay.expired(now, timeouts.timeout() * 1000L, timeouts.silentTimeout() * 1000L)) {
      vertx.eventBus().publish(MediaApi.timeoutAddress(config.nodeId()), new JsonObject()
          .put("call", t.callId())
          .put("reason", t.reason())
          .put("block", config.block()));
    }
  }
}
