package rtpmesh.media.relay;

/**
 * An SRTP stream's rollover counter advanced (once per 65536 packets): {@code outbound} is what we
 * protect towards the leg's party, else what it sends us; {@code ssrc} unsigned in a long.
 */
public record RocReport(String callId, int port, boolean outbound, long ssrc, int roc) {}
