package rtpmesh.media.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DtlsFingerprintTest {
  // SHA-256("abc"), FIPS 180-2 Appendix B.1, written as RFC 8122 §5 wants it.
  private static final String ABC_SHA256 = "sha-256 BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:"
      + "B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD";
  private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

  @Test
  void rfc8122Section5UpperCaseColonHex() {
    assertEquals(ABC_SHA256, DtlsFingerprint.of("sha-256", ABC).toSdp());
  }

  @Test
  void parseRoundTripsAndMatches() {
    DtlsFingerprint fp = DtlsFingerprint.parse(ABC_SHA256);
    assertEquals(ABC_SHA256, fp.toSdp());
    assertTrue(fp.matches(ABC));
    assertFalse(fp.matches("abd".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void lowerCaseAndHashNameCaseAreAccepted() {
    DtlsFingerprint fp = DtlsFingerprint.parse("  SHA-256 " + ABC_SHA256.substring(8).toLowerCase() + " ");
    assertEquals(ABC_SHA256, fp.toSdp());
  }

  @Test
  void otherHashes() {
    // FIPS 180-2 Appendix A.1: SHA-1("abc") = A9993E36...
    assertTrue(DtlsFingerprint.of("sha-1", ABC).toSdp().startsWith("sha-1 A9:99:3E:36:"));
    assertEquals(48, DtlsFingerprint.of("sha-384", ABC).digest().length);
    assertEquals(64, DtlsFingerprint.of("sha-512", ABC).digest().length);
  }

  @ParameterizedTest(name = "malformed fingerprint \"{0}\"")
  @ValueSource(strings = {
    "",
    "sha-256",
    "md5 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF",
    "sha-256 BA:78:16",
    "sha-256 BA7816BF",
    "sha-256 ZZ:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD",
  })
  void malformedIsRejectedWithAReason(String value) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DtlsFingerprint.parse(value));
    assertFalse(e.getMessage().isEmpty());
  }
}
