package rtpmesh.media.ice;

import java.net.InetSocketAddress;

/**
 * A STUN request the agent wants sent from its socket. A byte array rather than a pooled buffer:
 * checks are rare (one per Ta at most) and retransmitted byte for byte, and the caller copies it
 * into its own pooled buffer, so no ownership crosses this boundary.
 */
public record IceTransmission(InetSocketAddress to, byte[] packet) {}
