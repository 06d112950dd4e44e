package rtpmesh.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BencodeTest {

  @Test
  void encodesAndDecodesAnNgRequest() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "delete");
    m.put("delete-delay", 0);
    m.put("flags", List.of("a", "bc"));
    byte[] b = Bencode.encode(m);

    assertEquals("d7:command6:delete12:delete-delayi0e5:flagsl1:a2:bcee",
        new String(b, StandardCharsets.US_ASCII));
    assertEquals(Map.of("command", "delete", "delete-delay", 0L, "flags", List.of("a", "bc")),
        Bencode.decode(b, 0, b.length));
  }

  @Test
  void truncatedStringIsAnError() {
    byte[] b = "d3:sdp10:v=0e".getBytes(StandardCharsets.US_ASCII);
    assertThrows(IllegalArgumentException.class, () -> Bencode.decode(b, 0, b.length));
  }
}
