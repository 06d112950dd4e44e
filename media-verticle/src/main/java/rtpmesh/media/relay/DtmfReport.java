package rtpmesh.media.relay;

/**
 * A DTMF digit the party of the leg at {@code port} sent, once it ended: as RFC 4733 events or, when
 * detected, as in-band tones.
 */
public record DtmfReport(String callId, int port, char digit, int durationMs, int volume, boolean inband) {}
