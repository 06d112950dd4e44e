package rtpmesh.media.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class IceCredentialsTest {
  @Test
  void rfc8839_5_4_generatedLikeRtpengine() {
    SecureRandom random = new SecureRandom();
    IceCredentials a = IceCredentials.generate(random);
    IceCredentials b = IceCredentials.generate(random);
    assertEquals(8, a.ufrag().length());
    assertEquals(26, a.pwd().length());
    assertTrue(IceCredentials.isStrict(a.ufrag(), 4));
    assertTrue(IceCredentials.isStrict(a.pwd(), 22));
    assertNotEquals(a, b);
    assertFalse(a.toString().contains(a.pwd()), "the password stays out of logs");
  }

  @Test
  void remoteCredentialsAreTakenAsOfferedUnlessUnusable() {
    new IceCredentials("ab", "short"); // some endpoints do this; interop wins
    assertFalse(IceCredentials.isStrict("short", 22));
    assertThrows(IllegalArgumentException.class, () -> new IceCredentials("a:b", "0123456789012345678901"));
    assertThrows(IllegalArgumentException.class, () -> new IceCredentials("ab", ""));
  }
}
