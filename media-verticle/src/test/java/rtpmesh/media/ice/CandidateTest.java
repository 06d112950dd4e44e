package rtpmesh.media.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CandidateTest {
  @ParameterizedTest(name = "{0} component {1} -> {2}")
  @CsvSource({
    "HOST, 1, 2130706431",  // rtpengine golden: a=candidate:... 1 UDP 2130706431 ... typ host
    "HOST, 2, 2130706430",
    "RELAY, 1, 16777215",
    "RELAY, 2, 16777214",
    "SRFLX, 1, 1694498815",
    "PRFLX, 1, 1862270975",
  })
  void rfc8445_5_1_2_1_priority(CandidateType type, int component, long expected) {
    assertEquals(expected, Candidate.priority(type, Candidate.MAX_LOCAL_PREFERENCE, component));
  }

  @Test
  void rtpengineGoldenHostLines() {
    String f = "F4hzsJ4HMfP2bQpJ"; // 16-character foundation, as rtpengine writes it
    assertEquals("a=candidate:" + f + " 1 UDP 2130706431 203.0.113.10 30000 typ host",
        Candidate.of(f, 1, CandidateType.HOST, "203.0.113.10", 30000).toSdpLine());
    assertEquals("a=candidate:" + f + " 2 UDP 2130706430 203.0.113.10 30001 typ host",
        Candidate.of(f, 2, CandidateType.HOST, "203.0.113.10", 30001).toSdpLine());
    assertEquals(16, Candidate.randomFoundation(new Random(3)).length());
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "a=candidate:F4hzsJ4HMfP2bQpJ 1 UDP 2130706431 203.0.113.10 30000 typ host",
    "candidate:842163049 1 udp 1677729535 198.51.100.7 61874 typ srflx raddr 10.0.0.5 rport 61874 generation 0 ufrag EsAw network-cost 999",
    "candidate:3 2 UDP 16777214 2001:db8::1 40001 typ relay raddr 192.0.2.4 rport 9",
    "candidate:1 1 udp 2113937151 3d5f6f48-9c0e-4f55-8d7c-1a2b3c4d5e6f.local 52093 typ host generation 0 network-cost 999",
  })
  void rfc8839_5_1_roundTripsByteForByte(String line) {
    Candidate c = Candidate.parse(line);
    String expected = line.startsWith("a=") ? line.substring(2) : line;
    assertEquals(expected, c.format());
  }

  @Test
  void rfc8839_5_1_fields() {
    Candidate c = Candidate.parse(
        "candidate:842163049 1 udp 1677729535 198.51.100.7 61874 typ srflx raddr 10.0.0.5 rport 61874 generation 0");
    assertEquals("842163049", c.foundation());
    assertEquals(1, c.component());
    assertTrue(c.isUdp());
    assertEquals(1677729535L, c.priority());
    assertEquals(CandidateType.SRFLX, c.type());
    assertEquals("10.0.0.5", c.relatedAddress());
    assertEquals(61874, c.relatedPort());
    assertEquals("generation 0", c.extensions());
    assertEquals(new InetSocketAddress("198.51.100.7", 61874), c.socketAddress());
  }

  @Test
  void mdnsNameIsNotResolvedOnTheEventLoop() {
    assertNull(Candidate.parse("candidate:1 1 udp 2113937151 abc.local 52093 typ host").socketAddress());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "candidate:1 1 UDP 2130706431 203.0.113.10 30000",               // no typ
    "candidate:1 1 UDP 2130706431 203.0.113.10 30000 type host",     // typ misspelt
    "candidate:1 1 UDP 2130706431 203.0.113.10 30000 typ nat",       // unknown type
    "candidate:1 0 UDP 2130706431 203.0.113.10 30000 typ host",      // component 0
    "candidate:1 1 UDP 4294967296 203.0.113.10 30000 typ host",      // priority > 2^32-1
    "candidate:1 1 UDP 2130706431 203.0.113.10 70000 typ host",      // port > 65535
    "candidate:1 1 UDP 2130706431 203.0.113.10 x typ host",          // port not a number
    "candidate:1 1 UDP 1 192.0.2.1 1 typ srflx raddr 10.0.0.1 rport -1", // bad rport
  })
  void malformedLinesNameTheField(String line) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Candidate.parse(line));
    assertTrue(e.getMessage().contains("got"), e.getMessage());
  }
}
