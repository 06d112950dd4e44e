package rtpmesh.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RtpHeaderTest {
  // RFC 3550, Section 5.1 fixed header, PCMU (RFC 3551 PT 0), 4 payload bytes.
  static final String PCMU =
      "80"        // V=2 P=0 X=0 CC=0
      + "00"      // M=0 PT=0 (PCMU)
      + "1234"    // sequence number 4660
      + "0000a0c0" // timestamp 41152
      + "deadbeef" // SSRC
      + "ffffffff"; // payload (mu-law silence)

  // RFC 3550, Sections 5.1 and 5.3.1: 2 CSRCs and a one-word header extension, marker set, PT 96.
  static final String CSRC_AND_EXTENSION =
      "92"        // V=2 P=0 X=1 CC=2
      + "e0"      // M=1 PT=96
      + "ffff"    // sequence number 65535
      + "ffffffff" // timestamp 2^32-1
      + "00000001" // SSRC
      + "11111111" + "22222222" // CSRC list
      + "bede0001" // extension profile 0xBEDE (RFC 8285), length 1 word
      + "10ab0000" // extension data
      + "0102";   // payload

  /** Puts the packet at {@code offset} after junk bytes so a view that ignores the offset fails. */
  static ByteBuf at(int offset, String hex) {
    ByteBuf buf = Unpooled.buffer();
    for (int i = 0; i < offset; i++) {
      buf.writeByte(0x5a);
    }
    buf.writeBytes(ByteBufUtil.decodeHexDump(hex));
    buf.readerIndex(offset);
    return buf;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7})
  void rfc3550_5_1_fixedHeader(int offset) {
    RtpHeader h = new RtpHeader().wrap(at(offset, PCMU));
    assertEquals(offset, h.offset());
    assertTrue(h.isValid());
    assertEquals(2, h.version());
    assertFalse(h.padding());
    assertFalse(h.extension());
    assertEquals(0, h.csrcCount());
    assertFalse(h.marker());
    assertEquals(0, h.payloadType());
    assertEquals(0x1234, h.sequenceNumber());
    assertEquals(41152L, h.timestamp());
    assertEquals(0xdeadbeef, h.ssrc());
    assertEquals(12, h.headerLength());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 13})
  void rfc3550_5_3_1_csrcAndExtension(int offset) {
    RtpHeader h = new RtpHeader().wrap(at(offset, CSRC_AND_EXTENSION));
    assertTrue(h.isValid());
    assertTrue(h.extension());
    assertEquals(2, h.csrcCount());
    assertTrue(h.marker());
    assertEquals(96, h.payloadType());
    assertEquals(65535, h.sequenceNumber());
    assertEquals(0xffffffffL, h.timestamp());
    assertEquals(1, h.ssrc());
    assertEquals(12 + 8 + 4 + 4, h.headerLength());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "too short for fixed header,    80001234000000a0deadbe",
      "version 1,                     40001234000000a0deadbeef",
      "CSRC list past the end,        83001234000000a0deadbeef1111",
      "extension header past the end, 90001234000000a0deadbeef",
      "extension body past the end,   90001234000000a0deadbeefbede000200000000",
  })
  void malformedIsInvalid(String name, String hex) {
    for (int offset : new int[] {0, 5}) {
      assertFalse(new RtpHeader().wrap(at(offset, hex)).isValid(), name + " at offset " + offset);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3})
  void lengthLimitsTheView(int offset) {
    ByteBuf buf = at(offset, PCMU);
    // The view's length, not the buffer's, bounds it: 11 bytes is not an RTP header.
    assertFalse(new RtpHeader().wrap(buf, offset, 11).isValid());
    assertTrue(new RtpHeader().wrap(buf, offset, 12).isValid());
  }
}
