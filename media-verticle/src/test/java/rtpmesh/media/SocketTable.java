package rtpmesh.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The system's UDP socket table as an operator reads it: iproute2's {@code ss}. */
final class SocketTable {
  private SocketTable() {}

  static boolean available() {
    try {
      return run("ss", "-V") != null;
    } catch (IOException e) {
      return false;
    }
  }

  /** One line per UDP socket bound to local {@code port}, with its TOS ({@code tos:0x..}). */
  static List<String> udp(int port) throws IOException {
    String out = run("ss", "-uanH", "--tos", "sport = :" + port);
    return out == null ? List.of() : out.lines().filter(l -> !l.isBlank()).toList();
  }

  private static String run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
