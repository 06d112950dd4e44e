package rtpmesh.control.admin;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rtpmesh.control.ng.NgException;
import rtpmesh.control.ng.NgHandler;
import rtpmesh.control.ng.NgMessage;
import rtpmesh.control.ng.NgWire;

/**
 * rtpmesh's own CLI commands, beyond rtpengine's: the cluster's nodes, draining a node and moving
 * a call to fresh ports. Each one is an ng command given to the node's ng handler, so it reaches
 * the right node exactly as the same command from Kamailio would (the call's owner, the named
 * node) and the CLI adds no second way into the cluster.
 *
 * <ul>
 *   <li>{@code list nodes}: one line per live node (node id, calls, standby, ng addresses).
 *   <li>{@code standby on|off [<node-id>]}: drain a node (it takes no new calls; its calls go on)
 *       or undo it; without a node id, the node that got the command.
 *   <li>{@code reanchor <call-id>}: move the call to fresh ports on its owner and print the SDP
 *       each party must get in a re-INVITE.
 * </ul>
 */
final class ClusterCliCommands {
  private final NgHandler ng;

  ClusterCliCommands(NgHandler ng) {
    this.ng = ng;
  }

  List<CliCommands.Row> rows() {
    return List.of(
        new CliCommands.Row("list nodes", this::listNodes),
        new CliCommands.Row("standby", this::standby),
        new CliCommands.Row("reanchor", this::reanchor));
  }

  @SuppressWarnings("unchecked")
  private Future<String> listNodes(String args) {
    return call(Map.of("command", "statistics")).map(r -> {
      if (!"ok".equals(r.str("result"))) return failure(r);
      Map<String, Object> stats = r.map("statistics");
      Object cluster = stats == null ? null : stats.get("cluster");
      StringBuilder out = new StringBuilder();
      if (!(cluster instanceof Map<?, ?> c)) {
        Map<String, Object> cur = stats == null ? null : (Map<String, Object>) stats.get("currentstatistics");
        Object own = cur == null ? 0 : cur.getOrDefault("sessionsown", 0);
        return "node-id: local, calls: " + own + ", standby: off, not clustered\n";
      }
      String self = (String) c.get("node-id");
      for (Object o : (List<Object>) c.get("nodes")) {
        Map<String, Object> n = (Map<String, Object>) o;
        out.append("node-id: ").append(n.get("node-id"))
            .append(", calls: ").append(n.get("calls"))
            .append(", standby: ").append(n.get("standby"))
            .append(", ng: ").append(n.get("ng"))
            .append(self != null && self.equals(n.get("node-id")) ? " (this node)" : "")
            .append('\n');
      }
      return out.toString();
    });
  }

  private Future<String> standby(String args) {
    String[] w = args.isEmpty() ? new String[0] : args.split("\\s+");
    if (w.length == 0) return CliCommands.done(CliCommands.MORE);
    if (w.length > 2 || !(w[0].equals("on") || w[0].equals("off"))) {
      return CliCommands.done("Usage: standby on|off [<node-id>]\n");
    }
    Map<String, Object> cmd = new LinkedHashMap<>();
    cmd.put("command", "standby");
    cmd.put("standby", w[0]);
    if (w.length == 2) cmd.put("node-id", w[1]);
    return call(cmd).map(r -> {
      if ("ok".equals(r.str("result"))) return "Node " + r.str("node-id") + " standby: " + r.str("standby") + "\n";
      // a lone node's engine has no standby: there is no other node to place calls on
      if (NgException.UNKNOWN_COMMAND.equals(r.str("error-reason"))) return "Fail: this node is not in a cluster\n";
      return failure(r);
    });
  }

  @SuppressWarnings("unchecked")
  private Future<String> reanchor(String callId) {
    if (callId.isEmpty()) return CliCommands.done(CliCommands.MORE);
    return call(Map.of("command", "reanchor", "call-id", callId)).map(r -> {
      if (NgException.UNKNOWN_CALL.equals(r.str("error-reason"))) return "\nCall Id not found (" + callId + ").\n\n";
      if (!"ok".equals(r.str("result"))) return failure(r);
      StringBuilder out = new StringBuilder("\nCall Id (" + callId + ") re-anchored on new ports; "
          + "send each party its SDP in a re-INVITE.\n");
      Map<String, Object> sdps = r.map("sdp");
      if (sdps != null) {
        for (Map.Entry<String, Object> e : sdps.entrySet()) {
          out.append("\n--- tag ").append(e.getKey()).append('\n').append(text(e.getValue()));
        }
      }
      return out.append('\n').toString();
    });
  }

  private Future<NgMessage> call(Map<String, Object> command) {
    return ng.handle(NgWire.encode(command, false), null).map(NgWire::decode);
  }

  private static String failure(NgMessage r) {
    String reason = r.str("error-reason");
    return "Fail: " + (reason == null ? "result " + r.str("result") : reason) + "\n";
  }

  private static String text(Object v) {
    return v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(v);
  }
}
