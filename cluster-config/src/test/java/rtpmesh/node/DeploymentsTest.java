package rtpmesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentsTest {
  @Test
  void controlAndMediaConfig() throws Exception {
    NodeConfig c = new ConfigParser(n -> List.<InetAddress>of(), 2).parse(List.of(
        "--interface=127.0.0.1", "--interface=pub/127.0.0.1!203.0.113.7",
        "--listen-ng=127.0.0.1:22222", "--listen-http=[::1]:8080", "--port-min=30000",
        "--port-max=31999", "--node-id=n1")).config();
    assertEquals(new JsonObject("""
        {"nodeId":"n1","blocks":2,
         "interfaces":[{"name":"default","address":"127.0.0.1","advertised":"127.0.0.1"},
                       {"name":"pub","address":"127.0.0.1","advertised":"203.0.113.7"}],
         "listenNg":["127.0.0.1:22222"],"listenTcpNg":[],"listenHttp":["[::1]:8080"],
         "timeout":60,"silentTimeout":3600,"finalTimeout":0,"offerTimeout":3600,
         "deleteDelay":30,"maxSessions":-1,"portMin":30000,"portMax":31999,
         "maxSdpSize":65536,"maxMediaPerCall":64,"maxNgRate":10000,"maxNgBurst":20000}"""),
        Deployments.control(c));
    assertEquals(new JsonObject("""
        {"nodeId":"n1","block":1,"portMin":31000,"portMax":31999,"transport":"epoll",
         "timeout":60,"silentTimeout":3600,"endpointLearning":"heuristic"}"""),
        Deployments.media(c, 1, c.portBlocks().get(1), "epoll"));
  }

  @Test
  void limitsArePassedToTheControlVerticle() throws Exception {
    NodeConfig c = new ConfigParser(n -> List.<InetAddress>of(), 1).parse(List.of(
        "--max-sdp-size=1000", "--max-media-per-call=0", "--max-ng-rate=50")).config();
    JsonObject j = Deployments.control(c);
    assertEquals(1000, j.getInteger("maxSdpSize"));
    assertEquals(0, j.getInteger("maxMediaPerCall"));
    assertEquals(50, j.getInteger("maxNgRate"));
    assertEquals(100, j.getInteger("maxNgBurst"));
  }

  @Test
  void listenCliIsPassedToTheControlVerticle() throws Exception {
    NodeConfig c = new ConfigParser(n -> List.<InetAddress>of(), 1)
        .parse(List.of("--listen-cli=127.0.0.1:9900")).config();
    assertEquals("127.0.0.1:9900", Deployments.control(c).getString("listenCli"));
  }

  @Test
  void clusteredControlConfigNamesTheNgAddress() throws Exception {
    NodeConfig c = new ConfigParser(n -> List.<InetAddress>of(), 1).parse(List.of(
        "--listen-tcp-ng=127.0.0.1:25060", "--listen-ng=127.0.0.1:22222",
        "--listen-ng=127.0.0.1:22223", "--cluster", "--max-sessions=100")).config()
        .withNodeId("127.0.0.1-5701");
    JsonObject j = Deployments.control(c);
    assertEquals(true, j.getBoolean("clustered"));
    assertEquals("127.0.0.1-5701", j.getString("nodeId"));
    assertEquals("127.0.0.1:22222", j.getString("ngAddress"));
    assertEquals(null, j.getString("listenCli"), "no CLI unless --listen-cli");
    assertEquals(100, j.getInteger("maxSessions"));
  }
}
