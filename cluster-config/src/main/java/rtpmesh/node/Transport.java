package rtpmesh.node;

/** Socket transport of the node's Vert.x instance ({@code --transport}). */
public enum Transport {
  /** Native transport when available (epoll on Linux), else NIO. */
  AUTO("auto"),
  EPOLL("epoll"),
  IO_URING("io_uring"),
  NIO("nio");

  private final String wireName;

  Transport(String wireName) {
    this.wireName = wireName;
  }

  /** The option value and the {@code transport} field passed to the media verticles. */
  public String wireName() {
    return wireName;
  }

  /** Parses an option value; null when unknown. Accepts {@code io-uring} for {@code io_uring}. */
  public static Transport parse(String s) {
    for (Transport t : values()) {
      if (t.wireName.equals(s) || t.wireName.replace('_', '-').equals(s)) {
        return t;
      }
    }
    return null;
  }
}
