package rtpmesh.control.node;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's chromium, headless, driven over the Chrome DevTools Protocol on a WebSocket: navigate,
 * evaluate JavaScript, click with real mouse events, take screenshots. One page per browser.
 */
final class Chromium implements AutoCloseable {
  private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final Path profile;
  private final WebSocket page;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

  /** The chromium binary: {@code $CHROMIUM}, else Debian's {@code /usr/bin/chromium}; null if none. */
  static Path binary() {
    String env = System.getenv("CHROMIUM");
    for (String p : new String[] {env, "/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
      if (p != null && Files.isExecutable(Path.of(p))) return Path.of(p);
    }
    return null;
  }

  Chromium(Path binary, int width, int height) throws IOException, InterruptedException {
    profile = Files.createTempDirectory("rtpmesh-chromium");
    process = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
        "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
        "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank")
        .redirectErrorStream(true).start();
    String browserWs = devToolsUrl();
    int port = URI.create(browserWs).getPort();
    HttpClient http = HttpClient.newHttpClient();
    String pageWs = null;
    for (int i = 0; i < 50 && pageWs == null; i++) {
      String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      for (Object o : new JsonArray(list)) {
        JsonObject t = (JsonObject) o;
        if ("page".equals(t.getString("type"))) pageWs = t.getString("webSocketDebuggerUrl");
      }
      if (pageWs == null) Thread.sleep(100);
    }
    if (pageWs == null) throw new IOException("chromium shows no page target");
    page = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), new Listener()).join();
  }

  /** Reads chromium's output until it names its DevTools endpoint (within 30 s). */
  private String devToolsUrl() throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null) {
          Matcher m = DEVTOOLS.matcher(line);
          if (m.find()) url.complete(m.group(1));
          else if (!url.isDone()) seen.append(line).append('\n');
        }
        url.completeExceptionally(new IOException("chromium exited:\n" + seen));
      } catch (IOException e) {
        url.completeExceptionally(e);
      }
    }, "chromium-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return url.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("chromium did not start: " + e.getMessage(), e);
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        JsonObject m = new JsonObject(text.toString());
        text.setLength(0);
        CompletableFuture<JsonObject> f = m.containsKey("id") ? pending.remove(m.getInteger("id")) : null;
        if (f != null) f.complete(m);
      }
      ws.request(1);
      return null;
    }
  }

  /** One DevTools command; returns its {@code result}, fails on an {@code error}. */
  JsonObject send(String method, JsonObject params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonObject> reply = new CompletableFuture<>();
    pending.put(id, reply);
    page.sendText(new JsonObject().put("id", id).put("method", method).put("params", params).encode(), true).join();
    JsonObject r;
    try {
      r = reply.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no DevTools reply to " + method, e);
    }
    if (r.containsKey("error")) throw new AssertionError(method + " failed: " + r.getJsonObject("error"));
    return r.getJsonObject("result", new JsonObject());
  }

  void navigate(String url) {
    send("Page.enable", new JsonObject());
    send("Page.navigate", new JsonObject().put("url", url));
  }

  /** Evaluates {@code js} in the page and returns its value (JSON-able values only). */
  Object eval(String js) {
    JsonObject r = send("Runtime.evaluate", new JsonObject().put("expression", js).put("returnByValue", true)
        .put("awaitPromise", true));
    if (r.containsKey("exceptionDetails")) throw new AssertionError("page script failed: " + r.getJsonObject("exceptionDetails"));
    return r.getJsonObject("result").getValue("value");
  }

  /** Waits up to {@code ms} until {@code js} is true in the page. */
  boolean waitFor(String js, long ms) throws InterruptedException {
    long deadline = System.currentTimeMillis() + ms;
    while (System.currentTimeMillis() < deadline) {
      if (Boolean.TRUE.equals(eval(js))) return true;
      Thread.sleep(100);
    }
    return false;
  }

  /** A real left click (mouse down and up) in the middle of the element {@code selector} names. */
  void click(String selector) {
    Object found = eval("(() => { const e = document.querySelector(" + jsString(selector) + "); if (!e) return null;"
        + " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
        + " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
    if (!(found instanceof JsonObject box)) throw new AssertionError("nothing on the page matches " + selector);
    for (String type : new String[] {"mousePressed", "mouseReleased"}) {
      send("Input.dispatchMouseEvent", new JsonObject().put("type", type).put("x", box.getDouble("x"))
          .put("y", box.getDouble("y")).put("button", "left").put("clickCount", 1));
    }
  }

  /** Types {@code text} into the focused element, as keystrokes. */
  void type(String text) {
    send("Input.insertText", new JsonObject().put("text", text));
  }

  byte[] screenshot() {
    return Base64.getDecoder().decode(send("Page.captureScreenshot", new JsonObject().put("format", "png")).getString("data"));
  }

  static String jsString(String s) {
    return new JsonArray().add(s).encode().replaceAll("^\\[|\\]$", "");
  }

  @Override
  public void close() throws IOException {
    page.abort();
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteTree(profile);
  }

  /**
   * Chromium's helper processes may still write into the profile as the main one exits, and a file
   * that vanishes under the walk fails it (NoSuchFileException seen in CI): walk again, a few times.
   */
  private static void deleteTree(Path dir) {
    for (int attempt = 0; attempt < 5 && Files.exists(dir); attempt++) {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // something changed under the walk: the next attempt sees the new state
      }
    }
  }
}
