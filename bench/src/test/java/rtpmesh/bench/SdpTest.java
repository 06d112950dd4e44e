package rtpmesh.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import rtpmesh.media.srtp.CryptoAttribute;

class SdpTest {

  @Test
  void mediaLevelConnectionWinsOverSessionLevel() {
    String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio 30002 RTP/AVP 0\r\nc=IN IP4 127.0.0.2\r\na=rtcp:30003\r\n";
    assertEquals(new InetSocketAddress("127.0.0.2", 30002), Sdp.mediaAddress(sdp));
  }

  @Test
  void phoneSdpPointsAtItsPort() {
    assertEquals(new InetSocketAddress("127.0.0.1", 42000),
        Sdp.mediaAddress(Sdp.phone("127.0.0.1", 42000, 7)));
  }

  @Test
  void srtpPhoneOffersSavpWithItsKeyAndReadsTheRelaysKeyBack() {
    PhoneSide caller = new PhoneSide(0, 0, 42000);
    caller.srtp(new SecureRandom());
    String offer = Sdp.phone("127.0.0.1", 42000, 7, caller.crypto);
    assertEquals("RTP/SAVP", Sdp.profile(offer));

    CryptoAttribute back = Sdp.answeredCrypto(offer, caller.crypto);

    assertArrayEquals(caller.crypto.keys().get(0).masterKey(), back.keys().get(0).masterKey());
    assertThrows(IllegalArgumentException.class,
        () -> Sdp.answeredCrypto(Sdp.phone("127.0.0.1", 42000, 7), caller.crypto));
  }
}
