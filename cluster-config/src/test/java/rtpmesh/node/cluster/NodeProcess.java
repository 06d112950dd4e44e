package rtpmesh.node.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One rtpmesh node running as its own JVM ({@code rtpmesh.node.Main} from the test classpath),
 * with its ng port, Hazelcast port, media port range and log file.
 */
final class NodeProcess {
  final String id;
  final int ngPort;
  final int hzPort;
  final int portMin;
  final int portMax;
  final Path log;
  final Process process;

  NodeProcess(String id, int ngPort, int hzPort, int portMin, int portMax, Path log,
      Process process) {
    this.id = id;
    this.ngPort = ngPort;
    this.hzPort = hzPort;
    this.portMin = portMin;
    this.portMax = portMax;
    this.log = log;
    this.process = process;
  }

  boolean ownsPort(int port) {
    return port >= portMin && port <= portMax;
  }

  /** SIGKILL: no shutdown hook, no Hazelcast leave; the others notice the closed connections. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** The last {@code n} lines of the node's log, for a failure message. */
  String tail(int n) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException e) {
      return "(no log " + log + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public String toString() {
    return id + " (ng " + ngPort + ", hz " + hzPort + ", media " + portMin + "-" + portMax
        + (process.isAlive() ? "" : ", exited " + process.exitValue()) + ")";
  }
}
