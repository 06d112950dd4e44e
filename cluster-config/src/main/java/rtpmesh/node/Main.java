package rtpmesh.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Entry point of a node: {@code java -jar rtpmesh.jar [rtpengine options]}. Exit status 2 for a bad
 * option, value or config file, 1 when the node fails to start; SIGTERM/SIGINT close Vert.x.
 */
public final class Main {
  private static final String PROG = "rtpmesh";

  private Main() {}

  public static void main(String[] args) {
    if (System.getProperty("java.util.logging.manager") == null) {
      System.setProperty("java.util.logging.manager", NodeLogging.Manager.class.getName());
    }
    ConfigParser.Result parsed;
    try {
      parsed = new ConfigParser().parse(List.of(args));
    } catch (ConfigException e) {
      System.err.println(PROG + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    switch (parsed.action()) {
      case HELP -> {
        System.out.print(ConfigParser.help());
        System.exit(0);
      }
      case VERSION -> {
        System.out.println(PROG + " " + version());
        System.exit(0);
      }
      default -> run(parsed.config());
    }
  }

  private static void run(NodeConfig config) {
    NodeLogging.setup(config.logLevel());
    Logger log = Logger.getLogger(Main.class.getName());
    config.warnings().forEach(log::warning);
    Path pidfile = config.pidfile() == null ? null : Path.of(config.pidfile());
    Node node = null;
    try {
      if (pidfile != null) {
        writePid(pidfile);
      }
      node = Node.create(config).toCompletionStage().toCompletableFuture()
          .get(120, TimeUnit.SECONDS);
      node.start().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println(PROG + ": failed to start: " + describe(e));
      log.log(Level.FINE, "start failure", e);
      if (node != null) {
        closeQuietly(node);
      }
      deletePid(pidfile);
      System.exit(1);
      return;
    }
    Node running = node;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("stopping");
      closeQuietly(running);
      deletePid(pidfile);
      log.info("stopped");
      NodeLogging.Manager.finish();
    }, "rtpmesh-shutdown"));
    NodeConfig used = running.config();
    log.info(() -> PROG + " " + version() + " node '" + used.nodeId() + "' started: "
        + config.mediaBlocks() + " media blocks on ports " + config.portMin() + "-"
        + config.portMax() + " (" + running.transportName() + "), interfaces "
        + config.interfaces().stream().map(InterfaceSpec::toString)
            .collect(Collectors.joining(" "))
        + ", ng udp " + config.listenNg() + " tcp " + config.listenTcpNg()
        + " http " + config.listenHttp()
        + (config.listenCli() == null ? "" : ", cli " + config.listenCli())
        + (config.cluster().enabled() ? ", cluster '" + config.cluster().name() + "' on "
            + config.cluster().host() : "")
        + (config.configFile() == null ? "" : ", config " + config.configFile()));
  }

  private static void writePid(Path pidfile) throws IOException {
    try {
      Files.writeString(pidfile, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IOException("--pidfile: cannot write " + pidfile + ": " + describe(e), e);
    }
  }

  private static void deletePid(Path pidfile) {
    if (pidfile != null) {
      try {
        Files.deleteIfExists(pidfile);
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  private static void closeQuietly(Node node) {
    try {
      node.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      Logger.getLogger(Main.class.getName()).warning("closing Vert.x: " + describe(e));
    }
  }

  /** One-line description of a failure: the innermost useful message. */
  static String describe(Throwable t) {
    Throwable c = t;
    while ((c instanceof java.util.concurrent.ExecutionException
        || c instanceof java.util.concurrent.CompletionException
        || c.getMessage() == null) && c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    if (c instanceof java.util.concurrent.TimeoutException) {
      return "timed out";
    }
    String msg = c.getMessage();
    if (msg == null) {
      return c.getClass().getSimpleName();
    }
    if (c instanceof ClassNotFoundException || c instanceof java.net.BindException
        || c instanceof java.nio.file.NoSuchFileException
        || c instanceof java.nio.file.AccessDeniedException) {
      return c.getClass().getSimpleName() + ": " + msg;
    }
    return msg;
  }

  /** The project version, from the filtered resource written at build time. */
  static String version() {
    try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      }
    } catch (IOException ignored) {
      // fall through
    }
    return "unknown";
  }
}
