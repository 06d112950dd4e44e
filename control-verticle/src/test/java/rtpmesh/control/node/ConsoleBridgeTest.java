package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's event-bus bridge lets a browser read, and act only with the admin token: nothing
 * a browser sends without it ends a call, and it can reach no address but the console's.
 */
class ConsoleBridgeTest {
  static final String CMD = "rtpmesh.admin.cmd";
  static final String TOKEN = "s3cret-token";

  private TestNode node;
  private Phone a;
  private Phone b;
  private BridgeClient browser;

  @BeforeEach
  void start() {
    node = TestNode.startWithHttp(TOKEN);
    a = Phone.open();
    b = Phone.open();
    browser = new BridgeClient(node.httpPort());
  }

  @AfterEach
  void stop() {
    browser.close();
    a.close();
    b.close();
    node.close();
  }

  @Test
  void readsWithoutTokenActsOnlyWithIt() {
    TwoPartyCall call = TwoPartyCall.establish(node.ng(), a, b);
    call.assertRtpBothWays(3);

    JsonObject list = browser.request(CMD, op("calls"), new JsonObject());
    assertEquals("rec", list.getString("type"), list.encode());
    JsonArray calls = list.getJsonObject("body").getJsonArray("calls");
    assertEquals(1, calls.size(), list.encode());
    assertEquals(call.callId, calls.getJsonObject(0).getString("callId"));

    JsonObject details = browser.request(CMD, op("call").put("callId", call.callId), new JsonObject());
    JsonObject media = details.getJsonObject("body").getJsonObject("call").getJsonArray("parties").getJsonObject(0)
        .getJsonArray("medias").getJsonObject(0);
    assertTrue(media.getJsonArray("codecs").contains("PCMU/8000"), details.encode());
    assertEquals(3L, media.getLong("packets"), details.encode());
    JsonObject callee = details.getJsonObject("body").getJsonObject("call").getJsonArray("parties").getJsonObject(1)
        .getJsonArray("medias").getJsonObject(0);
    assertTrue(callee.getJsonArray("codecs").contains("PCMU/8000"), details.encode());

    JsonObject terminate = op("terminate").put("callId", call.callId);
    assertRefused(browser.request(CMD, terminate, new JsonObject()), 403);
    assertRefused(browser.request(CMD, terminate, new JsonObject().put("token", "wrong")), 403);
    assertRefused(browser.request(CMD, terminate, new JsonObject().put("rtpmesh-access", "rw")), 403);
    assertRefused(browser.request(CMD, op("reanchor").put("callId", call.callId), new JsonObject()), 403);
    JsonObject direct = browser.request("rtpmesh.node." + node.nodeId + ".admin", terminate, new JsonObject().put("token", TOKEN));
    assertEquals("err", direct.getString("type"), direct.encode());
    assertEquals("access_denied", direct.getString("body"), direct.encode());
    browser.frame(new JsonObject().put("type", "publish").put("address", CMD).put("body", terminate)
        .put("headers", new JsonObject().put("token", TOKEN)));
    assertEquals("rejected", browser.next().getString("body"), "nothing is published into a node");
    assertEquals("ok", call.query().get("result"), "the call is still there");

    assertRefused(browser.request(CMD, op("record").put("callId", call.callId), new JsonObject().put("token", TOKEN)), 501);
    JsonObject done = browser.request(CMD, terminate, new JsonObject().put("token", TOKEN));
    assertEquals("rec", done.getString("type"), done.encode());
    call.awaitGone();
  }

  private static JsonObject op(String op) {
    return new JsonObject().put("op", op);
  }

  private static void assertRefused(JsonObject reply, int code) {
    assertEquals("err", reply.getString("type"), reply.encode());
    assertEquals(code, reply.getInteger("failureCode"), reply.encode());
  }
}
