package rtpmesh.control.call;

import java.util.Set;

/** The SRTP suites the media plane can translate (the ones it has a cipher for). */
final class MediaSrtp {
  private MediaSrtp() {}

  private static final Set<String> SUPPORTED = Set.of(
      "AEAD_AES_256_GCM", "AEAD_AES_128_GCM",
      "AES_256_CM_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_32",
      "AES_192_CM_HMAC_SHA1_80", "AES_192_CM_HMAC_SHA1_32",
      "AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32",
      "NULL_HMAC_SHA1_80", "NULL_HMAC_SHA1_32");

  static boolean supported(String suite) {
    return suite != null && SUPPORTED.contains(suite.toUpperCase(java.util.Locale.ROOT));
  }
}
