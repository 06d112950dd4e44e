package rtpmesh.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

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
}
