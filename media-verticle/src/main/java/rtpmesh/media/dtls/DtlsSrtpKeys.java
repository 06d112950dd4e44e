package rtpmesh.media.dtls;

import java.util.Arrays;

/**
 * SRTP master keys and salts exported from a finished DTLS handshake, from our point of view:
 * {@code local*} protects what we send, {@code remote*} unprotects what we receive.
 */
public record DtlsSrtpKeys(
    DtlsSrtpProfile profile, byte[] localKey, byte[] localSalt, byte[] remoteKey,
    byte[] remoteSalt) {

  /** Label for the TLS exporter (RFC 5705) defined by RFC 5764 §4.2. */
  public static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";

  /** Length of keying material to export for {@code profile}: two keys and two salts. */
  public static int materialLength(DtlsSrtpProfile profile) {
    return 2 * (profile.keyLength() + profile.saltLength());
  }

  /**
   * Cuts exported keying material into keys and salts. RFC 5764 §4.2: the material is
   * client_write_SRTP_master_key | server_write_SRTP_master_key | client_write_SRTP_master_salt |
   * server_write_SRTP_master_salt.
   */
  public static DtlsSrtpKeys fromKeyingMaterial(
      DtlsSrtpProfile profile, byte[] material, DtlsRole ourRole) {
    int k = profile.keyLength();
    int s = profile.saltLength();
    if (material.length != materialLength(profile)) {
      throw new IllegalArgumentException(
          "keying material is " + material.length + " bytes, expected " + materialLength(profile)
              + " for " + profile);
    }
    byte[] clientKey = Arrays.copyOfRange(material, 0, k);
    byte[] serverKey = Arrays.copyOfRange(material, k, 2 * k);
    byte[] clientSalt = Arrays.copyOfRange(material, 2 * k, 2 * k + s);
    byte[] serverSalt = Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s);
    return ourRole == DtlsRole.CLIENT
        ? new DtlsSrtpKeys(profile, clientKey, clientSalt, serverKey, serverSalt)
        : new DtlsSrtpKeys(profile, serverKey, serverSalt, clientKey, clientSalt);
  }

  /** The RFC 5764 profile name, e.g. {@code SRTP_AES128_CM_HMAC_SHA1_80}. */
  public String profileName() {
    return profile.name();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DtlsSrtpKeys other
        && profile == other.profile
        && Arrays.equals(localKey, other.localKey)
        && Arrays.equals(localSalt, other.localSalt)
        && Arrays.equals(remoteKey, other.remoteKey)
        && Arrays.equals(remoteSalt, other.remoteSalt);
  }

  @Override
  public int hashCode() {
    return profile.hashCode() * 31 + Arrays.hashCode(localKey);
  }

  /** Never prints key material. */
  @Override
  public String toString() {
    return "DtlsSrtpKeys[" + profile + "]";
  }
}
