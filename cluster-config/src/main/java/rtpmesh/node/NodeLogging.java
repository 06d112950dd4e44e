package rtpmesh.node;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * java.util.logging to stderr, one line per event: {@code time LEVEL logger: message[: cause]}.
 * Stack traces only at log level 7 (debug). Vert.x and Netty log through the same root logger.
 */
final class NodeLogging {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private static final java.util.List<Logger> KEPT = new java.util.concurrent.CopyOnWriteArrayList<>();

  private NodeLogging() {}

  /**
   * A LogManager whose reset (run by the JVM's own shutdown hook) waits for ours, so that the
   * node's last lines ("stopped") are not lost. Installed with -Djava.util.logging.manager, which
   * {@link Main} sets before anything logs.
   */
  public static final class Manager extends LogManager {
    private static volatile Manager instance;
    private volatile boolean closing;

    public Manager() {
      instance = this;
    }

    @Override
    public void reset() {
      if (closing) { // otherwise LogManager's own shutdown hook: wait for finish()
        super.reset();
      }
    }

    static void finish() {
      Manager m = instance;
      if (m != null) {
        m.closing = true;
        m.reset();
      }
    }
  }

  /** Routes the root logger to stderr at the level matching rtpengine's {@code --log-level}. */
  static void setup(int syslogLevel) {
    Level level = toJul(syslogLevel);
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    ConsoleHandler h = new ConsoleHandler(); // System.err
    h.setLevel(level);
    h.setFormatter(new OneLine(syslogLevel >= 7));
    root.addHandler(h);
    root.setLevel(level);
    // keep library chatter out of the node's log; debug (7) is for rtpmesh's own loggers
    Level libs = syslogLevel >= 7 ? Level.INFO : Level.WARNING;
    keep("io.netty", libs);
    keep("com.hazelcast", libs);
    // "CP Subsystem is not enabled ... UNSAFE mode" at every start; unused: rtpmesh and Vert.x
    // locks and counters (IMap based in vertx-hazelcast 5) use no CP structure
    keep("com.hazelcast.cp.CPSubsystem", syslogLevel >= 7 ? Level.INFO : Level.SEVERE);
    keep("io.vertx", syslogLevel >= 7 ? Level.INFO : level);
  }

  /** LogManager holds loggers weakly: a level set on an unused logger must be kept alive. */
  private static void keep(String name, Level level) {
    Logger l = Logger.getLogger(name);
    l.setLevel(level);
    KEPT.add(l);
  }

  /** syslog 7 debug -> FINE, 5-6 notice/info -> INFO, 4 warning -> WARNING, 0-3 -> SEVERE. */
  static Level toJul(int syslogLevel) {
    if (syslogLevel >= 7) {
      return Level.FINE;
    }
    if (syslogLevel >= 5) {
      return Level.INFO;
    }
    return syslogLevel == 4 ? Level.WARNING : Level.SEVERE;
  }

  private static final class OneLine extends Formatter {
    private final boolean stackTraces;

    OneLine(boolean stackTraces) {
      this.stackTraces = stackTraces;
    }

    @Override
    public String format(LogRecord r) {
      StringBuilder sb = new StringBuilder(128)
          .append(LocalDateTime.now().format(TIME)).append(' ')
          .append(r.getLevel().getName()).append(' ')
          .append(r.getLoggerName() == null ? "" : r.getLoggerName()).append(": ")
          .append(formatMessage(r).replace('\n', ' '));
      Throwable t = r.getThrown();
      if (t != null) {
        if (stackTraces) {
          StringWriter w = new StringWriter();
          t.printStackTrace(new PrintWriter(w));
          sb.append('\n').append(w.toString().stripTrailing());
        } else {
          sb.append(": ").append(Main.describe(t));
        }
      }
      return sb.append('\n').toString();
    }
  }
}
