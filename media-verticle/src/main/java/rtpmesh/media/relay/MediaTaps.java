package rtpmesh.media.relay;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The node-wide meeting point of media blocks and the recorder: the recorder registers its
 * {@link MediaTap.Source} under the node id, a block looks it up when the control plane turns a
 * call's tap on. Keyed by node id so that several nodes can share one JVM (tests).
 */
public final class MediaTaps {
  private static final ConcurrentHashMap<String, MediaTap.Source> SOURCES = new ConcurrentHashMap<>();

  private MediaTaps() {}

  public static void register(String nodeId, MediaTap.Source source) {
    SOURCES.put(nodeId, source);
  }

  public static void unregister(String nodeId, MediaTap.Source source) {
    SOURCES.remove(nodeId, source);
  }

  /** The node's source, or null when no recorder runs on it. */
  public static MediaTap.Source source(String nodeId) {
    return SOURCES.get(nodeId);
  }
}
