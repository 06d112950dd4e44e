package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin console in a real browser (Debian's chromium, headless, over the DevTools protocol):
 * it lists a call placed over ng with RTP flowing, its terminate button is disabled until the
 * admin token is given, and a click on it ends the call. Skipped when chromium is not installed
 * ({@code deploy/interop/console-chromium.sh} installs it and runs this test in CI). With
 * {@code -Dconsole.screenshot=FILE} it also saves what the page looked like with the live call.
 */
class ConsoleBrowserTest {
  static final String TOKEN = "browser-test-token";

  private TestNode node;
  private Phone a;
  private Phone b;
  private Chromium browser;
  private final AtomicBoolean talking = new AtomicBoolean(true);
  private Thread media;

  @BeforeEach
  void start() throws Exception {
    Path chromium = Chromium.binary();
    Assumptions.assumeTrue(chromium != null,
        "SKIP console-chromium: no chromium (apt-get install chromium, or set CHROMIUM); deploy/interop/console-chromium.sh installs it");
    node = TestNode.startWithHttp(TOKEN);
    a = Phone.open();
    b = Phone.open();
    browser = new Chromium(chromium, 1280, 1000);
  }

  @AfterEach
  void stop() throws Exception {
    talking.set(false);
    if (media != null) media.join(2000);
    if (browser != null) browser.close();
    if (a != null) a.close();
    if (b != null) b.close();
    if (node != null) node.close();
  }

  @Test
  void showsTheCallAndTerminatesItWithTheToken() throws Exception {
    TwoPartyCall call = TwoPartyCall.establish(node.ng(), a, b);
    call.assertRtpBothWays(2);
    talk(call);
    String row = "tr[data-call-id=" + Chromium.jsString(call.callId) + "]";

    browser.navigate("http://127.0.0.1:" + node.httpPort() + "/admin/");
    assertTrue(browser.waitFor("!!document.querySelector(" + Chromium.jsString(row) + ")", 15_000),
        "the console lists the call: " + browser.eval("document.body.innerText"));
    assertTrue(browser.waitFor("document.querySelector('#nodes tbody tr') !== null"
        + " && Number(document.querySelector('#nodes tbody tr td:nth-child(5)').textContent.replace(/,/g, '')) > 0", 15_000),
        "the node table shows packets/s: " + browser.eval("document.querySelector('#nodes').innerText"));
    assertEquals(Boolean.TRUE, browser.eval("document.querySelector(" + Chromium.jsString(row + " button.terminate") + ").disabled"),
        "no token, no terminate");

    browser.click("#token");
    browser.type(TOKEN);
    browser.click("#tokenForm button");
    assertTrue(browser.waitFor("document.querySelector('#access').textContent === 'admin'", 10_000), "the token unlocks");
    assertTrue(browser.waitFor("!document.querySelector(" + Chromium.jsString(row + " button.terminate") + ").disabled", 10_000));
    browser.click(row + " a.show");
    assertTrue(browser.waitFor("document.querySelector('#detail').innerText.includes('PCMU/8000')", 10_000),
        "call details show the codecs: " + browser.eval("document.querySelector('#detail').innerText"));
    String shot = System.getProperty("console.screenshot");
    if (shot != null && !shot.isBlank()) {
      Thread.sleep(3000); // a few more points on the chart
      Files.write(Path.of(shot), browser.screenshot());
    }

    browser.click(row + " button.terminate");
    call.awaitGone();
    assertFalse(listed(call.callId), "the call is gone from list");
    assertTrue(browser.waitFor("!document.querySelector(" + Chromium.jsString(row) + ")", 10_000),
        "the console no longer lists the call");
    assertTrue(String.valueOf(browser.eval("document.querySelector('#message').textContent")).contains("terminated"));
  }

  /** Both phones send RTP at 50 packets/s until the test ends, so the console has something to show. */
  private void talk(TwoPartyCall call) {
    media = new Thread(() -> {
      int seq = 1000;
      while (talking.get()) {
        seq++;
        a.sendRtp(call.portA, Packets.rtp(0, seq, 0x1111));
        b.sendRtp(call.portB, Packets.rtp(0, seq, 0x2222));
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "phones");
    media.setDaemon(true);
    media.start();
  }

  @SuppressWarnings("unchecked")
  private boolean listed(String callId) {
    Map<String, Object> r = node.ng().ok("command", "list");
    return ((List<Object>) r.get("calls")).contains(callId);
  }
}
