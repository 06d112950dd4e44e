package rtpmesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.NodeListener;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two clustered Vert.x instances in this JVM, built by {@link ClusterSetup} on 127.0.0.1 with a
 * random cluster name and explicit join: they see each other, the event bus crosses, and a member
 * that closes is reported as left.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterJoinTest {
  private final List<Vertx> started = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (Vertx v : started) {
      v.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  @Test
  void twoMembersJoinTalkAndNoticeALeave() throws Exception {
    String name = "rtpmesh-test-" + UUID.randomUUID();
    int p1 = ListenPorts.next();
    int p2 = ListenPorts.next();
    List<String> members = List.of("127.0.0.1:" + p1, "127.0.0.1:" + p2);
    ClusterConfig c1 = new ClusterConfig(true, name, "127.0.0.1", p1, false, members, 0);
    ClusterConfig c2 = new ClusterConfig(true, name, "127.0.0.1", p2, false, members, 0);
    ClusterManager m1 = ClusterSetup.clusterManager(c1);
    ClusterManager m2 = ClusterSetup.clusterManager(c2);
    Future<Vertx> f1 = build(c1, m1);
    Future<Vertx> f2 = build(c2, m2);
    Vertx v1 = await(f1, 30);
    Vertx v2 = await(f2, 30);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while ((m1.getNodes().size() < 2 || m2.getNodes().size() < 2) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(2, m1.getNodes().size(), "members seen by 1");
    assertEquals(2, m2.getNodes().size(), "members seen by 2");
    assertEquals("127.0.0.1-" + p1, ClusterSetup.defaultNodeId(m1));

    // a consumer on 2, a request from 1 (the subscription reaches 1 asynchronously: retry)
    await(v2.eventBus().<String>consumer("rtpmesh.test.echo", m -> m.reply("pong " + m.body()))
        .completion(), 10);
    String reply = null;
    while (reply == null) {
      try {
        reply = await(v1.eventBus().<String>request("rtpmesh.test.echo", "ping")
            .map(m -> m.body()), 5);
      } catch (Exception e) {
        if (!(e.getCause() instanceof ReplyException r
            && r.failureType() == ReplyFailure.NO_HANDLERS) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
    assertEquals("pong ping", reply);

    CompletableFuture<String> left = new CompletableFuture<>();
    m2.nodeListener(new NodeListener() {
      @Override
      public void nodeAdded(String nodeID) {}

      @Override
      public void nodeLeft(String nodeID) {
        left.complete(nodeID);
      }
    });
    String id1 = m1.getNodeId();
    long t0 = System.nanoTime();
    await(v1.close(), 15);
    started.remove(v1);
    assertEquals(id1, left.get(10, TimeUnit.SECONDS));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    System.out.println("ClusterJoinTest: nodeLeft " + ms + " ms after close() was called");
    assertEquals(List.of(m2.getNodeId()), m2.getNodes());
  }

  private Future<Vertx> build(ClusterConfig c, ClusterManager mgr) {
    VertxOptions options = new VertxOptions()
        .setEventBusOptions(ClusterSetup.eventBusOptions(c));
    return Vertx.builder().with(options).withClusterManager(mgr).buildClustered()
        .onSuccess(started::add);
  }

  private static <T> T await(Future<T> f, int seconds) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }
}
