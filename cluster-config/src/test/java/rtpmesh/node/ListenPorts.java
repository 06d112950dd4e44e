package rtpmesh.node;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for the listeners of nodes that a test starts (ng, Hazelcast, CLI, HTTP), picked
 * between {@link #MIN} and the kernel's ephemeral range. A node binds its port seconds after the
 * pick, once its JVM is up; a port from {@code bind(0)} is an ephemeral one, which another socket
 * may get in between (CI once saw Hazelcast refuse to start: "Port [38985] is already in use").
 * The kernel never hands out a port below that range on its own.
 */
public final class ListenPorts {
  /** Test nodes take their media ports below this (see LocalCluster). */
  public static final int MIN = 27000;
  private static final Set<Integer> GIVEN = new HashSet<>();

  private ListenPorts() {}

  /** A port that is free for TCP and UDP on 127.0.0.1 and was not given before in this JVM. */
  public static synchronized int next() throws IOException {
    int top = ephemeralLow();
    if (top <= MIN + 1000) {
      throw new IOException("ip_local_port_range starts at " + top + ": no room above " + MIN);
    }
    for (int tries = 0; tries < 200; tries++) {
      int port = MIN + ThreadLocalRandom.current().nextInt(top - MIN);
      if (!GIVEN.contains(port) && free(port)) {
        GIVEN.add(port);
        return port;
      }
    }
    throw new IOException("no free port in " + MIN + "-" + (top - 1));
  }

  private static boolean free(int port) {
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (ServerSocket tcp = new ServerSocket(port, 1, lo);
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress(lo, port))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int ephemeralLow() {
    try {
      // not readString: on JDK 17 it returns the first byte of a /proc file only
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0);
      return Integer.parseInt(range.trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32768; // Linux's default
    }
  }
}
