package rtpmesh.media.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Round trips through {@link StunWriter} and {@link StunMessage}, and the RFC 7983 demux. */
class StunWriterTest {
  static final byte[] KEY = MessageIntegrity.shortTermKey("0123456789abcdefghijklmn");
  static final TransactionId TID = new TransactionId(0x0102030405060708L, 0x090a0b0c);

  @ParameterizedTest
  @ValueSource(ints = {0, 13})
  void rfc8445_7_1_2_bindingRequestRoundTrip(int offset) {
    ByteBuf out = Unpooled.buffer();
    out.writeZero(offset).readerIndex(offset);
    new StunWriter().start(out, Stun.BINDING_REQUEST, TID)
        .username("abcd:efgh12".getBytes())
        .u32(StunAttribute.PRIORITY, 1853824767L)
        .u64(StunAttribute.ICE_CONTROLLING, -2L)
        .flag(StunAttribute.USE_CANDIDATE)
        .software("rtpmesh")
        .messageIntegrity(KEY)
        .fingerprint();
    StunMessage m = new StunMessage().wrap(out);
    assertEquals(StunError.NONE, m.decode());
    assertTrue(TID.matches(out, offset));
    assertEquals("abcd:efgh12", m.username());
    assertEquals(1853824767L, m.priority());
    assertEquals(-2L, m.tieBreaker(StunAttribute.ICE_CONTROLLING));
    assertTrue(m.useCandidate());
    assertEquals("rtpmesh", m.string(StunAttribute.SOFTWARE));
    assertEquals(StunError.NONE, m.verify(new MessageIntegrity(), KEY));
    assertEquals(StunError.NONE, m.verifyFingerprint(true));
    out.release();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2})
  void rfc5389_15_6_and_15_9_errorResponse(int offset) {
    ByteBuf out = Unpooled.buffer();
    out.writeZero(offset).readerIndex(offset);
    new StunWriter().start(out, Stun.BINDING_ERROR, TID)
        .errorCode(ErrorCode.UNKNOWN_ATTRIBUTE)
        .unknownAttributes(new int[] {0x7777, 0x0042, 0x1234}, 3)
        .mappedAddress(Rfc5769VectorsTest.MAPPED_V6)
        .fingerprint();
    StunMessage m = new StunMessage().wrap(out);
    assertEquals(StunError.NONE, m.decode());
    assertEquals(StunClass.ERROR_RESPONSE, m.messageClass());
    assertEquals(420, m.errorCode());
    assertEquals("Unknown Attribute", m.errorReason());
    assertArrayEquals(new int[] {0x7777, 0x0042, 0x1234}, m.unknownAttributes());
    assertEquals(Rfc5769VectorsTest.MAPPED_V6, m.mappedAddress());
    assertNull(m.xorMappedAddress());
    assertEquals(StunError.MISSING_INTEGRITY, m.verify(new MessageIntegrity(), KEY));
    out.release();
  }

  @Test
  void rfc5389_7_3_1_unknownComprehensionRequiredAttributesAreListed() {
    ByteBuf out = Unpooled.buffer();
    new StunWriter().start(out, Stun.BINDING_REQUEST, TID)
        .bytes(0x7777, new byte[] {1})      // comprehension-required, unknown
        .bytes(0xC001, new byte[] {1, 2})   // comprehension-optional, unknown: ignored
        .fingerprint();
    StunMessage m = new StunMessage().wrap(out);
    assertEquals(StunError.NONE, m.decode());
    assertEquals(1, m.unknownRequiredCount());
    assertEquals(0x7777, m.unknownRequired(0));
    out.release();
  }

  @Test
  void rfc5389_15_4_attributesAfterIntegrityAreIgnored() {
    ByteBuf out = Unpooled.buffer();
    StunWriter w = new StunWriter().start(out, Stun.BINDING_REQUEST, TID).messageIntegrity(KEY);
    w.flag(StunAttribute.USE_CANDIDATE).fingerprint();
    StunMessage m = new StunMessage().wrap(out);
    assertEquals(StunError.NONE, m.decode());
    assertFalse(m.useCandidate());
    out.release();
  }

  @ParameterizedTest(name = "first byte {0} -> {1}")
  @CsvSource({
    "0, true", "1, true", "3, true", // RFC 7983 §7: STUN
    "4, false", "20, false", "63, false", "64, false", // ZRTP / DTLS / TURN channel
    "128, false", "191, false", // RTP and RTCP
  })
  void rfc7983_7_demultiplexing(int firstByte, boolean stun) {
    byte[] packet = ByteBufUtil.decodeHexDump("000100002112a442" + "00".repeat(12));
    packet[0] = (byte) firstByte;
    assertEquals(stun, Stun.isStun(packet));
    ByteBuf buf = StunTestBuffers.at(5, packet);
    assertEquals(stun, Stun.isStun(buf));
    buf.release();
  }

  @Test
  void rfc5389_6_demultiplexingNeedsCookieAndHeader() {
    assertFalse(Stun.isStun(ByteBufUtil.decodeHexDump("000100002112a443" + "00".repeat(12))));
    assertFalse(Stun.isStun(ByteBufUtil.decodeHexDump("000100002112a442" + "00".repeat(11))));
  }

  @ParameterizedTest
  @CsvSource({"REQUEST, 0x0001", "INDICATION, 0x0011", "SUCCESS_RESPONSE, 0x0101", "ERROR_RESPONSE, 0x0111"})
  void rfc5389_6_messageTypeBits(StunClass cls, String type) {
    int t = Integer.decode(type);
    assertEquals(t, cls.type(Stun.BINDING));
    assertEquals(cls, StunClass.of(t));
    assertEquals(Stun.BINDING, StunClass.method(t));
    assertEquals(0x0FFF, StunClass.method(cls.type(0x0FFF)));
  }

  @Test
  void rfc5389_15_2_ipv4MappedAddressRoundTrips() {
    InetSocketAddress a = Rfc5769VectorsTest.address("10.1.2.3", 1);
    ByteBuf out = Unpooled.buffer();
    new StunWriter().start(out, Stun.BINDING_SUCCESS, TID).xorMappedAddress(a);
    assertEquals(a, new StunMessage().wrap(out).xorMappedAddress());
    out.release();
  }
}
