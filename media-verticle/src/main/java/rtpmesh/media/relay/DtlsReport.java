package rtpmesh.media.relay;

/**
 * A leg's DTLS-SRTP handshake completed: the keys it exported, as SDES would carry them
 * ({@code sendKey} = what we protect with), so the control plane can keep them with the call.
 */
public record DtlsReport(String callId, int port, SrtpKeys keys) {}
