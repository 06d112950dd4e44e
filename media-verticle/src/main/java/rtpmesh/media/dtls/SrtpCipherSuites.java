package rtpmesh.media.dtls;

import org.bouncycastle.tls.CipherSuite;

/**
 * DTLS 1.2 cipher suites we negotiate: the ECDHE AEAD and CBC suites Chrome, Firefox and Safari
 * offer. ECDSA first because our certificate is ECDSA (so as server only those are selectable);
 * the RSA ones let our client talk to RSA servers such as rtpengine.
 */
final class SrtpCipherSuites {
  static final int[] SUITES = {
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
  };

  private SrtpCipherSuites() {}
}
