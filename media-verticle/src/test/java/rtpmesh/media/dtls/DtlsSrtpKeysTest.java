package rtpmesh.media.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DtlsSrtpKeysTest {
  /** Material 0,1,2,... so every byte says where it came from. */
  private static byte[] counting(int n) {
    byte[] m = new byte[n];
    for (int i = 0; i < n; i++) {
      m[i] = (byte) i;
    }
    return m;
  }

  private static byte[] range(int from, int len) {
    return Arrays.copyOfRange(counting(from + len), from, from + len);
  }

  // RFC 5764 §4.2: client_key | server_key | client_salt | server_salt.
  @ParameterizedTest(name = "rfc5764 4.2 layout for {0}")
  @EnumSource(DtlsSrtpProfile.class)
  void rfc5764Section42KeyLayout(DtlsSrtpProfile p) {
    int k = p.keyLength();
    int s = p.saltLength();
    byte[] material = counting(DtlsSrtpKeys.materialLength(p));
    DtlsSrtpKeys client = DtlsSrtpKeys.fromKeyingMaterial(p, material, DtlsRole.CLIENT);
    DtlsSrtpKeys server = DtlsSrtpKeys.fromKeyingMaterial(p, material, DtlsRole.SERVER);

    assertArrayEquals(range(0, k), client.localKey());
    assertArrayEquals(range(k, k), client.remoteKey());
    assertArrayEquals(range(2 * k, s), client.localSalt());
    assertArrayEquals(range(2 * k + s, s), client.remoteSalt());

    assertArrayEquals(client.localKey(), server.remoteKey());
    assertArrayEquals(client.localSalt(), server.remoteSalt());
    assertArrayEquals(client.remoteKey(), server.localKey());
    assertArrayEquals(client.remoteSalt(), server.localSalt());
    assertEquals(p.name(), client.profileName());
  }

  @ParameterizedTest(name = "rfc7714 and rfc5764 lengths for {0}")
  @EnumSource(DtlsSrtpProfile.class)
  void lengths(DtlsSrtpProfile p) {
    int expected = switch (p) {
      case SRTP_AES128_CM_HMAC_SHA1_80, SRTP_AES128_CM_HMAC_SHA1_32 -> 60; // 2*(16+14)
      case SRTP_AEAD_AES_128_GCM -> 56; // 2*(16+12), RFC 7714 §12
      case SRTP_AEAD_AES_256_GCM -> 88; // 2*(32+12)
    };
    assertEquals(expected, DtlsSrtpKeys.materialLength(p));
    assertEquals(p, DtlsSrtpProfile.forCode(p.code()).orElseThrow());
  }

  @ParameterizedTest(name = "wrong material length for {0}")
  @EnumSource(DtlsSrtpProfile.class)
  void wrongLengthIsRejected(DtlsSrtpProfile p) {
    assertThrows(IllegalArgumentException.class,
        () -> DtlsSrtpKeys.fromKeyingMaterial(p, new byte[5], DtlsRole.CLIENT));
  }

  @ParameterizedTest(name = "toString hides keys ({0})")
  @EnumSource(DtlsSrtpProfile.class)
  void toStringHidesKeys(DtlsSrtpProfile p) {
    DtlsSrtpKeys keys = DtlsSrtpKeys.fromKeyingMaterial(
        p, counting(DtlsSrtpKeys.materialLength(p)), DtlsRole.CLIENT);
    assertEquals("DtlsSrtpKeys[" + p + "]", keys.toString());
  }
}
