package rtpmesh.control;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rtpmesh.control.call.LogicalInterface;
import rtpmesh.control.ng.NgLimits;

/**
 * The control verticle's settings, read from its deployment config (see {@link ControlVerticle}).
 * {@code listenCli} is null when the CLI is off; {@code portMin}/{@code portMax} are the node's
 * whole media port range (the media blocks split it), shown by the CLI's {@code list interfaces}.
 * {@code maxSdpSize}, {@code maxMediaPerCall} ({@link NgLimits}, 0 = off) and {@code maxNgRate},
 * {@code maxNgBurst} ({@link rtpmesh.control.ng.NgRateLimit}, 0 = off) bound what ng clients may ask.
 */
record ControlConfig(
    String nodeId,
    int blocks,
    List<LogicalInterface> interfaces,
    List<String> listenNg,
    List<String> listenTcpNg,
    List<String> listenHttp,
    int deleteDelay,
    int maxSessions,
    String listenCli,
    int portMin,
    int portMax,
    NgLimits limits,
    int maxNgRate,
    int maxNgBurst,
    String adminToken,
    String metricsRegistry) {

  static ControlConfig from(JsonObject j) {
    Map<String, List<LogicalInterface.Address>> byName = new LinkedHashMap<>();
    for (Object o : j.getJsonArray("interfaces", new JsonArray())) {
      JsonObject i = (JsonObject) o;
      String local = i.getString("address", "127.0.0.1");
      byName.computeIfAbsent(i.getString("name", "default"), k -> new ArrayList<>())
          .add(new LogicalInterface.Address(local, i.getString("advertised", local)));
    }
    if (byName.isEmpty()) byName.put("default", List.of(new LogicalInterface.Address("127.0.0.1", "127.0.0.1")));
    List<LogicalInterface> ifaces = new ArrayList<>();
    byName.forEach((name, addrs) -> ifaces.add(new LogicalInterface(name, addrs)));
    return new ControlConfig(
        j.getString("nodeId", "local"),
        j.getInteger("blocks", 1),
        ifaces,
        strings(j.getValue("listenNg"), "127.0.0.1:2223"),
        strings(j.getValue("listenTcpNg"), null),
        strings(j.getValue("listenHttp"), null),
        j.getInteger("deleteDelay", 30),
        j.getInteger("maxSessions", -1),
        j.getString("listenCli"),
        j.getInteger("portMin", 30000),
        j.getInteger("portMax", 40000),
        new NgLimits(j.getInteger("maxSdpSize", NgLimits.DEFAULT.maxSdpBytes()),
            j.getInteger("maxMediaPerCall", NgLimits.DEFAULT.maxMedia())),
        j.getInteger("maxNgRate", 0),
        j.getInteger("maxNgBurst", 0),
        j.getString("adminToken"),
        j.getString("metricsRegistry"));
  }

  private static List<String> strings(Object v, String dflt) {
    List<String> out = new ArrayList<>();
    if (v instanceof JsonArray a) for (Object o : a) out.add(String.valueOf(o));
    else if (v instanceof String s && !s.isEmpty()) out.add(s);
    else if (v == null && dflt != null) out.add(dflt);
    return out;
  }
}
