package rtpmesh.control.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import rtpmesh.control.ng.transport.ListenAddress;

/**
 * rtpengine's CLI port ({@code --listen-cli}), as {@code rtpengine-ctl} speaks to it: the client
 * connects over TCP and sends one command line ending in LF; the server writes the reply text and
 * closes the connection, which is how the client knows the reply is complete. There is no
 * authentication, as in rtpengine: listen on a loopback address.
 *
 * <p>A line longer than {@link #MAX_INPUT} bytes closes the connection without a reply, as in
 * rtpengine. Start it on the control verticle's context: connections are then served on its event
 * loop, where {@link CliCommands} must run.
 */
public final class CliServer {
  /** rtpengine's {@code MAXINPUT} in {@code cli_stream_readable}. */
  static final int MAX_INPUT = 1024;

  private static final Logger LOG = Logger.getLogger(CliServer.class.getName());

  private final NetServer server;

  private CliServer(NetServer server) {
    this.server = server;
  }

  public static Future<CliServer> start(Vertx vertx, ListenAddress at, CliCommands commands) {
    NetServer server = vertx.createNetServer();
    server.connectHandler(socket -> serve(socket, commands));
    return server.listen(at.toSocketAddress()).map(CliServer::new);
  }

  private static void serve(NetSocket socket, CliCommands commands) {
    Buffer pending = Buffer.buffer();
    socket.handler(data -> {
      pending.appendBuffer(data);
      int lf = indexOfLf(pending);
      if (lf < 0) {
        if (pending.length() > MAX_INPUT) {
          LOG.info("Buffer length exceeded in CLI connection from " + socket.remoteAddress());
          socket.handler(null);
          socket.close();
        }
        return;
      }
      socket.handler(null); // one command per connection
      String line = pending.getString(0, lf, StandardCharsets.UTF_8.name());
      if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
      LOG.info("Got CLI command: " + line);
      commands.handle(line)
          .recover(err -> Future.succeededFuture("Internal error: " + err.getMessage() + "\n"))
          .onComplete(reply -> socket.end(Buffer.buffer(reply.result(), StandardCharsets.UTF_8.name())));
    });
  }

  private static int indexOfLf(Buffer b) {
    for (int i = 0; i < b.length(); i++) {
      if (b.getByte(i) == '\n') return i;
    }
    return -1;
  }

  public int actualPort() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server.close();
  }
}
