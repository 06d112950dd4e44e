package rtpmesh.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The generator's smoke mode against a real rtpmesh node process started from the test class
 * path: a few calls, a few seconds of media both ways, everything delivered exactly once.
 */
class BenchSmokeTest {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void fewCallsDeliverEveryPacketOnce() throws Exception {
    smoke(false);
  }

  /** SDES-SRTP callers, plain callees: every probe unprotects and arrives once, both ways. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void srtpCallersToPlainCalleesDeliverEveryPacketOnce() throws Exception {
    smoke(true);
  }

  private void smoke(boolean srtp) throws Exception {
    int base = randomBase();
    int ngPort = base + 300;
    Path log = Files.createTempFile("bench-smoke-node", ".log");
    Process node = startNode(base, ngPort, log);
    try {
      InetSocketAddress ng = new InetSocketAddress("127.0.0.1", ngPort);
      assertTrue(NgPipeline.ping(ng, 20_000), () -> "node did not answer ping; log:\n" + read(log));
      int phones = base + 200; // the 100 ports after the relay's range
      LoadRun.Options o = new LoadRun.Options(ng, node.pid(), "rtpmesh",
          PortRanges.parse(phones + "-" + (phones + 99)), 4, false, 4, 1, 2, 300, srtp);

      RunResult r = LoadRun.run(o, 5);

      assertEveryPacketOnce(r);
      assertEquals(0, r.srtpFailures(), () -> r.summary());
      assertEquals(srtp ? "srtp" : "rtp", r.media());
      assertTrue(r.relayCpuUsPerPacket() >= 0 && r.relayRssMb() > 0, () -> r.summary());
      assertTrue(r.latP50Ms() > 0 && r.ngP50Ms() > 0, () -> r.summary());
      assertTrue(r.toJson().contains("\"calls\":5"), r::toJson);
    } finally {
      node.destroy();
      if (!node.waitFor(10, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
      Files.deleteIfExists(log);
    }
  }

  /**
   * The C forwarder of {@code run.sh CFWD=1} (bench/cfwd): built with the machine's cc, driven by
   * the generator like a relay, it delivers every packet once, and the deletes close all its media
   * sockets again.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void cForwarderDeliversEveryPacketOnceAndClosesItsSocketsOnDelete() throws Exception {
    Path bin = buildInTempDir("cfwd");
    Path dir = bin.getParent();
    int base = randomBase();
    int ngPort = base + 300;
    Process fwd = new ProcessBuilder(bin.toString(), String.valueOf(ngPort), String.valueOf(base),
        String.valueOf(base + 199)).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
    try {
      InetSocketAddress ng = new InetSocketAddress("127.0.0.1", ngPort);
      assertTrue(NgPipeline.ping(ng, 10_000), "cfwd did not answer ping");
      long idleFds = openFds(fwd.pid());
      int phones = base + 200;
      LoadRun.Options o = new LoadRun.Options(ng, fwd.pid(), "cfwd",
          PortRanges.parse(phones + "-" + (phones + 99)), 4, false, 4, 1, 2, 300, false);

      RunResult r = LoadRun.run(o, 5);

      assertEveryPacketOnce(r);
      assertEquals(idleFds, openFds(fwd.pid()), "media sockets left open after the deletes");
    } finally {
      fwd.destroy();
      fwd.waitFor(10, TimeUnit.SECONDS);
      deleteDir(dir);
    }
  }

  /**
   * The C generator of {@code run.sh GEN=c} (bench/cfwd/cgen.c), busy-polling, against a real
   * rtpmesh node: its RESULT line says every probe of 5 calls arrived once, with the node's CPU and
   * RSS, in the fields the table reads; and the node holds no call afterwards (cgen deleted them).
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void cGeneratorDrivesANodeAndReportsLikeTheJavaOne() throws Exception {
    Path bin = buildInTempDir("cgen");
    Path dir = bin.getParent();
    int base = randomBase();
    int ngPort = base + 300;
    Path log = dir.resolve("node.log");
    Process node = startNode(base, ngPort, log);
    try {
      InetSocketAddress ng = new InetSocketAddress("127.0.0.1", ngPort);
      assertTrue(NgPipeline.ping(ng, 20_000), () -> "node did not answer ping; log:\n" + read(log));
      int phones = base + 200;
      Process gen = new ProcessBuilder(bin.toString(), "--ng", "127.0.0.1:" + ngPort, "--pid", String.valueOf(node.pid()),
          "--label", "rtpmesh", "--calls", "5", "--warmup", "1", "--duration", "2", "--drain-ms", "300",
          "--phone-ports", phones + "-" + (phones + 99), "--phone-sockets", "4", "--busy")
          .redirectErrorStream(true).start();
      String out = new String(gen.getInputStream().readAllBytes());
      assertEquals(0, gen.waitFor(), () -> "cgen failed:\n" + out);
      String line = out.lines().filter(l -> l.startsWith("RESULT {")).findFirst().orElseThrow(() -> new AssertionError(out));
      var f = Table.fields(line);
      long sent = Long.parseLong(f.get("sentInWindow"));
      assertTrue(sent >= 5 * 2 * 50 * 2 * 9 / 10, () -> "too few sent: " + out);
      assertEquals(f.get("sentInWindow"), f.get("receivedInWindow"), out);
      assertEquals("0", f.get("duplicates"), out);
      assertEquals("0", f.get("errors"), out);
      assertEquals("5", f.get("calls"), out);
      assertTrue(Double.parseDouble(f.get("relayCpuUsPerPacket")) >= 0 && Double.parseDouble(f.get("relayRssMb")) > 0, out);
      assertTrue(Double.parseDouble(f.get("latP50Ms")) > 0 && Double.parseDouble(f.get("ngP50Ms")) > 0, out);
      assertEquals("0", listCount(ng), "calls left on the node after cgen's deletes");
    } finally {
      node.destroy();
      if (!node.waitFor(10, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
      deleteDir(dir);
    }
  }

  /** How many calls an ng {@code list} reply names, or what came instead of a calls list. */
  private static String listCount(InetSocketAddress ng) throws Exception {
    try (java.net.DatagramSocket s = new java.net.DatagramSocket()) {
      s.setSoTimeout(5000);
      byte[] req = "l1 d7:command4:liste".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      s.send(new java.net.DatagramPacket(req, req.length, ng));
      byte[] buf = new byte[65536];
      java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
      s.receive(p);
      int body = 0;
      while (body < p.getLength() && buf[body] != ' ') {
        body++; // past the cookie
      }
      Object reply = Bencode.decode(buf, body + 1, p.getLength());
      return reply instanceof java.util.Map<?, ?> m && m.get("calls") instanceof java.util.List<?> calls
          ? String.valueOf(calls.size()) : "no calls list in " + reply;
    }
  }

  /** 5 calls, 2 s, both ways: (nearly) all sent in the window, each received exactly once. */
  private static void assertEveryPacketOnce(RunResult r) {
    assertTrue(r.sentInWindow() >= 5 * 2 * 50 * 2 * 9 / 10, () -> "too few sent: " + r.summary());
    assertEquals(r.sentInWindow(), r.receivedInWindow(), () -> r.summary());
    assertEquals(0, r.duplicates(), () -> r.summary());
    assertEquals(0, r.errors(), () -> r.summary());
  }

  /** The node under test, from this test's class path: relay ports base..base+199, ng on ngPort. */
  private static Process startNode(int base, int ngPort, Path log) throws java.io.IOException {
    return new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), "rtpmesh.node.Main",
        "--listen-ng=127.0.0.1:" + ngPort, "--port-min=" + base, "--port-max=" + (base + 199),
        "--num-threads=1", "--delete-delay=0", "--log-level=4")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** bench/cfwd/{tool}.c built into a fresh temporary directory (the test is skipped without cc). */
  private static Path buildInTempDir(String tool) throws Exception {
    Assumptions.assumeTrue(hasCc(), "no cc on this machine");
    return compile("cfwd/" + tool + ".c", Files.createTempDirectory(tool).resolve(tool));
  }

  /**
   * An even port in 20000..27998, below the ephemeral range, so no other socket gets it while the
   * node's JVM starts; the relay's media, the phones and ng use the 300 above it.
   */
  private static int randomBase() {
    return 2 * ThreadLocalRandom.current().nextInt(10_000, 14_000);
  }

  private static void deleteDir(Path dir) throws java.io.IOException {
    try (var files = Files.list(dir)) {
      files.forEach(f -> f.toFile().delete());
    }
    Files.deleteIfExists(dir);
  }

  /** One of bench/cfwd's C tools, built with the machine's cc, warnings as errors. */
  private static Path compile(String source, Path bin) throws Exception {
    Process cc = new ProcessBuilder("cc", "-O2", "-Wall", "-Werror", "-o", bin.toString(), source)
        .redirectErrorStream(true).start();
    String ccOut = new String(cc.getInputStream().readAllBytes());
    assertEquals(0, cc.waitFor(), () -> "cc failed:\n" + ccOut);
    return bin;
  }

  private static boolean hasCc() {
    try {
      return new ProcessBuilder("cc", "--version").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static long openFds(long pid) throws Exception {
    try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
      return fds.count();
    }
  }

  private static String read(Path p) {
    try {
      return String.join("\n", Files.readAllLines(p));
    } catch (Exception e) {
      return "(no log: " + e + ")";
    }
  }

}
