package rtpmesh.media.dtls;

import java.time.Duration;
import java.util.List;

/**
 * What one stream's DTLS needs from negotiation: our role, the peer's fingerprints from its SDP
 * (any may match, RFC 8122 §5 allows several), the SRTP profiles in our order of preference, and
 * how long a handshake may take.
 */
public record DtlsParams(
    DtlsRole role,
    List<DtlsFingerprint> remoteFingerprints,
    List<DtlsSrtpProfile> profiles,
    Duration handshakeTimeout) {

  /** Offer order of the profiles; as server we pick the first of these the client offers. */
  public static final List<DtlsSrtpProfile> DEFAULT_PROFILES = List.of(
      DtlsSrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80,
      DtlsSrtpProfile.SRTP_AES128_CM_HMAC_SHA1_32,
      DtlsSrtpProfile.SRTP_AEAD_AES_128_GCM,
      DtlsSrtpProfile.SRTP_AEAD_AES_256_GCM);

  /** rtpengine gives up after about 10 s of retransmissions; browsers wait longer. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(15);

  public DtlsParams {
    remoteFingerprints = List.copyOf(remoteFingerprints);
    profiles = List.copyOf(profiles);
    if (profiles.isEmpty()) {
      throw new IllegalArgumentException("no SRTP profiles, expected at least one");
    }
    if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
      throw new IllegalArgumentException("handshake timeout " + handshakeTimeout + ", expected > 0");
    }
  }

  public static DtlsParams of(DtlsRole role, List<DtlsFingerprint> remoteFingerprints) {
    return new DtlsParams(role, remoteFingerprints, DEFAULT_PROFILES, DEFAULT_HANDSHAKE_TIMEOUT);
  }

  public DtlsParams withProfiles(List<DtlsSrtpProfile> profiles) {
    return new DtlsParams(role, remoteFingerprints, profiles, handshakeTimeout);
  }

  public DtlsParams withHandshakeTimeout(Duration timeout) {
    return new DtlsParams(role, remoteFingerprints, profiles, timeout);
  }
}
