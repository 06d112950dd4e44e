package rtpmesh.control.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** What {@code rtpengine-ctl} does: connect, send one line, read the reply until the server closes. */
final class CliClient {
  static final int TIMEOUT_MS = 5000;

  private CliClient() {}

  /** Sends {@code line} plus LF and answers everything the server wrote before closing. */
  static String send(int port, String line) {
    return sendRaw(port, (line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static String sendRaw(int port, byte[] bytes) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
      s.setSoTimeout(TIMEOUT_MS);
      s.getOutputStream().write(bytes);
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream reply = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) >= 0; ) reply.write(buf, 0, n);
      return reply.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("CLI command on port " + port + " failed", e);
    }
  }
}
