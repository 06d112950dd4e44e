package rtpmesh.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HmacSha1Test {
  // RFC 2202, Section 3 (HMAC-SHA-1 test cases 1, 2 and 6), twice each to check the reset.
  @ParameterizedTest
  @CsvSource({
    "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 'Hi There', b617318655057264e28bc0b6fb378c8ef146be00",
    "4a656665, 'what do ya want for nothing?', effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
    "'" + "aa" + "', 'Test Using Larger Than Block-Size Key - Hash Key First', "
        + "aa4ae5e15272d00e95705637ce8a3b55ed402112",
  })
  void rfc2202_section3(String key, String data, String mac) {
    byte[] k = key.equals("aa") ? Hex.bytes("aa".repeat(80)) : Hex.bytes(key);
    HmacSha1 h = new HmacSha1(k);
    byte[] d = data.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[HmacSha1.LENGTH];
    for (int i = 0; i < 2; i++) {
      h.update(d, 0, 3);
      h.update(d, 3, d.length - 3);
      h.doFinal(out, 0);
      assertEquals(mac, Hex.of(out));
    }
  }
}
