package rtpmesh.node;

import java.util.List;

/**
 * The settings of one node, after config file and command line were merged and checked. Option
 * names follow rtpengine's where the meaning is the same; see {@link ConfigParser#OPTIONS}.
 *
 * @param nodeId the node's name; null when clustered without {@code --node-id}, until
 *     {@link Node} derives it from the member address ({@link #withNodeId})
 * @param listenCli rtpengine's CLI port ({@code --listen-cli}), null = off
 * @param tos IP TOS byte for media packets, -1 = leave untouched
 * @param table rtpengine's kernel table; accepted and ignored (userspace forwarding only)
 * @param pidfile where to write our pid, null = nowhere
 * @param configFile the file that was read, null = none
 * @param warnings lines to log at start-up (e.g. config-file keys we do not know)
 * @param dtmfLogDest where DTMF digits go as UDP JSON ({@code --dtmf-log-dest}), null = nowhere
 * @param adminToken what the admin console's actions need ({@code --admin-token}), null = read-only
 * @param endpointLearning {@code --endpoint-learning}: delayed, immediate, off or heuristic
 */
public record NodeConfig(
    String nodeId,
    List<InterfaceSpec> interfaces,
    List<HostPort> listenNg,
    List<HostPort> listenTcpNg,
    List<HostPort> listenHttp,
    HostPort listenCli,
    int portMin,
    int portMax,
    int timeout,
    int silentTimeout,
    int finalTimeout,
    int offerTimeout,
    int deleteDelay,
    int maxSessions,
    boolean foreground,
    boolean logStderr,
    String table,
    String pidfile,
    int logLevel,
    boolean noFallback,
    int tos,
    int mediaBlocks,
    Transport transport,
    ClusterConfig cluster,
    String configFile,
    List<String> warnings,
    HostPort dtmfLogDest,
    Limits limits,
    String adminToken,
    String endpointLearning,
    Recording recording) {

  /**
   * Call recording: {@code --recording-dir} (null = no recorder on this node), {@code --recording-method}
   * (pcap and/or wav), {@code --recording-format} (raw or eth), {@code --forward-to} (udp:/tcp:HOST:PORT
   * or null). The recorder runs when either a directory or a forwarding destination is given.
   */
  public record Recording(String dir, boolean pcap, boolean wav, String format, String forwardTo) {
    public static final Recording OFF = new Recording(null, true, false, "raw", null);

    public Recording(String dir, boolean pcap, boolean wav, String format) {
      this(dir, pcap, wav, format, null);
    }

    public boolean enabled() {
      return dir != null || forwardTo != null;
    }
  }

  /** What ng clients may ask: {@code --max-sdp-size}, {@code --max-media-per-call}, {@code --max-ng-rate}, {@code --max-ng-burst}; 0 = no limit. */
  public record Limits(int maxSdpSize, int maxMediaPerCall, int maxNgRate, int maxNgBurst) {}

  public NodeConfig {
    interfaces = List.copyOf(interfaces);
    listenNg = List.copyOf(listenNg);
    listenTcpNg = List.copyOf(listenTcpNg);
    listenHttp = List.copyOf(listenHttp);
    warnings = List.copyOf(warnings);
  }

  /** This config with {@code nodeId} set. */
  public NodeConfig withNodeId(String id) {
    return new NodeConfig(id, interfaces, listenNg, listenTcpNg, listenHttp, listenCli, portMin, portMax,
        timeout, silentTimeout, finalTimeout, offerTimeout, deleteDelay, maxSessions, foreground,
        logStderr, table, pidfile, logLevel, noFallback, tos, mediaBlocks, transport, cluster,
        configFile, warnings, dtmfLogDest, limits, adminToken, endpointLearning, recording);
  }

  /** The port ranges of the media blocks, one per media-verticle instance. */
  public List<PortRange> portBlocks() {
    return PortRange.split(portMin, portMax, mediaBlocks);
  }
}
