package rtpmesh.control.ng.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static rtpmesh.control.ng.transport.RecordingHandler.ascii;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NgStreamFramerTest {
  private static final String PING = "c1 d7:command4:pinge";
  private static final String OFFER =
      "c2 d7:command5:offer3:sdp12:v=0\r\no=- 1 1e";

  private final NgStreamFramer framer = new NgStreamFramer(64);
  private final List<String> messages = new ArrayList<>();

  private void feed(String s) throws NgStreamFramer.FramingException {
    framer.feed(ascii(s), m -> messages.add(new String(m, StandardCharsets.ISO_8859_1)));
  }

  @Test
  void twoMessagesInOneChunk() throws Exception {
    feed(PING + OFFER);
    assertEquals(List.of(PING, OFFER), messages);
    assertEquals(0, framer.buffered());
  }

  @Test
  void oneMessageSplitAtEveryByte() throws Exception {
    for (char c : OFFER.toCharArray()) feed(String.valueOf(c));
    assertEquals(List.of(OFFER), messages);
  }

  @Test
  void spaceInsideTheDictDoesNotEndTheMessage() throws Exception {
    feed("c3 d7:command5:query7:call-id3:a b");
    assertEquals(List.of(), messages);
    feed("e" + PING);
    assertEquals(List.of("c3 d7:command5:query7:call-id3:a be", PING), messages);
  }

  @Test
  void garbageAfterCookieFailsButEarlierMessagesAreDelivered() {
    assertThrows(NgStreamFramer.FramingException.class, () -> feed(PING + "c4 {\"command\":\"ping\"}"));
    assertEquals(List.of(PING), messages);
  }

  @Test
  void tooMuchBufferedWithoutCompleteMessageFails() throws Exception {
    feed("cookie-without-space-");
    assertThrows(NgStreamFramer.FramingException.class, () -> feed("x".repeat(64)));
  }
}
