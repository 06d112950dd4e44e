package rtpmesh.control.ng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BencodeTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void decodesAnNgOffer() throws Exception {
    Object v = Bencode.decode(b("d7:command5:offer7:call-id3:abc5:flagsl13:trust-addresse4:porti-5ee"));
    Map<?, ?> m = (Map<?, ?>) v;
    assertEquals("offer", m.get("command"));
    assertEquals("abc", m.get("call-id"));
    assertEquals(List.of("trust-address"), m.get("flags"));
    assertEquals(-5L, m.get("port"));
  }

  @Test
  void roundTripsEveryByteValue() throws Exception {
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) all[i] = (byte) i;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sdp", new String(all, StandardCharsets.ISO_8859_1));
    byte[] enc = Bencode.encode(m);
    Map<?, ?> back = (Map<?, ?>) Bencode.decode(enc);
    assertArrayEquals(all, ((String) back.get("sdp")).getBytes(StandardCharsets.ISO_8859_1));
    assertArrayEquals(enc, Bencode.encode(back));
  }

  @Test
  void utf8SdpPassesUnchanged() throws Exception {
    byte[] utf8 = "s=Café ☎".getBytes(StandardCharsets.UTF_8);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sdp", new String(utf8, StandardCharsets.ISO_8859_1));
    Map<?, ?> back = (Map<?, ?>) Bencode.decode(Bencode.encode(m));
    assertArrayEquals(utf8, ((String) back.get("sdp")).getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void topLevelDictionaryMayLackItsEndAsInRtpengine() throws Exception {
    Map<?, ?> m = (Map<?, ?>) Bencode.decode(b("d7:command4:ping"));
    assertEquals("ping", m.get("command"));
  }

  @Test
  void trailingBytesAfterTheDictionaryAreIgnored() throws Exception {
    Map<?, ?> m = (Map<?, ?>) Bencode.decode(b("d7:command4:pingegarbage"));
    assertEquals("ping", m.get("command"));
  }

  @ParameterizedTest(name = "{0} -> truncated={1}")
  @CsvSource({
      "'d7:command5:pi', true",
      "'d7:command', true",
      "'li1ei2e', true",
      "'i12', true",
      "'x', false",
      "'d3:fooi1x', false",
      "'di1e3:fooe', false",
      "'5:ab', true",
  })
  void rejectsMalformedInput(String input, boolean truncated) {
    Bencode.DecodeException e = assertThrows(Bencode.DecodeException.class, () -> Bencode.decode(b(input)));
    assertEquals(truncated, e.truncated, e.getMessage());
  }

  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    String deep = "l".repeat(100_000) + "e".repeat(100_000);
    assertThrows(Bencode.DecodeException.class, () -> Bencode.decode(b(deep)));
  }

  @Test
  void hugeStringLengthIsAnErrorNotAnAllocation() {
    assertThrows(Bencode.DecodeException.class, () -> Bencode.decode(b("d3:sdp99999999999:xe")));
  }

  @Test
  void endFindsTheBoundaryOfOneValueForStreamFraming() throws Exception {
    byte[] two = b("d7:command4:pinged7:command4:pinge");
    int first = Bencode.end(two, 0, two.length);
    assertEquals(17, first);
    assertEquals(two.length, Bencode.end(two, first, two.length));
    assertEquals(-1, Bencode.end(two, 0, 10));
  }

  @Test
  void encodesIntegersListsAndNestedDictsInInsertionOrder() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", 1L);
    inner.put("a", List.of("x", 2L));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("result", "ok");
    m.put("d", inner);
    assertEquals("d6:result2:ok1:dd1:zi1e1:al1:xi2eeee", new String(Bencode.encode(m), StandardCharsets.ISO_8859_1));
  }

  @Test
  void ngWireAnswersJsonWithJson() {
    NgMessage m = NgWire.decode(b("{\"command\":\"ping\"}"));
    assertTrue(m.json());
    assertEquals("ping", m.str("command"));
    assertEquals("{\"result\":\"error\",\"error-reason\":\"x\"}", new String(NgWire.error("x", true), StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "'', Invalid data (no payload)",
      "'this is not bencode', Invalid NG data format",
      "'li1ee', Invalid NG data format",
      "'d7:command5:pi', Could not decode bencode dictionary",
      "'{not json', Invalid NG data format",
  })
  void ngWireNamesEachDecodeErrorLikeRtpengine(String payload, String reason) {
    NgException e = assertThrows(NgException.class, () -> NgWire.decode(b(payload)));
    assertEquals(reason, e.getMessage());
  }
}
