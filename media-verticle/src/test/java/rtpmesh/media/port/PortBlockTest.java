package rtpmesh.media.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortBlockTest {
  @ParameterizedTest(name = "{0}-{1} -> first {2}, {3} pairs")
  @CsvSource({
      "30000, 34999, 30000, 2500",
      "30001, 30010, 30002, 4", // odd min rounds up; 30010 alone is no pair
      "30000, 30000, 30000, 0",
      "30000, 30001, 30000, 1",
  })
  void pairsAreEvenRtpPlusRtcp(int min, int max, int firstRtp, int pairs) {
    PortBlock block = new PortBlock(min, max);
    assertEquals(pairs, block.pairCount());
    if (pairs > 0) {
      assertEquals(firstRtp, block.rtpPort(0));
      assertEquals(0, block.pairOf(firstRtp));
      assertEquals(-1, block.pairOf(firstRtp + 1));
      assertEquals(-1, block.pairOf(block.rtpPort(pairs - 1) + 2));
    }
  }

  @Test
  void reserveAndFreeCount() {
    PortBlock block = new PortBlock(40000, 40007);
    block.reserve(2);
    assertTrue(block.isUsed(2));
    assertEquals(1, block.usedCount());
    assertEquals(3, block.freeCount());
    assertThrows(IllegalStateException.class, () -> block.reserve(2));
    block.free(2);
    block.free(2);
    assertFalse(block.isUsed(2));
    assertEquals(4, block.freeCount());
  }

  @Test
  void randomPairStaysInBlock() {
    PortBlock block = new PortBlock(40000, 40007);
    for (int i = 0; i < 100; i++) {
      int pair = block.randomPair();
      assertTrue(pair >= 0 && pair < 4);
    }
  }

  @Test
  void rejectsBadRange() {
    assertThrows(IllegalArgumentException.class, () -> new PortBlock(40000, 30000));
    assertThrows(IllegalArgumentException.class, () -> new PortBlock(0, 10));
  }

  @Test
  void busyMeansAddressInUse() throws IOException {
    try (var a = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      BindException e = assertThrows(BindException.class,
          () -> new java.net.DatagramSocket(a.getLocalPort(), java.net.InetAddress.getLoopbackAddress()));
      assertTrue(PairBinder.isPortBusy(e), e.getMessage());
    }
    assertFalse(PairBinder.isPortBusy(new BindException("Cannot assign requested address")));
  }
}
