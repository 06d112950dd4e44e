package rtpmesh.node.cluster;

import static rtpmesh.node.cluster.NgClient.dict;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import rtpmesh.node.ListenPorts;

/**
 * N rtpmesh nodes as separate JVMs on 127.0.0.1, one Hazelcast cluster with a random name and an
 * explicit member list. Node i (1-based) is {@code n<i>} with media ports {@code 20000 + 1000*i}
 * to {@code +999} (disjoint, even-aligned, below the kernel's ephemeral range, like the listeners
 * from {@link ListenPorts}). {@link #start} returns once every node answers ping
 * and lists all N nodes in {@code statistics.cluster.nodes}. Close kills every node (SIGKILL).
 * Registered as a JUnit extension it prints the log tails of the nodes when a test fails.
 */
final class LocalCluster implements AutoCloseable, TestWatcher {
  static final int START_DEADLINE_MS = 60_000;
  private static final int MEDIA_BASE = 20000;

  private final String testName;
  private final List<NodeProcess> nodes = new ArrayList<>();

  /** Logs go to {@code target/cluster-logs/<testName>-n<i>.log}. */
  LocalCluster(String testName) {
    this.testName = testName;
  }

  /**
   * Starts n nodes and waits until they form one cluster; {@code extra.get(i)} are extra options
   * of node i+1 (the list may be shorter than n). On failure prints the logs and kills the nodes.
   */
  void start(int n, List<List<String>> extra) throws Exception {
    try {
      launch(n, extra);
      awaitReady();
    } catch (Throwable t) {
      System.out.println(tails(40));
      close();
      throw t;
    }
  }

  NodeProcess node(int i) {
    return nodes.get(i - 1);
  }

  List<NodeProcess> nodes() {
    return nodes;
  }

  private void launch(int n, List<List<String>> extra) throws IOException {
    if (MEDIA_BASE + 1000 * (n + 1) > ListenPorts.MIN) {
      throw new IllegalArgumentException(n + " nodes: their media ports would reach the listeners'");
    }
    String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
    int[] hz = new int[n];
    for (int i = 0; i < n; i++) {
      hz[i] = freeTcpPort();
    }
    String members = java.util.Arrays.stream(hz).mapToObj(p -> "127.0.0.1:" + p)
        .collect(Collectors.joining(","));
    Path dir = Path.of("target", "cluster-logs");
    Files.createDirectories(dir);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int i = 1; i <= n; i++) {
      String id = "n" + i;
      int ng = ListenPorts.next();
      int min = MEDIA_BASE + 1000 * i;
      int max = min + 999;
      List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
          // what the fat jar's manifest opens for Hazelcast (else a warning at each start)
          "--add-modules=java.se", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.management/sun.management=ALL-UNNAMED",
          "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
          "-cp", System.getProperty("java.class.path"), "rtpmesh.node.Main",
          "--node-id=" + id, "--listen-ng=127.0.0.1:" + ng,
          "--port-min=" + min, "--port-max=" + max, "--interface=127.0.0.1",
          "--cluster-members=" + members, "--cluster-port=" + hz[i - 1],
          "--cluster-name=" + name));
      if (i - 1 < extra.size()) {
        cmd.addAll(extra.get(i - 1));
      }
      Path log = dir.resolve(testName + "-" + id + ".log");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      nodes.add(new NodeProcess(id, ng, hz[i - 1], min, max, log, p));
    }
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + START_DEADLINE_MS * 1_000_000L;
    Set<String> all = nodes.stream().map(x -> x.id).collect(Collectors.toSet());
    try (NgClient ng = new NgClient()) {
      for (NodeProcess node : nodes) {
        while (!all.equals(clusterView(ng, node))) {
          if (!node.process.isAlive()) {
            throw new AssertionError(node + " exited during start: " + node.tail(1).strip());
          }
          if (System.nanoTime() > deadline) {
            throw new AssertionError("cluster not ready after " + START_DEADLINE_MS + " ms: "
                + node + " sees " + clusterView(ng, node));
          }
          Thread.sleep(200);
        }
      }
    }
  }

  /** The node ids a node lists in {@code statistics.cluster.nodes}; empty when it does not answer. */
  @SuppressWarnings("unchecked")
  static Set<String> clusterView(NgClient ng, NodeProcess node) throws IOException {
    try {
      Map<String, Object> r = ng.command(node.ngPort, dict("command", "statistics"), 500);
      Map<String, Object> stats = (Map<String, Object>) r.get("statistics");
      Map<String, Object> cluster = stats == null ? null : (Map<String, Object>) stats.get("cluster");
      if (cluster == null) {
        return Set.of();
      }
      return ((List<Map<String, Object>>) cluster.get("nodes")).stream()
          .map(e -> (String) e.get("node-id")).collect(Collectors.toSet());
    } catch (SocketTimeoutException e) {
      return Set.of();
    }
  }

  String tails(int lines) {
    StringBuilder b = new StringBuilder();
    for (NodeProcess n : nodes) {
      b.append("---- ").append(n).append(", ").append(n.log).append('\n')
          .append(n.tail(lines)).append('\n');
    }
    return b.toString();
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    System.out.println(context.getDisplayName() + " failed; node logs:\n" + tails(40));
  }

  @Override
  public void close() {
    for (NodeProcess n : nodes) {
      n.process.destroyForcibly();
    }
    for (NodeProcess n : nodes) {
      try {
        n.process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A port for a node's TCP listener (Hazelcast, CLI, HTTP). */
  static int freeTcpPort() throws IOException {
    return ListenPorts.next();
  }
}
