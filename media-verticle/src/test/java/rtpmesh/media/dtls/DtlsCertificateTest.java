package rtpmesh.media.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DtlsCertificateTest {
  private static final DtlsCertificate CERT = DtlsCertificate.generate("rtpmesh");

  @Test
  void isSelfSignedEcdsaP256() throws Exception {
    X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(CERT.der()));
    x509.verify(x509.getPublicKey()); // self-signed
    x509.checkValidity();
    assertEquals("SHA256withECDSA", x509.getSigAlgName());
    assertEquals(256, ((ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField()
        .getFieldSize());
    assertEquals("CN=rtpmesh", x509.getSubjectX500Principal().getName());
  }

  @Test
  void rfc8122Section5Sha256FingerprintOfTheDer() throws Exception {
    String sdp = CERT.sdpFingerprint();
    assertTrue(sdp.matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}"), sdp);
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(CERT.der());
    assertEquals("sha-256 " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(expected), sdp);
  }

  @Test
  void otherHashFunctionsOnRequest() {
    assertTrue(CERT.fingerprint("sha-1").toSdp().matches("sha-1 ([0-9A-F]{2}:){19}[0-9A-F]{2}"));
    assertTrue(CERT.fingerprint("sha-384").toSdp().matches("sha-384 ([0-9A-F]{2}:){47}[0-9A-F]{2}"));
    assertTrue(CERT.fingerprint("sha-512").toSdp().matches("sha-512 ([0-9A-F]{2}:){63}[0-9A-F]{2}"));
    assertTrue(CERT.fingerprint("sha-512").matches(CERT.der()));
  }

  @Test
  void eachGenerationIsANewIdentity() {
    assertNotEquals(CERT.sdpFingerprint(), DtlsCertificate.generate("rtpmesh").sdpFingerprint());
  }
}
