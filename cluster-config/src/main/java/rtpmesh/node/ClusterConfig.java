package rtpmesh.node;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The cluster settings of a node ({@code --cluster*} options). Off by default: an unclustered node
 * starts no Hazelcast at all. {@code --cluster-members} implies {@code --cluster} unless
 * {@code --cluster} itself is given (so {@code --cluster=false} on the command line overrides a
 * config file that lists members).
 *
 * @param enabled run clustered
 * @param name Hazelcast cluster name; members with another name never join
 * @param host the IP literal Hazelcast and the event bus bind to and advertise
 * @param port Hazelcast member port
 * @param portAutoIncrement no {@code --cluster-port} was given: try 5701, 5702, ... until one is free
 * @param members the members to join, {@code host} or {@code host:port} (IPv6 in brackets)
 * @param busPort event bus TCP port, 0 = any free port
 */
public record ClusterConfig(boolean enabled, String name, String host, int port,
    boolean portAutoIncrement, List<String> members, int busPort) {

  public static final String DEFAULT_NAME = "rtpmesh";
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 5701;

  /** Not clustered. */
  public static final ClusterConfig OFF =
      new ClusterConfig(false, DEFAULT_NAME, DEFAULT_HOST, DEFAULT_PORT, true, List.of(), 0);

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final List<String> OPTIONS = List.of("cluster", "cluster-members", "cluster-name",
      "cluster-host", "cluster-port", "cluster-bus-port");

  public ClusterConfig {
    members = List.copyOf(members);
  }

  /** The member list plus this node itself, as Hazelcast's TCP-IP join wants it. */
  public List<String> membersWithSelf() {
    String self = hostPort(host, port);
    List<String> out = new ArrayList<>(members);
    if (!out.contains(self)) {
      out.add(self);
    }
    return out;
  }

  /** Reads the {@code cluster*} options of {@code m}; adds a warning when they are given unused. */
  static ClusterConfig parse(Map<String, ConfigParser.Raw> m, List<String> warnings)
      throws ConfigException {
    List<String> members = new ArrayList<>();
    ConfigParser.Raw raw = m.get("cluster-members");
    if (raw != null) {
      for (int i = 0; i < raw.values().size(); i++) {
        for (String part : raw.values().get(i).split(",")) {
          if (!part.isBlank()) {
            members.add(parseMember(part.strip(), raw.wheres().get(i)));
          }
        }
      }
    }
    boolean enabled = m.containsKey("cluster")
        ? ConfigParser.boolValue(m, "cluster")
        : !members.isEmpty();
    if (!enabled) {
      for (String o : OPTIONS) {
        if (!o.equals("cluster") && m.containsKey(o)) {
          warnings.add(m.get(o).where() + ": ignored, the node is not clustered (--cluster)");
        }
      }
      return OFF;
    }
    String name = m.containsKey("cluster-name") ? m.get("cluster-name").last().strip()
        : DEFAULT_NAME;
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException(ConfigParser.where(m, "cluster-name", "")
          + ": not a valid cluster name (letters, digits, '_', '.', '-'): '" + name + "'");
    }
    String host = DEFAULT_HOST;
    if (m.containsKey("cluster-host")) {
      ConfigParser.Raw h = m.get("cluster-host");
      InetAddress a = Addresses.parseLiteral(h.last().strip());
      if (a == null) {
        throw new ConfigException(h.where() + ": not an IP address: '" + h.last() + "'");
      }
      if (a.isAnyLocalAddress()) {
        throw new ConfigException(h.where() + ": the other members must reach this address, "
            + "give a concrete one, not '" + h.last() + "'");
      }
      host = Addresses.format(a);
    }
    boolean autoIncrement = !m.containsKey("cluster-port");
    int port = ConfigParser.intValue(m, "cluster-port", DEFAULT_PORT, 1, 65535);
    int busPort = ConfigParser.intValue(m, "cluster-bus-port", 0, 0, 65535);
    return new ClusterConfig(true, name, host, port, autoIncrement, members, busPort);
  }

  /** {@code HOST[:PORT]}, HOST an IP literal (IPv6 with a port in brackets) or a host name. */
  static String parseMember(String value, String where) throws ConfigException {
    String host = value;
    String port = null;
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      if (close < 0 || (close + 1 < value.length() && value.charAt(close + 1) != ':')) {
        throw new ConfigException(where + ": expected HOST[:PORT]: '" + value + "'");
      }
      host = value.substring(1, close);
      port = close + 1 < value.length() ? value.substring(close + 2) : null;
    } else if (value.indexOf(':') == value.lastIndexOf(':') && value.indexOf(':') >= 0) {
      host = value.substring(0, value.indexOf(':'));
      port = value.substring(value.indexOf(':') + 1);
    }
    InetAddress a = Addresses.parseLiteral(host);
    if (a == null && !HOST_NAME.matcher(host).matches()) {
      throw new ConfigException(where + ": expected HOST[:PORT], HOST an IP address or a name: '"
          + value + "'");
    }
    String h = a == null ? host : Addresses.format(a);
    if (port == null) {
      return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new ConfigException(where + ": expected HOST[:PORT]: '" + value + "'");
    }
    if (p < 1 || p > 65535) {
      throw new ConfigException(where + ": port out of range (1..65535): '" + value + "'");
    }
    return hostPort(h, p);
  }

  private static String hostPort(String host, int port) {
    return new HostPort(host, port).toString();
  }
}
