package rtpmesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PortRangeTest {

  static Stream<Arguments> splits() {
    return Stream.of(
        Arguments.of(30000, 40000, 1, "30000-39999"),
        Arguments.of(30000, 31999, 2, "30000-30999 31000-31999"),
        Arguments.of(30000, 31999, 3, "30000-30667 30668-31333 31334-31999"),
        Arguments.of(30001, 30010, 2, "30002-30005 30006-30009"),
        Arguments.of(30000, 30001, 1, "30000-30001"),
        Arguments.of(30000, 30005, 3, "30000-30001 30002-30003 30004-30005"));
  }

  @ParameterizedTest
  @MethodSource
  void splits(int min, int max, int blocks, String expected) {
    List<PortRange> got = PortRange.split(min, max, blocks);
    StringBuilder sb = new StringBuilder();
    for (PortRange r : got) {
      sb.append(sb.length() == 0 ? "" : " ").append(r.min()).append('-').append(r.max());
      assertEquals(0, r.min() % 2, "even start");
      assertEquals(1, r.max() % 2, "whole pairs");
    }
    assertEquals(expected, sb.toString());
  }

  @ParameterizedTest
  @MethodSource("tooSmall")
  void tooSmall(int min, int max, int blocks) {
    assertThrows(IllegalArgumentException.class, () -> PortRange.split(min, max, blocks));
  }

  static Stream<Arguments> tooSmall() {
    return Stream.of(Arguments.of(30001, 30001, 1), Arguments.of(30000, 30003, 3),
        Arguments.of(30000, 30000, 1), Arguments.of(30000, 39999, 0));
  }
}
