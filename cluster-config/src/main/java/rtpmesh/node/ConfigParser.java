package rtpmesh.node;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Command line + rtpengine.conf style file -> {@link NodeConfig}. Every option is one row of
 * {@link #OPTIONS}; the help text derives from it. Both {@code --opt=value} and {@code --opt value}
 * work. The file ({@code --config-file}, {@code none} = no file, which is the default) holds the
 * same long names without dashes in section {@code [rtpengine]} ({@code --config-section});
 * repeatable options take {@code ;}-separated lists or repeated keys there; the command line
 * overrides the file option by option. Unknown options on the command line are errors; unknown
 * keys in the file are warnings (a real rtpengine.conf holds many options we do not have).
 */
public final class ConfigParser {

  /** How an option takes its value. */
  public enum Kind { FLAG, VALUE, LIST }

  /**
   * One option: long name, kind, argument name and help for {@code --help}; {@code target} is the
   * option it sets (an alias names another row); {@code cliOnly} options are not read from files.
   */
  public record Option(String name, Kind kind, String arg, String help, String target,
      boolean cliOnly) {
    static Option of(String name, Kind kind, String arg, String help) {
      return new Option(name, kind, arg, help, name, false);
    }
  }

  public static final List<Option> OPTIONS = List.of(
      new Option("config-file", Kind.VALUE, "FILE", "read rtpengine.conf style FILE (none = no file; default none)", "config-file", true),
      new Option("config-section", Kind.VALUE, "NAME", "section of the config file (default rtpengine)", "config-section", true),
      Option.of("interface", Kind.LIST, "[NAME/]ADDR[!ADV]", "media address (IP, [IPv6], network interface name or any), repeatable (default 127.0.0.1)"),
      Option.of("listen-ng", Kind.LIST, "[ADDR:]PORT", "ng control over UDP, repeatable; a bare PORT means 0.0.0.0 (default 127.0.0.1:2223)"),
      Option.of("listen-tcp-ng", Kind.LIST, "[ADDR:]PORT", "ng control over TCP, repeatable"),
      Option.of("listen-http", Kind.LIST, "[ADDR:]PORT", "ng over HTTP/WebSocket, repeatable"),
      Option.of("listen-cli", Kind.VALUE, "[ADDR:]PORT", "rtpengine-ctl's CLI over TCP, unauthenticated: give 127.0.0.1 (default off; rtpengine: 9900)"),
      Option.of("admin-token", Kind.VALUE, "TOKEN", "lets the admin console (/admin/ on --listen-http) act: terminate, drain, re-anchor (default none: read-only)"),
      Option.of("port-min", Kind.VALUE, "INT", "lowest media port (default 30000)"),
      Option.of("port-max", Kind.VALUE, "INT", "highest media port (default 40000)"),
      Option.of("timeout", Kind.VALUE, "SECS", "media timeout without packets (default 60)"),
      Option.of("silent-timeout", Kind.VALUE, "SECS", "timeout of muted/inactive media (default 3600)"),
      Option.of("final-timeout", Kind.VALUE, "SECS", "delete calls this long after creation, 0 = never (default 0)"),
      Option.of("offer-timeout", Kind.VALUE, "SECS", "timeout of calls with an offer but no answer (default 3600)"),
      Option.of("delete-delay", Kind.VALUE, "SECS", "delay before a deleted call is gone (default 30)"),
      Option.of("max-sessions", Kind.VALUE, "INT", "refuse new calls above this many, -1 = no limit (default -1)"),
      Option.of("max-sdp-size", Kind.VALUE, "BYTES", "refuse an offer/answer whose SDP is larger, 0 = no limit (default 65536)"),
      Option.of("max-media-per-call", Kind.VALUE, "INT", "refuse an offer/answer with more m= lines, 0 = no limit (default 64)"),
      Option.of("max-ng-rate", Kind.VALUE, "INT", "ng requests per second per source address, 0 = no limit (default 10000)"),
      Option.of("max-ng-burst", Kind.VALUE, "INT", "requests a source may send at once above --max-ng-rate (default 2 x rate)"),
      Option.of("foreground", Kind.FLAG, null, "accepted; rtpmesh never daemonizes"),
      Option.of("log-stderr", Kind.FLAG, null, "accepted; rtpmesh always logs to stderr"),
      Option.of("table", Kind.VALUE, "INT", "accepted and ignored (no kernel forwarding)"),
      Option.of("no-fallback", Kind.FLAG, null, "accepted and ignored (no kernel forwarding)"),
      Option.of("pidfile", Kind.VALUE, "FILE", "write the process id to FILE"),
      Option.of("log-level", Kind.VALUE, "0-7", "syslog level: 7 debug, 5-6 info (a line per ng command of a call), 4 warning, 0-3 error (default 6)"),
      Option.of("log-facility", Kind.VALUE, "NAME", "accepted and ignored (rtpmesh logs to stderr, e.g. to the journal)"),
      Option.of("dtmf-log-dest", Kind.VALUE, "IP:PORT", "send each DTMF digit as a UDP JSON record there"),
      Option.of("endpoint-learning", Kind.VALUE, "MODE", "learn a party's media address: delayed (latest source in the 3 s after signalling), immediate (first source), off (SDP address only), heuristic (delayed, preferring sources that match the SDP; default)"),
      Option.of("recording-dir", Kind.VALUE, "DIR", "record calls there when asked (start recording, record call); default: no recording"),
      Option.of("recording-method", Kind.VALUE, "pcap|wav", "what a recording writes: pcap (every packet), wav (audio per stream and mixed), or both as pcap,wav (default pcap)"),
      Option.of("forward-to", Kind.VALUE, "udp:HOST:PORT|tcp:HOST:PORT", "send the decoded audio of calls told to (start forwarding) there; default: only where the ng message says"),
      Option.of("recording-format", Kind.VALUE, "raw|eth", "pcap link type: raw IP or Ethernet frames (default raw)"),
      Option.of("tos", Kind.VALUE, "INT", "IP TOS of media packets, e.g. 184 (default untouched)"),
      Option.of("num-threads", Kind.VALUE, "INT", "media-verticle instances (default: available processors)"),
      new Option("media-blocks", Kind.VALUE, "INT", "same as --num-threads", "num-threads", false),
      Option.of("node-id", Kind.VALUE, "ID", "name of this node in the cluster (default local; clustered: HOST-PORT of the member)"),
      Option.of("transport", Kind.VALUE, "T", "auto, epoll, io_uring or nio (default auto)"),
      Option.of("cluster", Kind.FLAG, null, "run clustered (Hazelcast, TCP-IP join on --cluster-host)"),
      Option.of("cluster-members", Kind.LIST, "HOST[:PORT],...", "members to join, comma-separated, repeatable; implies --cluster"),
      Option.of("cluster-name", Kind.VALUE, "NAME", "cluster name; only members with the same name join (default rtpmesh)"),
      Option.of("cluster-host", Kind.VALUE, "ADDR", "address Hazelcast and the event bus bind to and advertise (default 127.0.0.1)"),
      Option.of("cluster-port", Kind.VALUE, "PORT", "Hazelcast member port (default 5701, or the next free one)"),
      Option.of("cluster-bus-port", Kind.VALUE, "PORT", "event bus port (default 0: any free port)"),
      new Option("version", Kind.FLAG, null, "print the version and exit (-v)", "version", true),
      new Option("help", Kind.FLAG, null, "print this help and exit (-h)", "help", true));

  /** What the command line asks for. */
  public enum Action { RUN, HELP, VERSION }

  /** The outcome of {@link #parse}: {@code config} is null unless {@code action} is RUN. */
  public record Result(Action action, NodeConfig config) {}

  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Map<String, Option> BY_NAME = new LinkedHashMap<>();

  static {
    for (Option o : OPTIONS) {
      BY_NAME.put(o.name(), o);
    }
  }

  /** Raw value(s) of one option and where they came from, for error messages. */
  record Raw(List<String> values, List<String> wheres) {
    String last() {
      return values.get(values.size() - 1);
    }

    String where() {
      return wheres.get(wheres.size() - 1);
    }
  }

  private final Function<String, List<InetAddress>> nameResolver;
  private final int availableProcessors;

  /** A parser that resolves network interface names (and host names) on this machine. */
  public ConfigParser() {
    this(ConfigParser::resolveName, Runtime.getRuntime().availableProcessors());
  }

  /**
   * @param nameResolver addresses of a name that is not an IP literal (network interface, "any",
   *     host name); an empty list when unknown
   * @param availableProcessors the default number of media blocks
   */
  public ConfigParser(Function<String, List<InetAddress>> nameResolver, int availableProcessors) {
    this.nameResolver = nameResolver;
    this.availableProcessors = availableProcessors;
  }

  public Result parse(List<String> args) throws ConfigException {
    Map<String, Raw> cli = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("-h")) {
        return new Result(Action.HELP, null);
      }
      if (arg.equals("-v")) {
        return new Result(Action.VERSION, null);
      }
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new ConfigException(arg.startsWith("-")
            ? "unknown option '" + arg + "' (try --help)"
            : "unexpected argument '" + arg + "' (options start with --; try --help)");
      }
      int eq = arg.indexOf('=');
      String name = arg.substring(2, eq < 0 ? arg.length() : eq);
      Option opt = BY_NAME.get(name);
      if (opt == null) {
        throw new ConfigException("unknown option '--" + name + "' (try --help)");
      }
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (opt.kind() == Kind.FLAG) {
        value = "true";
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new ConfigException("--" + name + ": missing value");
      }
      if (opt.target().equals("help") && parseBool(value, "--help")) {
        return new Result(Action.HELP, null);
      }
      if (opt.target().equals("version") && parseBool(value, "--version")) {
        return new Result(Action.VERSION, null);
      }
      put(cli, opt, value, "--" + name);
    }

    List<String> warnings = new ArrayList<>();
    Map<String, Raw> merged = new LinkedHashMap<>();
    String configFile = value(cli, "config-file");
    if (configFile != null && (configFile.isEmpty() || configFile.equals("none"))) {
      configFile = null;
    }
    if (configFile != null) {
      String section = value(cli, "config-section");
      readFile(configFile, section == null ? "rtpengine" : section, merged, warnings);
    }
    merged.putAll(cli); // the command line overrides the file, option by option
    return new Result(Action.RUN, build(merged, configFile, warnings));
  }

  private void readFile(String file, String section, Map<String, Raw> out, List<String> warnings)
      throws ConfigException {
    IniFile ini = IniFile.read(Path.of(file));
    List<IniFile.Entry> entries = ini.section(section);
    if (entries == null) {
      throw new ConfigException(file + ": no section [" + section + "]");
    }
    for (IniFile.Entry e : entries) {
      String where = file + ":" + e.line() + ": " + e.key();
      Option opt = BY_NAME.get(e.key());
      if (opt == null || opt.cliOnly()) {
        warnings.add(where + ": ignoring unsupported option");
        continue;
      }
      if (opt.kind() == Kind.LIST) {
        for (String part : e.value().split(";")) {
          if (!part.isBlank()) {
            put(out, opt, part.strip(), where);
          }
        }
      } else {
        out.remove(opt.target()); // the last key wins
        put(out, opt, e.value(), where);
      }
    }
  }

  private static void put(Map<String, Raw> map, Option opt, String value, String where) {
    Raw old = map.get(opt.target());
    if (opt.kind() == Kind.LIST && old != null) {
      old.values().add(value);
      old.wheres().add(where);
    } else {
      List<String> values = new ArrayList<>();
      List<String> wheres = new ArrayList<>();
      values.add(value);
      wheres.add(where);
      map.put(opt.target(), new Raw(values, wheres));
    }
  }

  private static String value(Map<String, Raw> map, String name) {
    Raw r = map.get(name);
    return r == null ? null : r.last();
  }

  private NodeConfig build(Map<String, Raw> m, String configFile, List<String> warnings)
      throws ConfigException {
    List<InterfaceSpec> interfaces = new ArrayList<>();
    Raw ifs = m.get("interface");
    if (ifs == null) {
      interfaces.add(new InterfaceSpec(InterfaceSpec.DEFAULT_NAME, "127.0.0.1", "127.0.0.1"));
    } else {
      for (int i = 0; i < ifs.values().size(); i++) {
        interfaces.addAll(parseInterface(ifs.values().get(i), ifs.wheres().get(i)));
      }
    }
    List<HostPort> ng = hostPorts(m.get("listen-ng"));
    List<HostPort> tcpNg = hostPorts(m.get("listen-tcp-ng"));
    List<HostPort> http = hostPorts(m.get("listen-http"));
    if (ng.isEmpty() && tcpNg.isEmpty() && http.isEmpty()) {
      ng = List.of(new HostPort("127.0.0.1", 2223));
    }
    HostPort cli = m.containsKey("listen-cli")
        ? parseHostPort(value(m, "listen-cli"), where(m, "listen-cli", "")) : null;
    int portMin = intValue(m, "port-min", 30000, 1, 65535);
    int portMax = intValue(m, "port-max", 40000, 1, 65535);
    if (portMin > portMax) {
      throw new ConfigException(where(m, "port-max", "--port-max") + ": " + portMax
          + " is below --port-min " + portMin);
    }
    int pairs = PortRange.pairs(portMin, portMax);
    if (pairs == 0) {
      throw new ConfigException(where(m, "port-max", "--port-max") + ": range " + portMin + "-"
          + portMax + " holds no RTP/RTCP port pair (even + odd)");
    }
    int blocks;
    if (m.containsKey("num-threads")) {
      blocks = intValue(m, "num-threads", 1, 1, 1024);
      if (blocks > pairs) {
        throw new ConfigException(where(m, "num-threads", "") + ": " + blocks
            + " media blocks do not fit in port range " + portMin + "-" + portMax + " (" + pairs
            + " port pairs)");
      }
    } else {
      blocks = Math.max(1, Math.min(availableProcessors, pairs));
    }
    ClusterConfig cluster = ClusterConfig.parse(m, warnings);
    // clustered without --node-id: null, derived from the member address at join (Node)
    String nodeId = m.containsKey("node-id") ? value(m, "node-id")
        : cluster.enabled() ? null : "local";
    if (nodeId != null && !NODE_ID.matcher(nodeId).matches()) {
      throw new ConfigException(where(m, "node-id", "") + ": not a valid node id (letters, digits, "
          + "'_', '.', '-'): '" + nodeId + "'");
    }
    Transport transport = Transport.AUTO;
    if (m.containsKey("transport")) {
      transport = Transport.parse(value(m, "transport"));
      if (transport == null) {
        throw new ConfigException(where(m, "transport", "") + ": expected auto, epoll, io_uring or "
            + "nio: '" + value(m, "transport") + "'");
      }
    }
    String pidfile = m.containsKey("pidfile") ? value(m, "pidfile") : null;
    if (pidfile != null && pidfile.isEmpty()) {
      throw new ConfigException(where(m, "pidfile", "") + ": empty file name");
    }
    HostPort dtmfLogDest = m.containsKey("dtmf-log-dest")
        ? parseHostPort(value(m, "dtmf-log-dest"), where(m, "dtmf-log-dest", "")) : null;
    int ngRate = intValue(m, "max-ng-rate", 10_000, 0, Integer.MAX_VALUE / 2);
    String learning = m.containsKey("endpoint-learning") ? value(m, "endpoint-learning").toLowerCase(Locale.ROOT) : "heuristic";
    if (!List.of("delayed", "immediate", "off", "heuristic").contains(learning)) {
      throw new ConfigException(where(m, "endpoint-learning", "") + ": expected delayed, immediate, off or "
          + "heuristic: '" + value(m, "endpoint-learning") + "'");
    }
    return new NodeConfig(
        nodeId, interfaces, ng, tcpNg, http, cli, portMin, portMax,
        intValue(m, "timeout", 60, 0, Integer.MAX_VALUE),
        intValue(m, "silent-timeout", 3600, 0, Integer.MAX_VALUE),
        intValue(m, "final-timeout", 0, 0, Integer.MAX_VALUE),
        intValue(m, "offer-timeout", 3600, 0, Integer.MAX_VALUE),
        intValue(m, "delete-delay", 30, 0, Integer.MAX_VALUE),
        intValue(m, "max-sessions", -1, -1, Integer.MAX_VALUE),
        boolValue(m, "foreground"),
        boolValue(m, "log-stderr"),
        m.containsKey("table") ? value(m, "table") : "0",
        pidfile,
        intValue(m, "log-level", 6, 0, 7),
        boolValue(m, "no-fallback"),
        intValue(m, "tos", -1, 0, 255),
        blocks,
        transport,
        cluster,
        configFile,
        warnings,
        dtmfLogDest,
        new NodeConfig.Limits(
            intValue(m, "max-sdp-size", 65_536, 0, Integer.MAX_VALUE),
            intValue(m, "max-media-per-call", 64, 0, Integer.MAX_VALUE),
            ngRate,
            intValue(m, "max-ng-burst", 2 * ngRate, 0, Integer.MAX_VALUE)),
        m.containsKey("admin-token") && !value(m, "admin-token").isEmpty() ? value(m, "admin-token") : null,
        learning,
        recording(m));
  }

  private static NodeConfig.Recording recording(Map<String, Raw> m) throws ConfigException {
    boolean pcap = true;
    boolean wav = false;
    if (m.containsKey("recording-method")) {
      pcap = false;
      for (String method : value(m, "recording-method").split("[,;+ ]+")) {
        switch (method.trim().toLowerCase(java.util.Locale.ROOT)) {
          case "pcap" -> pcap = true;
          case "wav", "proc" -> wav = true; // proc: rtpengine's hand-over to its recording daemon, which decodes
          case "" -> { }
          default -> throw new ConfigException(where(m, "recording-method", "") + ": expected pcap, wav or pcap,wav: '"
              + value(m, "recording-method") + "'");
        }
      }
      if (!pcap && !wav) {
        throw new ConfigException(where(m, "recording-method", "") + ": expected pcap, wav or pcap,wav: ''");
      }
    }
    String format = m.containsKey("recording-format") ? value(m, "recording-format").trim().toLowerCase(java.util.Locale.ROOT) : "raw";
    if (!format.equals("raw") && !format.equals("eth")) {
      throw new ConfigException(where(m, "recording-format", "") + ": expected raw or eth: '" + value(m, "recording-format") + "'");
    }
    String dir = m.containsKey("recording-dir") ? value(m, "recording-dir") : null;
    if (dir != null && dir.isBlank()) {
      throw new ConfigException(where(m, "recording-dir", "") + ": empty directory name");
    }
    String forwardTo = null;
    if (m.containsKey("forward-to")) {
      try {
        forwardTo = rtpmesh.recording.ForwardTarget.parse(value(m, "forward-to")).toString();
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where(m, "forward-to", "") + ": " + e.getMessage());
      }
    }
    return new NodeConfig.Recording(dir, pcap, wav, format, forwardTo);
  }

  static String where(Map<String, Raw> m, String name, String fallback) {
    Raw r = m.get(name);
    return r != null ? r.where() : fallback.isEmpty() ? "--" + name : fallback;
  }

  static int intValue(Map<String, Raw> m, String name, int dflt, int min, int max)
      throws ConfigException {
    Raw r = m.get(name);
    if (r == null) {
      return dflt;
    }
    String s = r.last().strip();
    long v;
    try {
      v = Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new ConfigException(r.where() + ": not a number: '" + r.last() + "'");
    }
    if (v < min || v > max) {
      throw new ConfigException(r.where() + ": out of range ("
          + min + ".." + (max == Integer.MAX_VALUE ? "" : max) + "): '" + r.last() + "'");
    }
    return (int) v;
  }

  static boolean boolValue(Map<String, Raw> m, String name) throws ConfigException {
    Raw r = m.get(name);
    return r != null && parseBool(r.last(), r.where());
  }

  private static boolean parseBool(String s, String where) throws ConfigException {
    switch (s.strip().toLowerCase()) {
      case "true": case "yes": case "on": case "1":
        return true;
      case "false": case "no": case "off": case "0":
        return false;
      default:
        throw new ConfigException(where + ": expected true or false: '" + s + "'");
    }
  }

  // ---------------------------------------------------------------- interfaces

  /** {@code [NAME/]ADDR[!ADVERTISED]}; ADDR may be a network interface name (several addresses). */
  List<InterfaceSpec> parseInterface(String value, String where) throws ConfigException {
    String name = InterfaceSpec.DEFAULT_NAME;
    String rest = value.strip();
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      name = rest.substring(0, slash).strip();
      rest = rest.substring(slash + 1).strip();
      if (name.isEmpty()) {
        throw new ConfigException(where + ": empty interface name before '/': '" + value + "'");
      }
    }
    String adv = null;
    int bang = rest.indexOf('!');
    if (bang >= 0) {
      adv = rest.substring(bang + 1).strip();
      rest = rest.substring(0, bang).strip();
    }
    if (rest.isEmpty()) {
      throw new ConfigException(where + ": missing address: '" + value + "'");
    }
    String advertised = null;
    if (adv != null) {
      InetAddress a = Addresses.parseLiteral(adv);
      if (a == null) {
        throw new ConfigException(where + ": advertised address is not an IP address: '" + adv
            + "'");
      }
      advertised = Addresses.format(a);
    }
    List<InetAddress> addrs;
    InetAddress literal = Addresses.parseLiteral(rest);
    if (literal != null) {
      addrs = List.of(literal);
    } else if (!HOST_NAME.matcher(rest).matches()) {
      throw new ConfigException(where + ": not an IP address or network interface: '" + rest
          + "'");
    } else {
      addrs = nameResolver.apply(rest);
      if (addrs == null || addrs.isEmpty()) {
        throw new ConfigException(where + ": no such network interface or address: '" + rest
            + "'");
      }
    }
    List<InterfaceSpec> out = new ArrayList<>();
    for (InetAddress a : addrs) {
      String addr = Addresses.format(a);
      out.add(new InterfaceSpec(name, addr, advertised != null ? advertised : addr));
    }
    return out;
  }

  /**
   * Addresses of a network interface name (IPv4 first, IPv6 link-local left out), of {@code any}
   * (every non-loopback interface that is up), or else of a host name (DNS, once, at start-up).
   */
  static List<InetAddress> resolveName(String name) {
    List<InetAddress> out = new ArrayList<>();
    try {
      if (name.equals("any")) {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
          if (ni.isUp() && !ni.isLoopback()) {
            addUsable(ni, out);
          }
        }
      } else {
        NetworkInterface ni = NetworkInterface.getByName(name);
        if (ni != null) {
          addUsable(ni, out);
        } else {
          out.addAll(List.of(InetAddress.getAllByName(name)));
        }
      }
    } catch (SocketException | UnknownHostException | SecurityException e) {
      return List.of();
    }
    out.sort(Comparator.comparing(a -> a instanceof Inet4Address ? 0 : 1));
    return out;
  }

  private static void addUsable(NetworkInterface ni, List<InetAddress> out) {
    for (InetAddress a : Collections.list(ni.getInetAddresses())) {
      if (!(a instanceof Inet6Address && a.isLinkLocalAddress())) {
        out.add(a);
      }
    }
  }

  // ---------------------------------------------------------------- listeners

  private static List<HostPort> hostPorts(Raw raw) throws ConfigException {
    List<HostPort> out = new ArrayList<>();
    if (raw != null) {
      for (int i = 0; i < raw.values().size(); i++) {
        out.add(parseHostPort(raw.values().get(i), raw.wheres().get(i)));
      }
    }
    return out;
  }

  /**
   * {@code [ADDR:]PORT}: a bare port is 0.0.0.0 (rtpengine's reading); IPv6 as {@code [::1]:2223}
   * or, like rtpengine, split at the last colon ({@code ::1:2223}).
   */
  static HostPort parseHostPort(String value, String where) throws ConfigException {
    String v = value.strip();
    String host;
    String port;
    if (v.startsWith("[")) {
      int close = v.indexOf(']');
      if (close < 0 || close + 1 >= v.length() || v.charAt(close + 1) != ':') {
        throw new ConfigException(where + ": expected [ADDRESS:]PORT: '" + value + "'");
      }
      host = v.substring(1, close);
      port = v.substring(close + 2);
    } else {
      int colon = v.lastIndexOf(':');
      host = colon < 0 ? "0.0.0.0" : v.substring(0, colon);
      port = v.substring(colon + 1);
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new ConfigException(where + ": expected [ADDRESS:]PORT: '" + value + "'");
    }
    if (p < 1 || p > 65535) {
      throw new ConfigException(where + ": port out of range (1..65535): '" + value + "'");
    }
    InetAddress a = Addresses.parseLiteral(host);
    if (a == null) {
      throw new ConfigException(where + ": not an IP address: '" + host + "'");
    }
    return new HostPort(Addresses.format(a), p);
  }

  // ---------------------------------------------------------------- help

  public static String help() {
    StringBuilder sb = new StringBuilder();
    sb.append("Usage: rtpmesh [OPTION...]\n")
        .append("An RTP media proxy driven over rtpengine's ng protocol; rtpengine option names.\n\n");
    for (Option o : OPTIONS) {
      String left = "  --" + o.name() + (o.kind() == Kind.FLAG ? "" : "=" + o.arg());
      sb.append(left);
      sb.append(" ".repeat(Math.max(1, 36 - left.length())));
      sb.append(o.help()).append('\n');
    }
    sb.append("\nIn a config file use the names without dashes, e.g. 'port-min = 30000',\n")
        .append("in section [rtpengine]; list options take ';'-separated values.\n");
    return sb.toString();
  }
}
