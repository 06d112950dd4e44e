package rtpmesh.media.srtp;

/**
 * Session keys of one packet kind (SRTP or SRTCP) derived from a master key (RFC 3711 §4.3).
 * Lengths follow the suite; {@code authKey} is empty for AEAD and {@code encryptionKey} and
 * {@code salt} are empty for the NULL cipher.
 */
public record SessionKeys(byte[] encryptionKey, byte[] authKey, byte[] salt) {}
