package rtpmesh.media.relay;

import java.net.InetSocketAddress;
import java.util.List;
import rtpmesh.media.ice.IceCredentials;

/**
 * The {@code ice} object of a leg's config: our credentials towards the party, the party's, who
 * nominates, and the party's RTP candidates we check when we do (component 1 only). Immutable.
 */
public record IceSettings(
    IceCredentials local,
    IceCredentials remote,
    boolean controlling,
    boolean remoteLite,
    List<InetSocketAddress> remoteCandidates) {

  public IceSettings {
    remoteCandidates = List.copyOf(remoteCandidates);
  }

  /**
   * True when {@code other} continues the same ICE session (same credentials and roles), so the
   * agent and its selected pair are kept; new credentials are an ICE restart (RFC 8445 §9).
   */
  boolean sameSession(IceSettings other) {
    return other != null
        && local.equals(other.local)
        && remote.equals(other.remote)
        && controlling == other.controlling
        && remoteLite == other.remoteLite;
  }
}
