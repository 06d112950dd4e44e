package rtpmesh.control.admin.console;

/**
 * Event-bus addresses of the admin console. Only {@link #EVENTS} (out) and {@link #CMD} (in) are
 * bridged to browsers; {@link #node} is node to node and never bridged.
 */
public final class AdminAddresses {
  private AdminAddresses() {}

  /** Published once a second on each node, to its own browsers only: nodes, totals. */
  public static final String EVENTS = "rtpmesh.admin.events";
  /** The console's requests (a local consumer on every node; the bridge is the only sender). */
  public static final String CMD = "rtpmesh.admin.cmd";

  /** One node's own calls, for the console of any node in the cluster. */
  public static String node(String nodeId) {
    return "rtpmesh.node." + nodeId + ".admin";
  }

  /** Header the bridge sets on every browser request: {@code rw} with the admin token, else {@code ro}. */
  public static final String ACCESS_HEADER = "rtpmesh-access";
}
