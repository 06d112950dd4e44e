package rtpmesh.node;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The deployment config JSON of the verticles of one node, as documented on
 * {@code rtpmesh.media.MediaVerticle} and {@code rtpmesh.control.ControlVerticle}.
 */
public final class Deployments {
  public static final String MEDIA_VERTICLE = "java:rtpmesh.media.MediaVerticle";
  public static final String CONTROL_VERTICLE = "java:rtpmesh.control.ControlVerticle";
  public static final String RECORDING_VERTICLE = "java:rtpmesh.recording.RecordingVerticle";

  private Deployments() {}

  /** Config of media block {@code block} owning {@code ports}; {@code transport} is the one in use. */
  public static JsonObject media(NodeConfig c, int block, PortRange ports, String transport) {
    JsonObject j = new JsonObject()
        .put("nodeId", c.nodeId())
        .put("block", block)
        .put("portMin", ports.min())
        .put("portMax", ports.max())
        .put("transport", transport)
        .put("timeout", c.timeout())
        .put("silentTimeout", c.silentTimeout())
        .put("endpointLearning", c.endpointLearning());
    if (c.tos() >= 0) {
      j.put("tos", c.tos());
    }
    return j;
  }

  /** Config of the recorder ({@code rtpmesh.recording.RecordingConfig}); only when {@code --recording-dir} or {@code --forward-to} is set. */
  public static JsonObject recording(NodeConfig c) {
    NodeConfig.Recording r = c.recording();
    JsonArray methods = new JsonArray();
    if (r.pcap()) methods.add("pcap");
    if (r.wav()) methods.add("wav");
    JsonObject j = new JsonObject().put("nodeId", c.nodeId()).put("methods", methods).put("format", r.format());
    if (r.dir() != null) j.put("dir", r.dir());
    if (r.forwardTo() != null) j.put("forwardTo", r.forwardTo());
    return j;
  }

  public static JsonObject control(NodeConfig c) {
    JsonArray ifs = new JsonArray();
    for (InterfaceSpec i : c.interfaces()) {
      ifs.add(new JsonObject()
          .put("name", i.name())
          .put("address", i.address())
          .put("advertised", i.advertised()));
    }
    JsonObject j = new JsonObject()
        .put("nodeId", c.nodeId())
        .put("blocks", c.mediaBlocks())
        .put("interfaces", ifs)
        .put("listenNg", strings(c.listenNg()))
        .put("listenTcpNg", strings(c.listenTcpNg()))
        .put("listenHttp", strings(c.listenHttp()))
        .put("timeout", c.timeout())
        .put("silentTimeout", c.silentTimeout())
        .put("finalTimeout", c.finalTimeout())
        .put("offerTimeout", c.offerTimeout())
        .put("deleteDelay", c.deleteDelay())
        .put("maxSessions", c.maxSessions())
        .put("portMin", c.portMin())
        .put("portMax", c.portMax())
        .put("maxSdpSize", c.limits().maxSdpSize())
        .put("maxMediaPerCall", c.limits().maxMediaPerCall())
        .put("maxNgRate", c.limits().maxNgRate())
        .put("maxNgBurst", c.limits().maxNgBurst());
    if (c.adminToken() != null) {
      j.put("adminToken", c.adminToken());
    }
    if (c.listenCli() != null) {
      j.put("listenCli", c.listenCli().toString());
    }
    if (c.dtmfLogDest() != null) {
      j.put("dtmfLogDest", c.dtmfLogDest().toString());
    }
    if (c.cluster().enabled()) {
      j.put("clustered", true);
      // the first ng address, shown to the other nodes (admin console); TCP or HTTP when no UDP
      HostPort ng = !c.listenNg().isEmpty() ? c.listenNg().get(0)
          : !c.listenTcpNg().isEmpty() ? c.listenTcpNg().get(0) : c.listenHttp().get(0);
      j.put("ngAddress", ng.toString());
    }
    return j;
  }

  private static JsonArray strings(List<HostPort> list) {
    JsonArray a = new JsonArray();
    list.forEach(h -> a.add(h.toString()));
    return a;
  }
}
