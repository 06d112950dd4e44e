package rtpmesh.media;

import io.vertx.core.transport.Transport;

/** The socket transport a media block asks for ({@code transport} in its deployment config). */
public enum MediaTransport {
  /** Whatever Vert.x's event loops run: epoll with {@code preferNativeTransport}, else NIO. */
  AUTO("auto", null),
  EPOLL("epoll", Transport.EPOLL),
  /** Fewer syscalls per packet, but much more heap per socket (see ARCHITECTURE.md). */
  IO_URING("io_uring", Transport.IO_URING),
  NIO("nio", Transport.NIO);

  private final String configName;
  private final Transport vertxTransport;

  MediaTransport(String configName, Transport vertxTransport) {
    this.configName = configName;
    this.vertxTransport = vertxTransport;
  }

  public String configName() {
    return configName;
  }

  /** The Vert.x transport this names; null for {@link #AUTO}. */
  public Transport vertxTransport() {
    return vertxTransport;
  }

  public static MediaTransport fromConfig(String name) {
    for (MediaTransport t : values()) {
      if (t.configName.equalsIgnoreCase(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("transport '" + name + "', expected auto, epoll, io_uring or nio");
  }
}
