package rtpmesh.media.relay;

import java.net.InetAddress;
import java.util.List;

/**
 * The {@code bundle} object of a leg's config (RFC 8843): the leg's one transport carries several
 * media sections of its party, each forwarded to its own peer leg. {@code midExtension} is the
 * party's extmap id of {@code urn:ietf:params:rtp-hdrext:sdes:mid} (0 = none). Immutable.
 */
public record BundleSettings(int midExtension, List<Stream> streams) {

  /**
   * One bundled media section: its mid, the leg its media goes to, its payload types, and, when the
   * party did not bundle itself (it declined our BUNDLE offer), its own address for this section
   * ({@code remote} null: the leg's destination).
   */
  public record Stream(String mid, int peer, List<Integer> payloadTypes, InetAddress remote, int remotePort) {
    public Stream {
      payloadTypes = List.copyOf(payloadTypes);
    }

    public Stream(String mid, int peer, List<Integer> payloadTypes) {
      this(mid, peer, payloadTypes, null, 0);
    }
  }

  public BundleSettings {
    streams = List.copyOf(streams);
    if (midExtension < 0 || midExtension > 255) {
      throw new IllegalArgumentException("midExtension " + midExtension + " not in 0..255");
    }
    if (streams.isEmpty()) {
      throw new IllegalArgumentException("no streams");
    }
  }
}
