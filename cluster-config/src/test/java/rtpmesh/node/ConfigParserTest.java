package rtpmesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigParserTest {

  /** Knows one network interface, "eth7", with an IPv4 and an IPv6 address. */
  private static final ConfigParser PARSER = new ConfigParser(name -> {
    try {
      return name.equals("eth7")
          ? List.of(InetAddress.getByName("192.0.2.10"), InetAddress.getByName("2001:db8::10"))
          : List.of();
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }, 4);

  @TempDir
  Path dir;

  private static NodeConfig parse(String... args) throws ConfigException {
    ConfigParser.Result r = PARSER.parse(Arrays.asList(args));
    assertEquals(ConfigParser.Action.RUN, r.action());
    return r.config();
  }

  private static String error(String... args) {
    return assertThrows(ConfigException.class, () -> PARSER.parse(Arrays.asList(args)))
        .getMessage();
  }

  @Test
  void adminTokenFromCommandLineOrConfigFile() throws ConfigException, IOException {
    assertNull(parse().adminToken(), "the console is read-only unless a token is given");
    assertEquals("s3cret", parse("--admin-token=s3cret").adminToken());
    Path f = dir.resolve("admin.conf");
    Files.writeString(f, "[rtpengine]\nadmin-token = from-file\n");
    assertEquals("from-file", parse("--config-file=" + f).adminToken());
    assertEquals("cli", parse("--config-file=" + f, "--admin-token=cli").adminToken());
    assertEquals("from-file", Deployments.control(parse("--config-file=" + f)).getString("adminToken"));
  }

  @Test
  void recordingOptionsFromCommandLineOrConfigFile() throws ConfigException, IOException {
    assertEquals(false, parse().recording().enabled(), "no recorder without --recording-dir");
    NodeConfig.Recording r = parse("--recording-dir=/var/spool/rec", "--recording-method=pcap,wav",
        "--recording-format=eth").recording();
    assertEquals(new NodeConfig.Recording("/var/spool/rec", true, true, "eth"), r);
    assertEquals(new NodeConfig.Recording("/r", false, true, "raw"), parse("--recording-dir=/r", "--recording-method=wav").recording());
    assertEquals(new NodeConfig.Recording("/r", true, false, "raw"), parse("--recording-dir=/r").recording());
    Path f = dir.resolve("rec.conf");
    Files.writeString(f, "[rtpengine]\nrecording-dir = /spool\nrecording-method = proc\n");
    assertEquals(new NodeConfig.Recording("/spool", false, true, "raw"), parse("--config-file=" + f).recording());
    io.vertx.core.json.JsonObject j = Deployments.recording(parse("--recording-dir=/r", "--recording-method=pcap,wav"));
    assertEquals("/r", j.getString("dir"));
    assertEquals(List.of("pcap", "wav"), j.getJsonArray("methods").getList());
    assertTrue(error("--recording-method=mp3").contains("expected pcap, wav or pcap,wav: 'mp3'"));
    // forwarding alone deploys the recorder (no directory: nothing is recorded)
    NodeConfig.Recording fwd = parse("--forward-to=udp:127.0.0.1:5555").recording();
    assertTrue(fwd.enabled());
    assertEquals(new NodeConfig.Recording(null, true, false, "raw", "udp:127.0.0.1:5555"), fwd);
    io.vertx.core.json.JsonObject fj = Deployments.recording(parse("--forward-to=tcp:[::1]:7000"));
    assertEquals("tcp:[::1]:7000", fj.getString("forwardTo"));
    assertFalse(fj.containsKey("dir"));
    Path ff = dir.resolve("fwd.conf");
    Files.writeString(ff, "[rtpengine]\nforward-to = tcp:10.0.0.5:9000\n");
    assertEquals("tcp:10.0.0.5:9000", parse("--config-file=" + ff).recording().forwardTo());
    assertTrue(error("--forward-to=/run/rtpengine.sock").contains("expected udp:HOST:PORT or tcp:HOST:PORT"));
    assertTrue(error("--forward-to=udp:host:99999").contains("port out of range"));
    assertTrue(error("--recording-format=pcapng").contains("expected raw or eth"));
    assertTrue(error("--recording-dir=").contains("empty directory name"));
  }

  @Test
  void defaults() throws ConfigException {
    NodeConfig c = parse();
    assertEquals("local", c.nodeId());
    assertEquals(List.of(new InterfaceSpec("default", "127.0.0.1", "127.0.0.1")), c.interfaces());
    assertEquals(List.of(new HostPort("127.0.0.1", 2223)), c.listenNg());
    assertEquals(List.of(), c.listenTcpNg());
    assertEquals(List.of(), c.listenHttp());
    assertNull(c.listenCli(), "the CLI is off unless asked for (rtpengine's default is 9900)");
    assertEquals(30000, c.portMin());
    assertEquals(40000, c.portMax());
    assertEquals(60, c.timeout());
    assertEquals(3600, c.silentTimeout());
    assertEquals(0, c.finalTimeout());
    assertEquals(3600, c.offerTimeout());
    assertEquals(30, c.deleteDelay());
    assertEquals(-1, c.maxSessions());
    assertEquals(6, c.logLevel());
    assertEquals(-1, c.tos());
    assertEquals(4, c.mediaBlocks());
    assertEquals(Transport.AUTO, c.transport());
    assertNull(c.pidfile());
    assertNull(c.configFile());
  }

  @Test
  void kitReferenceCommandLine() throws ConfigException {
    NodeConfig c = parse("--config-file=none", "--table=-1", "--foreground", "--log-stderr",
        "--interface=127.0.0.1", "--interface=priv/127.0.0.1",
        "--interface=pub/127.0.0.1!203.0.113.7", "--listen-ng=127.0.0.1:22222",
        "--port-min=30000", "--port-max=31999");
    assertEquals(List.of(
        new InterfaceSpec("default", "127.0.0.1", "127.0.0.1"),
        new InterfaceSpec("priv", "127.0.0.1", "127.0.0.1"),
        new InterfaceSpec("pub", "127.0.0.1", "203.0.113.7")), c.interfaces());
    assertEquals(List.of(new HostPort("127.0.0.1", 22222)), c.listenNg());
    assertEquals("-1", c.table());
    assertTrue(c.foreground());
    assertTrue(c.logStderr());
    assertEquals(31999, c.portMax());
  }

  /** What Debian's rtpengine.conf and unit commonly carry besides the kit's options. */
  @Test
  void rtpengineLoggingOptionsAreAccepted() throws ConfigException {
    NodeConfig c = parse("--config-file=none", "--log-level=5", "--log-facility=local1");
    assertEquals(5, c.logLevel());
  }

  static Stream<Arguments> interfaces() {
    return Stream.of(
        Arguments.of("10.0.0.1", "default/10.0.0.1"),
        Arguments.of("int/10.0.0.1", "int/10.0.0.1"),
        Arguments.of("10.0.0.1!192.0.2.4", "default/10.0.0.1!192.0.2.4"),
        Arguments.of("ext/10.0.0.1!192.0.2.4", "ext/10.0.0.1!192.0.2.4"),
        Arguments.of("::1", "default/::1"),
        Arguments.of("[::1]", "default/::1"),
        Arguments.of("v6/2001:DB8:0:0:0:0:0:1", "v6/2001:db8::1"),
        Arguments.of("v6/[2001:db8::1]![2001:db8::2]", "v6/2001:db8::1!2001:db8::2"),
        Arguments.of("v6/2001:db8::1!203.0.113.7", "v6/2001:db8::1!203.0.113.7"),
        Arguments.of("mix/::ffff:10.0.0.1", "mix/10.0.0.1"),
        Arguments.of("fe80::1:0:0:1", "default/fe80::1:0:0:1"),
        Arguments.of("2001:db8:0:1:0:0:0:1", "default/2001:db8:0:1::1"),
        Arguments.of("eth7", "default/192.0.2.10 default/2001:db8::10"),
        Arguments.of("ext/eth7!203.0.113.9", "ext/192.0.2.10!203.0.113.9 ext/2001:db8::10!203.0.113.9"));
  }

  @ParameterizedTest
  @MethodSource
  void interfaces(String option, String expected) throws ConfigException {
    NodeConfig c = parse("--interface", option);
    assertEquals(expected, String.join(" ", c.interfaces().stream().map(Object::toString).toList()));
  }

  static Stream<Arguments> listeners() {
    return Stream.of(
        Arguments.of("2223", "0.0.0.0:2223"),
        Arguments.of("127.0.0.1:22222", "127.0.0.1:22222"),
        Arguments.of("[::1]:2223", "[::1]:2223"),
        Arguments.of("::1:2223", "[::1]:2223"),
        Arguments.of("[::]:2223", "[::]:2223"),
        Arguments.of("0.0.0.0:65535", "0.0.0.0:65535"));
  }

  @ParameterizedTest
  @MethodSource
  void listeners(String option, String expected) throws ConfigException {
    assertEquals(expected, parse("--listen-ng=" + option).listenNg().get(0).toString());
    assertEquals(expected, parse("--listen-tcp-ng", option).listenTcpNg().get(0).toString());
    assertEquals(expected, parse("--listen-http", option).listenHttp().get(0).toString());
  }

  @Test
  void listenCliTakesOneAddressAndABarePortMeansAllInterfacesAsInRtpengine() throws Exception {
    assertEquals(new HostPort("127.0.0.1", 9900), parse("--listen-cli=127.0.0.1:9900").listenCli());
    assertEquals(new HostPort("0.0.0.0", 9901), parse("--listen-cli", "9901").listenCli());
    assertEquals(new HostPort("127.0.0.1", 9902),
        parse("--listen-cli=9901", "--listen-cli=127.0.0.1:9902").listenCli(), "the last one wins");
    assertEquals(new HostPort("127.0.0.1", 9903),
        parse("--config-file=" + file("[rtpengine]\nlisten-cli = 127.0.0.1:9903\n")).listenCli());
    assertEquals("--listen-cli: port out of range (1..65535): '127.0.0.1:0'", error("--listen-cli=127.0.0.1:0"));
  }

  @Test
  void listenersRepeatAndReplaceTheDefault() throws ConfigException {
    NodeConfig c = parse("--listen-ng=127.0.0.1:2223", "--listen-ng", "[::1]:2223");
    assertEquals("[127.0.0.1:2223, [::1]:2223]", c.listenNg().toString());
    NodeConfig tcpOnly = parse("--listen-tcp-ng=2224");
    assertEquals(List.of(), tcpOnly.listenNg());
    assertEquals("[0.0.0.0:2224]", tcpOnly.listenTcpNg().toString());
  }

  static Stream<Arguments> goodValues() {
    return Stream.of(
        Arguments.of(List.of("--timeout", "20"), "timeout", 20),
        Arguments.of(List.of("--silent-timeout=0"), "silentTimeout", 0),
        Arguments.of(List.of("--final-timeout=10800"), "finalTimeout", 10800),
        Arguments.of(List.of("--offer-timeout=30"), "offerTimeout", 30),
        Arguments.of(List.of("--delete-delay", "0"), "deleteDelay", 0),
        Arguments.of(List.of("--max-sessions=5000"), "maxSessions", 5000),
        Arguments.of(List.of("--log-level=7"), "logLevel", 7),
        Arguments.of(List.of("--tos=184"), "tos", 184),
        Arguments.of(List.of(), "endpointLearning", "heuristic"),
        Arguments.of(List.of("--endpoint-learning=Delayed"), "endpointLearning", "delayed"),
        Arguments.of(List.of("--endpoint-learning", "off"), "endpointLearning", "off"),
        Arguments.of(List.of("--num-threads=2"), "mediaBlocks", 2),
        Arguments.of(List.of("--media-blocks", "3"), "mediaBlocks", 3),
        Arguments.of(List.of("--node-id=n-2.a_b"), "nodeId", "n-2.a_b"),
        Arguments.of(List.of("--transport=io_uring"), "transport", Transport.IO_URING),
        Arguments.of(List.of("--transport", "nio"), "transport", Transport.NIO),
        Arguments.of(List.of("--pidfile=/run/rtpmesh.pid"), "pidfile", "/run/rtpmesh.pid"),
        Arguments.of(List.of("--table", "0"), "table", "0"),
        Arguments.of(List.of("--no-fallback"), "noFallback", true),
        Arguments.of(List.of("--foreground=false"), "foreground", false),
        Arguments.of(List.of("--port-min=30001", "--port-max=30004"), "portMin", 30001),
        Arguments.of(List.of("--timeout=1", "--timeout=2"), "timeout", 2));
  }

  @ParameterizedTest
  @MethodSource
  void goodValues(List<String> args, String field, Object expected) throws Exception {
    NodeConfig c = parse(args.toArray(String[]::new));
    assertEquals(expected, NodeConfig.class.getMethod(field).invoke(c));
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(List.of("--port-min=abc"), "--port-min: not a number: 'abc'"),
        Arguments.of(List.of("--port-min", "0"), "--port-min: out of range (1..65535): '0'"),
        Arguments.of(List.of("--port-max=70000"), "--port-max: out of range (1..65535): '70000'"),
        Arguments.of(List.of("--port-min=40000", "--port-max=30000"), "--port-max: 30000 is below --port-min 40000"),
        Arguments.of(List.of("--port-min=30001", "--port-max=30001"), "--port-max: range 30001-30001 holds no RTP/RTCP port pair (even + odd)"),
        Arguments.of(List.of("--port-min=30000", "--port-max=30003", "--num-threads=3"), "--num-threads: 3 media blocks do not fit in port range 30000-30003 (2 port pairs)"),
        Arguments.of(List.of("--num-threads=0"), "--num-threads: out of range (1..1024): '0'"),
        Arguments.of(List.of("--timeout=-5"), "--timeout: out of range (0..): '-5'"),
        Arguments.of(List.of("--max-sessions=-2"), "--max-sessions: out of range (-1..): '-2'"),
        Arguments.of(List.of("--log-level=8"), "--log-level: out of range (0..7): '8'"),
        Arguments.of(List.of("--tos=256"), "--tos: out of range (0..255): '256'"),
        Arguments.of(List.of("--endpoint-learning=latch"), "--endpoint-learning: expected delayed, immediate, off or heuristic: 'latch'"),
        Arguments.of(List.of("--timeout"), "--timeout: missing value"),
        Arguments.of(List.of("--transport=dpdk"), "--transport: expected auto, epoll, io_uring or nio: 'dpdk'"),
        Arguments.of(List.of("--node-id=a b"), "--node-id: not a valid node id (letters, digits, '_', '.', '-'): 'a b'"),
        Arguments.of(List.of("--foreground=maybe"), "--foreground: expected true or false: 'maybe'"),
        Arguments.of(List.of("--homer=10.0.0.1:9060"), "unknown option '--homer' (try --help)"),
        Arguments.of(List.of("-x"), "unknown option '-x' (try --help)"),
        Arguments.of(List.of("stray"), "unexpected argument 'stray' (options start with --; try --help)"),
        Arguments.of(List.of("--interface=eth9"), "--interface: no such network interface or address: 'eth9'"),
        Arguments.of(List.of("--interface=pub/"), "--interface: missing address: 'pub/'"),
        Arguments.of(List.of("--interface=/10.0.0.1"), "--interface: empty interface name before '/': '/10.0.0.1'"),
        Arguments.of(List.of("--interface=10.0.0.1!eth0"), "--interface: advertised address is not an IP address: 'eth0'"),
        Arguments.of(List.of("--interface=10.0.0.256"), "--interface: no such network interface or address: '10.0.0.256'"),
        Arguments.of(List.of("--interface=[10.0.0.1]"), "--interface: not an IP address or network interface: '[10.0.0.1]'"),
        Arguments.of(List.of("--interface=1:2:3"), "--interface: not an IP address or network interface: '1:2:3'"),
        Arguments.of(List.of("--listen-ng=abc"), "--listen-ng: expected [ADDRESS:]PORT: 'abc'"),
        Arguments.of(List.of("--listen-ng=127.0.0.1:0"), "--listen-ng: port out of range (1..65535): '127.0.0.1:0'"),
        Arguments.of(List.of("--listen-ng=host:2223"), "--listen-ng: not an IP address: 'host'"),
        Arguments.of(List.of("--listen-ng=[::1]2223"), "--listen-ng: expected [ADDRESS:]PORT: '[::1]2223'"),
        Arguments.of(List.of("--pidfile="), "--pidfile: empty file name"));
  }

  @ParameterizedTest
  @MethodSource
  void badValues(List<String> args, String expected) {
    assertEquals(expected, error(args.toArray(String[]::new)));
  }

  @Test
  void helpAndVersion() throws ConfigException {
    assertEquals(ConfigParser.Action.HELP, PARSER.parse(List.of("-h")).action());
    assertEquals(ConfigParser.Action.HELP, PARSER.parse(List.of("--timeout=3", "--help")).action());
    assertEquals(ConfigParser.Action.VERSION, PARSER.parse(List.of("-v")).action());
    assertEquals(ConfigParser.Action.VERSION, PARSER.parse(List.of("--version")).action());
    String help = ConfigParser.help();
    for (ConfigParser.Option o : ConfigParser.OPTIONS) {
      assertTrue(help.contains("--" + o.name()), o.name());
    }
  }

  private Path file(String text) throws IOException {
    Path p = dir.resolve("rtpengine.conf");
    Files.writeString(p, text);
    return p;
  }

  @Test
  void configFileAndCommandLineOverride() throws Exception {
    Path f = file(String.join("\n",
        "# rtpengine.conf",
        "[rtpengine]",
        "table = 0",
        "interface = internal/10.0.0.1;external/10.0.0.2!192.0.2.4",
        "interface = [2001:db8::1]",
        "listen-ng = 127.0.0.1:22222",
        "listen-tcp-ng = 25060; [::1]:25061",
        "port-min = 20000",
        "port-max = 20999",
        "timeout = 20",
        "tos = 184",
        "foreground = true",
        "homer = 10.0.0.1:9060",
        "",
        "[other]",
        "port-min = 1"));
    NodeConfig c = parse("--config-file=" + f, "--port-max=21999", "--timeout", "30");
    assertEquals(List.of(
        new InterfaceSpec("internal", "10.0.0.1", "10.0.0.1"),
        new InterfaceSpec("external", "10.0.0.2", "192.0.2.4"),
        new InterfaceSpec("default", "2001:db8::1", "2001:db8::1")), c.interfaces());
    assertEquals("[127.0.0.1:22222]", c.listenNg().toString());
    assertEquals("[0.0.0.0:25060, [::1]:25061]", c.listenTcpNg().toString());
    assertEquals(20000, c.portMin());
    assertEquals(21999, c.portMax()); // command line wins
    assertEquals(30, c.timeout());
    assertEquals(184, c.tos());
    assertTrue(c.foreground());
    assertEquals(f.toString(), c.configFile());
    assertEquals(List.of(f + ":13: homer: ignoring unsupported option"), c.warnings());

    // a list option on the command line replaces the file's list
    NodeConfig c2 = parse("--config-file", f.toString(), "--interface=pub/10.9.9.9");
    assertEquals(List.of(new InterfaceSpec("pub", "10.9.9.9", "10.9.9.9")), c2.interfaces());

    // another section
    assertEquals(1, parse("--config-file=" + f, "--config-section=other").portMin());
  }

  @Test
  void configFileErrors() throws Exception {
    Path f = file("[rtpengine]\nport-min = 30000\nport-max = abc\n");
    assertEquals(f + ":3: port-max: not a number: 'abc'", error("--config-file=" + f));
    // the command line hides the bad file value
    assertEquals(31000, parse("--config-file=" + f, "--port-max=31000").portMax());

    Path g = file("[rtpengine]\ninterface = a/10.0.0.1; b/nosuch0\n");
    assertEquals(g + ":2: interface: no such network interface or address: 'nosuch0'",
        error("--config-file=" + g));
    Path h = file("[rtpengine]\nforeground = yes please\n");
    assertEquals(h + ":2: foreground: expected true or false: 'yes please'",
        error("--config-file=" + h));

    assertEquals(f + ": no section [nope]", error("--config-file=" + f, "--config-section=nope"));
    Path missing = dir.resolve("missing.conf");
    assertEquals(missing + ": cannot read config file: no such file",
        error("--config-file=" + missing));
    Path bad = file("[rtpengine\n");
    assertEquals(bad + ":1: bad section header: '[rtpengine'", error("--config-file", bad.toString()));
    Path noEq = file("[rtpengine]\njust words\n");
    assertEquals(noEq + ":2: expected 'key = value': 'just words'", error("--config-file=" + noEq));
    Path outside = file("port-min = 1\n[rtpengine]\n");
    assertEquals(outside + ":1: key outside of any [section]", error("--config-file=" + outside));
  }

  @Test
  void configFileNoneReadsNothing() throws ConfigException {
    NodeConfig c = parse("--config-file=none");
    assertNull(c.configFile());
  }

  @Test
  void defaultBlocksAreClampedToThePortPairs() throws ConfigException {
    assertEquals(2, parse("--port-min=30000", "--port-max=30003").mediaBlocks());
    assertEquals(4, parse().mediaBlocks());
  }

  @Test
  void fileListsAccumulateAcrossRepeatedKeys() throws Exception {
    Path f = file("[rtpengine]\nlisten-ng = 2223\nlisten-ng = 127.0.0.1:2224;\n");
    List<String> got = new ArrayList<>();
    parse("--config-file=" + f).listenNg().forEach(h -> got.add(h.toString()));
    assertEquals(List.of("0.0.0.0:2223", "127.0.0.1:2224"), got);
  }
}
