package rtpmesh.media.relay;

/**
 * A leg's DTLS-SRTP handshake completed: the keys it exported, as SDES would carry them
 * ({@code sendKey} = what we protect with), so the control plane can keep them with the call, and
 * where the party was (the ICE-validated address, or the learned one; null if none), so that a
 * node taking the call over can send there at once instead of waiting for the party's next check.
 */
public record DtlsReport(String callId, int port, SrtpKeys keys, java.net.InetSocketAddress party)
    implements LegReport {}
