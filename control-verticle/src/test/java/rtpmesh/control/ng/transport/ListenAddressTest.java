package rtpmesh.control.ng.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ListenAddressTest {
  @ParameterizedTest
  @CsvSource({
      "127.0.0.1:2223, 127.0.0.1, 2223",
      "localhost:2225, localhost, 2225",
      "[::1]:2223, ::1, 2223",
      "::1:2223, ::1, 2223", // rtpengine takes the port after the last colon
      "2223, 0.0.0.0, 2223", // bare port: all IPv4 interfaces, like rtpengine's endpoint_parse_any
      "' 127.0.0.1:0 ', 127.0.0.1, 0",
  })
  void parses(String spec, String host, int port) {
    assertEquals(new ListenAddress(host, port), ListenAddress.parse(spec));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "127.0.0.1", "127.0.0.1:", ":2223", "127.0.0.1:65536", "host:port", "[]:1"})
  void rejects(String spec) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(spec));
    assertEquals("invalid listen address '" + spec + "': expected [IP46|HOSTNAME:]PORT, e.g. 127.0.0.1:2223",
        e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"127.0.0.1:2223, 127.0.0.1:2223", "[::1]:5, [::1]:5", "7, 0.0.0.0:7"})
  void printsBracketsForIpv6(String spec, String printed) {
    assertEquals(printed, ListenAddress.parse(spec).toString());
  }
}
