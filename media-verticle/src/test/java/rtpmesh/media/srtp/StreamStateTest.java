package rtpmesh.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamStateTest {

  // RFC 3711, Appendix A: v = ROC - 1, ROC or ROC + 1, whichever index is nearest s_l.
  @ParameterizedTest(name = "ROC {0}, s_l {1}, SEQ {2} -> v {3}")
  @CsvSource({
    "5, 100,   101,   5", // next packet
    "5, 100,   90,    5", // slightly late
    "5, 100,   65500, 4", // s_l < 2^15: far ahead means late from before the wrap
    "5, 100,   32868, 5", // seq - s_l = 32768 exactly: same ROC
    "5, 100,   32869, 4",
    "5, 65500, 3,     6", // s_l >= 2^15: far behind means after the wrap
    "5, 65500, 32732, 5", // s_l - 2^15 = 32732 exactly: same ROC
    "5, 65500, 32731, 6",
    "0, 65535, 0,     1",
  })
  void appendixA_indexEstimation(int roc, int sl, int seq, long v) {
    StreamState s = new StreamState(1);
    s.setRoc(roc);
    s.accept(s.estimateIndex(sl));
    assertEquals((v << 16) | seq, s.estimateIndex(seq));
  }

  @Test
  void appendixA_noRocBelowZero() {
    StreamState s = new StreamState(1);
    s.accept(s.estimateIndex(10));
    assertEquals(-1, s.estimateIndex(65000));
    assertTrue(s.isReplay(-1));
  }

  // RFC 3711, Section 3.3.2: replay list as a 64-index sliding window.
  @Test
  void section3_3_2_replayWindow() {
    StreamState s = new StreamState(1);
    assertFalse(s.isReplay(1000));
    s.accept(1000);
    assertTrue(s.isReplay(1000));
    assertFalse(s.isReplay(999));
    assertFalse(s.isReplay(1000 - 63));
    assertTrue(s.isReplay(1000 - 64));
    s.accept(1000 - 63);
    assertTrue(s.isReplay(1000 - 63));
    s.accept(1001);
    assertTrue(s.isReplay(1000 - 63)); // now 64 behind: outside
    assertTrue(s.isReplay(1000));
    s.accept(5000); // big jump clears the window
    assertFalse(s.isReplay(4999));
    assertTrue(s.isReplay(4936));
  }

  @Test
  void setRocAfterStartMovesTheEstimate() {
    StreamState s = new StreamState(1);
    s.accept(s.estimateIndex(500));
    s.setRoc(9);
    assertEquals(9, s.roc());
    assertEquals((9L << 16) | 501, s.estimateIndex(501));
  }

  // RFC 3711, Section 3.4: SRTCP index is 31 bits and wraps to 0.
  @Test
  void section3_4_srtcpIndexWraps() {
    StreamState s = new StreamState(1);
    s.setNextSrtcpIndex(0x7fff_ffff);
    assertEquals(0x7fff_ffff, s.takeSrtcpIndex());
    assertEquals(0, s.takeSrtcpIndex());
  }

  @Test
  void ssrcTableFindsEveryStateAfterGrowing() {
    SsrcTable t = new SsrcTable();
    for (int i = 0; i < 1000; i++) {
      t.getOrCreate(i * 0x01000193).setRoc(i);
    }
    assertEquals(1000, t.size());
    for (int i = 0; i < 1000; i++) {
      assertEquals(i, t.get(i * 0x01000193).roc());
    }
    assertEquals(null, t.get(-7));
  }
}
