package rtpmesh.media.relay;

/**
 * An SRTP stream of a leg rolled its ROC over (once per 65536 packets): {@code send} for a stream
 * we protect towards the party, else one the party sends; {@code ssrc} as the raw 32 bits.
 */
public record RocReport(String callId, int port, boolean send, int ssrc, int roc) implements LegReport {}
