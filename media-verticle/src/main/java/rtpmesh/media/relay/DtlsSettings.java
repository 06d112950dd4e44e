package rtpmesh.media.relay;

import rtpmesh.media.dtls.DtlsFingerprint;
import rtpmesh.media.dtls.DtlsRole;

/**
 * The {@code dtls} object of a leg's config: our DTLS role towards the party and the fingerprint
 * its certificate must have (its SDP {@code a=fingerprint}). Immutable; equal settings keep a
 * running association when a leg is reconfigured.
 */
public record DtlsSettings(DtlsRole role, DtlsFingerprint remoteFingerprint) {}
