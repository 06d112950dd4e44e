package rtpmesh.media;

import io.vertx.core.json.JsonObject;
import rtpmesh.media.relay.EndpointLearning;

/**
 * Deployment config of one media block, e.g. {@code {"nodeId":"local","block":0,"portMin":30000,
 * "portMax":34999,"transport":"auto","timeout":60,"silentTimeout":3600,"endpointLearning":"heuristic",
 * "tos":184}}; times in seconds; {@code tos} is the IP TOS byte of every media socket ({@code --tos}),
 * -1 or absent leaves the system's default.
 */
public record MediaConfig(String nodeId, int block, int portMin, int portMax, MediaTransport transport,
                          int timeout, int silentTimeout, EndpointLearning endpointLearning, int tos) {

  public static MediaConfig from(JsonObject json) {
    MediaConfig c = new MediaConfig(
        json.getString("nodeId", "local"),
        json.getInteger("block", 0),
        json.getInteger("portMin", 30000),
        json.getInteger("portMax", 40000),
        MediaTransport.fromConfig(json.getString("transport", "auto")),
        json.getInteger("timeout", 60),
        json.getInteger("silentTimeout", 3600),
        EndpointLearning.parse(json.getString("endpointLearning", EndpointLearning.DEFAULT.wire())),
        json.getInteger("tos", -1));
    if (c.timeout <= 0 || c.silentTimeout <= 0) {
      throw new IllegalArgumentException("timeout " + c.timeout + " and silentTimeout " + c.silentTimeout
          + ", expected both > 0");
    }
    if (c.tos < -1 || c.tos > 255) {
      throw new IllegalArgumentException("tos " + c.tos + ", expected 0..255 or -1 (untouched)");
    }
    if (c.endpointLearning == null) {
      throw new IllegalArgumentException("endpointLearning '" + json.getString("endpointLearning")
          + "', expected delayed, immediate, off or heuristic");
    }
    return c;
  }
}
