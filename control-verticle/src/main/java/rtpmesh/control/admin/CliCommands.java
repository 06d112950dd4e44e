package rtpmesh.control.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import rtpmesh.control.call.CallService;
import rtpmesh.control.call.MediaClient;
import rtpmesh.control.ng.NgHandler;

/**
 * rtpengine's CLI ({@code daemon/cli.c}, as {@code rtpengine-ctl} drives it): one row per command,
 * the words that select it and its handler, which gets the rest of the line and answers the reply
 * text. Replies use rtpengine's wording, so scripts that parse them keep working; where rtpmesh has
 * nothing to say (foreign calls, redis, recording) it answers what rtpengine answers when unused.
 *
 * <p>Dispatch follows rtpengine's: words are matched level by level; {@code help} at a level lists
 * its words; a level without its next word answers {@code More parameters required.}; anything else
 * unknown answers {@code Unknown or incomplete command:<rest>}. {@code get} is an alias of
 * {@code list}. Beyond rtpengine, {@code list session <call-id>} works like {@code list sessions
 * <call-id>}, and {@link ClusterCliCommands} adds the cluster: {@code list nodes}, {@code standby},
 * {@code reanchor}.
 *
 * <p>Runs on the control verticle's event loop ({@link CallService} is not thread-safe).
 */
public final class CliCommands {
  static final String MORE = "More parameters required.\n";
  static final String UNKNOWN = "Unknown or incomplete command:";

  /** What a command does with the rest of its line (trimmed, possibly empty). */
  @FunctionalInterface
  interface Handler {
    Future<String> run(String args);
  }

  /** One command: its words ({@code "list numsessions"}) and its handler. */
  record Row(String words, Handler handler) {}

  private static final Map<String, String> ALIASES = Map.of("get", "list");

  private final CallService calls;
  private final MediaClient media;
  private final List<Row> rows;

  /** {@code ng} is the node's ng handler (the cluster router when clustered), for the cluster rows. */
  public CliCommands(CallService calls, MediaClient media, NodeReport report, NgHandler ng) {
    this.calls = calls;
    this.media = media;
    SessionListing sessions = new SessionListing(calls, media);
    List<Row> all = new ArrayList<>(List.of(
        new Row("list numsessions", a -> done(sessions.numSessions())),
        new Row("list sessions", sessions::sessions),
        new Row("list session", sessions::session),
        new Row("list totals", a -> done(report.totals())),
        new Row("list maxsessions", a -> done(listMaxSessions())),
        new Row("list timeout", a -> listTimeout("TIMEOUT", "timeout")),
        new Row("list silenttimeout", a -> listTimeout("SILENT_TIMEOUT", "silentTimeout")),
        new Row("list deletedelay", a -> done(calls.settings().deleteDelaySeconds() + "\n")),
        new Row("list interfaces", a -> report.interfaces()),
        new Row("set maxsessions", a -> done(setMaxSessions(a))),
        new Row("set timeout", a -> setTimeout(a, true)),
        new Row("set silenttimeout", a -> setTimeout(a, false)),
        new Row("set deletedelay", a -> done(setDeleteDelay(a))),
        new Row("terminate", this::terminate)));
    all.addAll(new ClusterCliCommands(ng).rows());
    this.rows = List.copyOf(all);
  }

  /** The reply to one command line (without its line end). */
  public Future<String> handle(String line) {
    return dispatch("", line.strip());
  }

  private Future<String> dispatch(String prefix, String input) {
    if (input.equals("help")) return done(help(prefix));
    String word = firstWord(input);
    String after = input.substring(word.length()).strip();
    word = ALIASES.getOrDefault(prefix + word, prefix + word);
    boolean group = false;
    for (Row r : rows) {
      if (r.words().equals(word)) return r.handler().run(after);
      if (r.words().startsWith(word + " ")) group = true;
    }
    if (!group || word.isEmpty()) return done(UNKNOWN + input + "\n");
    if (after.isEmpty()) return done(MORE);
    return dispatch(word + " ", after);
  }

  private String help(String prefix) {
    Set<String> words = new LinkedHashSet<>();
    for (Row r : rows) {
      if (!r.words().startsWith(prefix)) continue;
      words.add(firstWord(r.words().substring(prefix.length())));
      if (prefix.isEmpty() && r.words().startsWith("list ")) words.add("get");
    }
    StringBuilder sb = new StringBuilder("Available sub-commands at this level:\n");
    for (String w : words) sb.append('\t').append(w).append('\n');
    return sb.toString();
  }

  private static String firstWord(String s) {
    int sp = s.indexOf(' ');
    return sp < 0 ? s : s.substring(0, sp);
  }

  static Future<String> done(String reply) {
    return Future.succeededFuture(reply);
  }

  // ---------------------------------------------------------------- settings

  private String listMaxSessions() {
    return "Maximum sessions configured on rtpengine: " + calls.settings().maxSessions() + "\n";
  }

  private String setMaxSessions(String arg) {
    if (arg.isEmpty()) return MORE;
    CliNumber n = CliNumber.parse(arg);
    if (n == null) return "Fail setting maxsessions to " + arg + "; no digists found\n";
    if (n.overflow() || n.value() > Integer.MAX_VALUE) return "Fail setting maxsessions to " + arg + "; errno=34\n";
    if (n.value() < -1) return "Fail setting maxsessions to " + n.value() + "; either positive or -1 values allowed\n";
    calls.settings(new CallService.Settings(calls.settings().deleteDelaySeconds(), (int) n.value()));
    return "Success setting maxsessions to " + n.value() + (n.value() == -1 ? "; disable feature\n" : "\n");
  }

  private String setDeleteDelay(String arg) {
    if (arg.isEmpty()) return MORE;
    CliNumber n = CliNumber.parse(arg);
    if (n == null || n.overflow() || n.value() < 0 || n.value() > Integer.MAX_VALUE) return "Invalid delete-delay value\n";
    calls.settings(new CallService.Settings((int) n.value(), calls.settings().maxSessions()));
    return "Success setting delete-delay to " + n.value() + "\n";
  }

  /** The media blocks hold the timeouts; block 0 answers for all (they are always set together). */
  private Future<String> listTimeout(String name, String key) {
    return media.timeouts(0, null, null).map(t -> name + "=" + t.getInteger(key) + "\n");
  }

  /**
   * rtpengine's {@code cli_incoming_set_gentimeout}, whose reply says "timeout" for both kinds.
   * Unlike rtpengine, 0 is refused: rtpmesh's media blocks would end every call at the next check.
   */
  private Future<String> setTimeout(String arg, boolean plain) {
    if (arg.isEmpty()) return done(MORE);
    CliNumber n = CliNumber.parse(arg);
    if (n == null) return done("Fail setting timeout to " + arg + "; no digists found\n");
    if (n.overflow() || n.value() < 0 || n.value() >= Integer.MAX_VALUE) {
      return done("Fail setting timeout to " + arg + "; errno=" + (n.overflow() ? 34 : 0) + "\n");
    }
    if (n.value() == 0) return done("Fail setting timeout to 0; must be above 0\n");
    Integer value = (int) n.value();
    List<Future<JsonObject>> sets = new ArrayList<>();
    for (int b = 0; b < media.blocks(); b++) {
      sets.add(plain ? media.timeouts(b, value, null) : media.timeouts(b, null, value));
    }
    return Future.all(sets)
        .map(v -> "Success setting timeout to " + value + "\n")
        .otherwise(err -> "Fail setting timeout to " + arg + "; " + err.getMessage() + "\n");
  }

  // ---------------------------------------------------------------- terminate

  private Future<String> terminate(String arg) {
    if (arg.isEmpty()) return done(MORE);
    switch (arg) {
      case "all":
        return calls.terminateAll().map(n -> "All calls terminated by operator.\n");
      case "own":
        return calls.terminateAll().map(n -> "All own calls terminated by operator.\n");
      case "foreign": // a node holds no foreign calls: another node's calls live in the cluster registry
        return done("All foreign calls terminated by operator.\n");
      default:
        return calls.terminate(arg).map(found -> found
            ? "\nCall Id (" + arg + ") successfully terminated by operator.\n\n"
            : "\nCall Id not found (" + arg + ").\n\n");
    }
  }
}
