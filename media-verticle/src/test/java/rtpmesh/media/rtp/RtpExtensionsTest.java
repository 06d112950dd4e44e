package rtpmesh.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8285 header extension elements found in place, at offset 0 and behind junk. */
class RtpExtensionsTest {
  // RFC 8285 §4.2 one-byte form: padding, id 1 (1 byte), id 4 = "0" (MID, RFC 8843 §15.2), id 3 (3 bytes).
  static final String ONE_BYTE =
      "90" + "6f" + "0001" + "00000000" + "01020304" // V=2 X=1, PT 111, seq 1, ts 0, SSRC
      + "bede" + "0003"     // profile 0xBEDE, 3 words
      + "00" + "10" + "7f"  // padding; id 1 L=0: 0x7f
      + "40" + "30"         // id 4 L=0: "0"
      + "32" + "616263"     // id 3 L=2: "abc"
      + "0000"              // padding to the word
      + "ff";               // payload


  private static String two() {
    // 2+5 + 2+0 = 9 bytes of elements, padded to 12 (3 words).
    return "90" + "00" + "0002" + "00000000" + "01020304" + "1000" + "0003"
        + "0405617564696f" + "1400" + "000000" + "ff";
  }

  private static String found(ByteBuf buf, int offset, int id) {
    long f = RtpExtensions.find(buf, offset, buf.writerIndex() - offset, id);
    if (f < 0) return null;
    return new String(ByteBufUtil.getBytes(buf, RtpExtensions.offsetOf(f), RtpExtensions.lengthOf(f)),
        java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  @ParameterizedTest(name = "at offset {0}")
  @ValueSource(ints = {0, 7})
  void oneByteElementsAreFoundPastPadding(int offset) {
    ByteBuf buf = RtpHeaderTest.at(offset, ONE_BYTE);
    try {
      assertEquals("0", found(buf, offset, 4));
      assertEquals("abc", found(buf, offset, 3));
      assertEquals("\u007f", found(buf, offset, 1));
      assertEquals(null, found(buf, offset, 2));
    } finally {
      buf.release();
    }
  }

  @ParameterizedTest(name = "at offset {0}")
  @ValueSource(ints = {0, 5})
  void twoByteElementsAreFound(int offset) {
    ByteBuf buf = RtpHeaderTest.at(offset, two());
    try {
      assertEquals("audio", found(buf, offset, 4));
      assertEquals("", found(buf, offset, 20));
      assertEquals(null, found(buf, offset, 5));
    } finally {
      buf.release();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "no extension bit, 806f000100000000" + "01020304" + "bede000140300000",
      "extension longer than packet, 906f000100000000" + "01020304" + "bede0009" + "40300000",
      "element runs past the extension, 906f000100000000" + "01020304" + "bede0001" + "00004f30",
      "reserved id 15 stops, 906f000100000000" + "01020304" + "bede0001" + "f0403000",
      "unknown profile, 906f000100000000" + "01020304" + "abcd0001" + "40300000",
      "truncated header, 906f0001",
  })
  void malformedOrAbsentGivesNothing(String what, String hex) {
    ByteBuf buf = RtpHeaderTest.at(0, hex);
    try {
      assertEquals(-1, RtpExtensions.find(buf, 0, buf.writerIndex(), 4), what);
    } finally {
      buf.release();
    }
  }
}
