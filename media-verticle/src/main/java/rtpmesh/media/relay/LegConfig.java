package rtpmesh.media.relay;

import java.net.InetAddress;
import rtpmesh.media.transcode.CodecSpec;

/**
 * Forwarding config of one leg, as the control plane negotiated it (see {@code MediaApi}
 * {@code configure}). Immutable; {@code remote} is null and ports are 0 while unknown; {@code srtp},
 * {@code ice}, {@code dtls} and {@code codec} (what the party speaks on a transcoded stream) are null
 * when not negotiated ({@code srtp} is ignored with {@code dtls}: the handshake makes the keys);
 * {@code bundle} is null unless the party bundles several media sections on this leg (RFC 8843).
 * {@code forks} are the ports of legs whose parties get a copy of what this leg's party sends
 * (media forks: ng {@code subscribe request}); empty when there are none.
 */
public record LegConfig(
    int port,
    int peer,
    InetAddress remote,
    int remotePort,
    int remoteRtcpPort,
    boolean mux,
    boolean send,
    boolean recv,
    boolean strict,
    boolean latch,
    SrtpKeys srtp,
    IceSettings ice,
    DtlsSettings dtls,
    BundleSettings bundle,
    CodecSpec codec,
    java.util.List<Integer> forks) {

  public LegConfig {
    forks = forks == null ? java.util.List.of() : java.util.List.copyOf(forks);
  }

  public LegConfig(int port, int peer, InetAddress remote, int remotePort, int remoteRtcpPort, boolean mux,
      boolean send, boolean recv, boolean strict, boolean latch, SrtpKeys srtp, IceSettings ice, DtlsSettings dtls,
      BundleSettings bundle, CodecSpec codec) {
    this(port, peer, remote, remotePort, remoteRtcpPort, mux, send, recv, strict, latch, srtp, ice, dtls, bundle, codec, null);
  }

  public LegConfig(int port, int peer, InetAddress remote, int remotePort, int remoteRtcpPort, boolean mux,
      boolean send, boolean recv, boolean strict, boolean latch, SrtpKeys srtp, IceSettings ice, DtlsSettings dtls) {
    this(port, peer, remote, remotePort, remoteRtcpPort, mux, send, recv, strict, latch, srtp, ice, dtls, null, null);
  }

  public LegConfig(int port, int peer, InetAddress remote, int remotePort, int remoteRtcpPort, boolean mux,
      boolean send, boolean recv, boolean strict, boolean latch, SrtpKeys srtp) {
    this(port, peer, remote, remotePort, remoteRtcpPort, mux, send, recv, strict, latch, srtp, null, null);
  }

  public LegConfig(int port, int peer, InetAddress remote, int remotePort, int remoteRtcpPort, boolean mux,
      boolean send, boolean recv, boolean strict, boolean latch) {
    this(port, peer, remote, remotePort, remoteRtcpPort, mux, send, recv, strict, latch, null);
  }

  /** A freshly allocated leg: no peer, no remote, sends and receives. */
  public static LegConfig initial(int port) {
    return new LegConfig(port, 0, null, 0, 0, false, true, true, false, false, null, null, null, null, null);
  }

  /** True when the party's SDP address differs, which invalidates what was learned from packets. */
  boolean remoteDiffers(LegConfig other) {
    return !java.util.Objects.equals(remote, other.remote)
        || remotePort != other.remotePort
        || remoteRtcpPort != other.remoteRtcpPort;
  }
}
