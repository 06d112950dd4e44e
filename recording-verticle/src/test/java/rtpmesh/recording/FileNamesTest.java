package rtpmesh.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FileNamesTest {
  @Test
  void patternExpandsAndCannotLeaveTheDirectory() {
    assertEquals("abc@host-node1-20231114221320-_", // % is not kept in a name
        FileNames.expand("%c-%n-%t-%%", "abc@host", "node1", 1_700_000_000_000L));
    assertTrue(FileNames.expand("%c-%r", "x", "n", 0).matches("x-[0-9a-f]{16}"));
    assertEquals("_.._etc_passwd", FileNames.expand("%c", "../etc/passwd", "n", 0));
    assertEquals("_", FileNames.safe(""));
  }
}
