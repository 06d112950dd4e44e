package rtpmesh.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SrtpContextTest {
  static final int SSRC = 0x11223344;

  /** Every supported suite, heap and direct, at reader index 0 and 7. */
  static Stream<Arguments> layouts() {
    return Arrays.stream(SrtpSuite.values())
        .filter(SrtpSuite::isSupported)
        .flatMap(s -> Stream.of(
            Arguments.of(s, false, 0), Arguments.of(s, false, 7),
            Arguments.of(s, true, 0), Arguments.of(s, true, 7)));
  }

  @ParameterizedTest(name = "{0} direct={1} offset={2}")
  @MethodSource("layouts")
  void rtpRoundTrip(SrtpSuite suite, boolean direct, int offset) {
    SrtpContext tx = context(suite);
    SrtpContext rx = context(suite);
    for (int seq = 100; seq < 105; seq++) {
      byte[] plain = rtp(seq, 160, SSRC);
      ByteBuf buf = buffer(direct, offset, plain, suite.rtpTrailerLength());

      assertEquals(SrtpStatus.OK, tx.protect(buf));
      assertEquals(offset, buf.readerIndex());
      assertEquals(plain.length + suite.rtpTagLength(), buf.readableBytes());
      assertEquals(suite.cipher() != SrtpSuite.Cipher.NULL, !Arrays.equals(plain, 12, plain.length,
          ByteBufUtil.getBytes(buf), 12, plain.length), "payload encrypted unless NULL cipher");

      assertEquals(SrtpStatus.OK, rx.unprotect(buf));
      assertArrayEquals(plain, ByteBufUtil.getBytes(buf));
      if (offset > 0) {
        assertEquals(0x5a, buf.getByte(offset - 1), "bytes before the reader index untouched");
      }
      buf.release();
    }
  }

  @ParameterizedTest(name = "{0} direct={1} offset={2}")
  @MethodSource("layouts")
  void rtcpRoundTrip(SrtpSuite suite, boolean direct, int offset) {
    SrtpContext tx = context(suite);
    SrtpContext rx = context(suite);
    for (int i = 0; i < 3; i++) {
      byte[] plain = rtcp(SSRC, 40);
      ByteBuf buf = buffer(direct, offset, plain, suite.rtcpTrailerLength());

      assertEquals(SrtpStatus.OK, tx.protectRtcp(buf));
      assertEquals(plain.length + 4 + suite.rtcpTagLength(), buf.readableBytes());
      assertEquals(SrtpStatus.OK, rx.unprotectRtcp(buf));
      assertArrayEquals(plain, ByteBufUtil.getBytes(buf));
      buf.release();
    }
    assertEquals(3, tx.nextSrtcpIndex(SSRC));
  }

  @ParameterizedTest(name = "{0} direct={1} offset={2}")
  @MethodSource("layouts")
  void tamperedPacketIsAuthFailAndLeftUntouched(SrtpSuite suite, boolean direct, int offset) {
    SrtpContext tx = context(suite);
    SrtpContext rx = context(suite);
    ByteBuf buf = buffer(direct, offset, rtp(7, 160, SSRC), suite.rtpTrailerLength());
    tx.protect(buf);
    buf.setByte(offset + 20, buf.getByte(offset + 20) ^ 1);
    byte[] forged = ByteBufUtil.getBytes(buf);
    int writer = buf.writerIndex();

    assertEquals(SrtpStatus.AUTH_FAIL, rx.unprotect(buf));
    assertArrayEquals(forged, ByteBufUtil.getBytes(buf), "not decrypted, must not be forwarded");
    assertEquals(offset, buf.readerIndex());
    assertEquals(writer, buf.writerIndex());
    assertEquals(0, rx.roc(SSRC));

    ByteBuf rtcp = buffer(direct, offset, rtcp(SSRC, 24), suite.rtcpTrailerLength());
    tx.protectRtcp(rtcp);
    rtcp.setByte(offset + 9, rtcp.getByte(offset + 9) ^ 0x80);
    byte[] forgedRtcp = ByteBufUtil.getBytes(rtcp);
    assertEquals(SrtpStatus.AUTH_FAIL, rx.unprotectRtcp(rtcp));
    assertArrayEquals(forgedRtcp, ByteBufUtil.getBytes(rtcp));
    buf.release();
    rtcp.release();
  }

  @ParameterizedTest
  @EnumSource(value = SrtpSuite.class, names = "F8_128_HMAC_SHA1_80", mode = EnumSource.Mode.EXCLUDE)
  void replayedPacketIsReplay(SrtpSuite suite) {
    SrtpContext tx = context(suite);
    SrtpContext rx = context(suite);
    byte[] first = protect(tx, rtp(1000, 20, SSRC));
    byte[] second = protect(tx, rtp(1001, 20, SSRC));

    assertEquals(SrtpStatus.OK, unprotect(rx, first.clone()));
    assertEquals(SrtpStatus.OK, unprotect(rx, second.clone()));
    assertEquals(SrtpStatus.REPLAY, unprotect(rx, first.clone()));
    assertEquals(SrtpStatus.REPLAY, unprotect(rx, second.clone()));

    byte[] rtcp = new byte[100];
    byte[] plain = rtcp(SSRC, 24);
    System.arraycopy(plain, 0, rtcp, 0, plain.length);
    int len = tx.protectRtcp(rtcp, 0, plain.length);
    byte[] copy = Arrays.copyOf(rtcp, len);
    assertEquals(plain.length, rx.unprotectRtcp(rtcp, 0, len));
    assertEquals(SrtpStatus.REPLAY, SrtpStatus.ofCode(rx.unprotectRtcp(copy, 0, len)));
  }

  @ParameterizedTest
  @EnumSource(value = SrtpSuite.class, names = {"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
  void senderRefusesToProtectAnIndexTwice(SrtpSuite suite) {
    SrtpContext tx = context(suite);
    protect(tx, rtp(5, 20, SSRC));
    byte[] a = Rfc7714VectorsTest.at(0, rtp(5, 20, SSRC), 16);
    assertEquals(SrtpStatus.REPLAY, SrtpStatus.ofCode(tx.protect(a, 0, 32)));
  }

  @Test
  void outOfOrderWithinWindowIsAcceptedOnceAndOlderIsReplay() {
    SrtpSuite suite = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
    SrtpContext tx = context(suite);
    SrtpContext rx = context(suite);
    byte[][] p = new byte[80][];
    for (int i = 0; i < p.length; i++) {
      p[i] = protect(tx, rtp(i, 20, SSRC));
    }
    assertEquals(SrtpStatus.OK, unprotect(rx, p[79].clone()));
    assertEquals(SrtpStatus.OK, unprotect(rx, p[20].clone())); // 59 behind: inside the window
    assertEquals(SrtpStatus.REPLAY, unprotect(rx, p[20].clone()));
    assertEquals(SrtpStatus.REPLAY, unprotect(rx, p[10].clone())); // 69 behind: left of it
  }

  @ParameterizedTest
  @EnumSource(value = SrtpSuite.class, names = "F8_128_HMAC_SHA1_80", mode = EnumSource.Mode.EXCLUDE)
  void rocWrapKeepsWorkingBothSides(SrtpSuite suite) {
    SrtpContext tx = context(suite);
    SrtpContext rx = context(suite);
    for (int i = 65530; i < 65540; i++) {
      int seq = i & 0xffff;
      byte[] plain = rtp(seq, 30, SSRC);
      byte[] srtp = protect(tx, plain);
      assertEquals(SrtpStatus.OK, unprotect(rx, srtp), "seq " + seq);
      assertArrayEquals(plain, Arrays.copyOf(srtp, plain.length));
    }
    assertEquals(1, tx.roc(SSRC));
    assertEquals(1, rx.roc(SSRC));
  }

  @Test
  void lateReorderedPacketFromBeforeTheWrapUsesThePreviousRoc() {
    SrtpSuite suite = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
    SrtpContext tx = context(suite);
    SrtpContext rx = context(suite);
    byte[] first = protect(tx, rtp(65533, 30, SSRC));
    byte[] beforeWrap = protect(tx, rtp(65534, 30, SSRC));
    byte[] afterWrap = protect(tx, rtp(2, 30, SSRC));
    assertEquals(1, tx.roc(SSRC));

    assertEquals(SrtpStatus.OK, unprotect(rx, first));
    assertEquals(SrtpStatus.OK, unprotect(rx, afterWrap));
    assertEquals(SrtpStatus.OK, unprotect(rx, beforeWrap)); // estimated with ROC - 1
    assertEquals(1, rx.roc(SSRC));
  }

  /** The relay reports a rollover to the call record once per wrap, from either direction. */
  @Test
  void rolloversCountEachWrapOnceEitherWay() {
    SrtpSuite suite = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
    SrtpContext tx = context(suite);
    SrtpContext rx = context(suite);
    byte[] late = null;
    for (int seq = 65533; seq < 65533 + 6; seq++) {
      byte[] p = protect(tx, rtp(seq & 0xffff, 30, SSRC));
      if ((seq & 0xffff) == 65535) {
        late = p; // arrives after the wrap
        continue;
      }
      assertEquals(SrtpStatus.OK, unprotect(rx, p));
    }
    assertEquals(SrtpStatus.OK, unprotect(rx, late));
    assertEquals(1, tx.rollovers());
    assertEquals(1, rx.rollovers(), "a late packet from before the wrap is no second rollover");
    assertEquals(1, rx.roc(SSRC));
    assertEquals(0, context(suite).rollovers());
  }

  @Test
  void receiverJoiningNearTheWrapFollowsIt() {
    SrtpSuite suite = SrtpSuite.AEAD_AES_128_GCM;
    SrtpContext tx = context(suite);
    for (int seq = 60000; seq < 65533; seq += 100) {
      protect(tx, rtp(seq, 30, SSRC)); // traffic the receiver never saw
    }
    SrtpContext rx = context(suite);
    for (int i = 65533; i < 65545; i++) {
      assertEquals(SrtpStatus.OK, unprotect(rx, protect(tx, rtp(i & 0xffff, 30, SSRC))), "seq " + i);
    }
    assertEquals(1, rx.roc(SSRC));
  }

  @Test
  void rocFromTheCallRecordLetsANewNodeTakeOver() {
    SrtpSuite suite = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
    SrtpContext tx = context(suite);
    tx.setRoc(SSRC, 7);
    byte[] srtp = protect(tx, rtp(300, 30, SSRC));

    assertEquals(SrtpStatus.AUTH_FAIL, unprotect(context(suite), srtp.clone()), "ROC 0 guess is wrong");
    SrtpContext rx = context(suite);
    rx.setRoc(SSRC, tx.roc(SSRC));
    assertEquals(SrtpStatus.OK, unprotect(rx, srtp));
    assertEquals(7, rx.roc(SSRC));
  }

  @Test
  void manySsrcsKeepSeparateState() {
    SrtpSuite suite = SrtpSuite.AES_CM_128_HMAC_SHA1_32;
    SrtpContext tx = context(suite);
    SrtpContext rx = context(suite);
    for (int ssrc = 1; ssrc <= 50; ssrc++) {
      tx.setRoc(ssrc * 7919, ssrc);
      rx.setRoc(ssrc * 7919, ssrc);
    }
    for (int round = 0; round < 3; round++) {
      for (int ssrc = 1; ssrc <= 50; ssrc++) {
        assertEquals(SrtpStatus.OK, unprotect(rx, protect(tx, rtp(round, 10, ssrc * 7919))));
      }
    }
    assertEquals(33, rx.roc(33 * 7919));
  }

  @Test
  void protectWithoutTailroomIsRefusedAndBufferUnchanged() {
    byte[] plain = rtp(1, 20, SSRC);
    ByteBuf buf = Unpooled.buffer(plain.length, plain.length).writeBytes(plain);
    assertEquals(SrtpStatus.NO_TAILROOM, context(SrtpSuite.AES_CM_128_HMAC_SHA1_80).protect(buf));
    assertArrayEquals(plain, ByteBufUtil.getBytes(buf));
    assertEquals(SrtpStatus.NO_TAILROOM, context(SrtpSuite.AEAD_AES_128_GCM).protectRtcp(buf));
    buf.release();
  }

  @Test
  void malformedInputIsAStatusNeverAnException() {
    assertEquals(SrtpStatus.TOO_SHORT,
        SrtpStatus.ofCode(context(SrtpSuite.AES_CM_128_HMAC_SHA1_80).unprotect(new byte[21], 0, 21)));
    byte[] v1 = rtp(1, 20, SSRC);
    v1[0] = 0x40;
    assertEquals(SrtpStatus.BAD_HEADER,
        SrtpStatus.ofCode(context(SrtpSuite.AES_CM_128_HMAC_SHA1_80).unprotect(v1, 0, v1.length)));
    byte[] ext = rtp(1, 20, SSRC);
    ext[0] = (byte) 0x9f; // X=1, CC=15: header longer than the packet
    assertEquals(SrtpStatus.BAD_HEADER,
        SrtpStatus.ofCode(context(SrtpSuite.AEAD_AES_128_GCM).unprotect(ext, 0, ext.length)));

    Random random = new Random(3711);
    for (SrtpSuite suite : SrtpSuite.values()) {
      if (!suite.isSupported()) {
        continue;
      }
      SrtpContext rx = context(suite);
      for (int len = 0; len < 120; len++) {
        byte[] junk = new byte[len + 40];
        random.nextBytes(junk);
        junk[0] = (byte) (0x80 | (junk[0] & 0x3f));
        assertTrue(rx.unprotect(junk.clone(), 0, len) < 0);
        assertTrue(rx.unprotectRtcp(junk.clone(), 0, len) < 0);
        context(suite).protect(junk.clone(), 0, len); // any result, no exception
        context(suite).protectRtcp(junk.clone(), 0, len);
      }
    }
  }

  @Test
  void headerExtensionAndCsrcsStayInTheClear() {
    byte[] plain = Hex.bytes("92e0ffff ffffffff 00000001 11111111 22222222 bede0001 10ab0000 0102 0304");
    for (SrtpSuite suite : new SrtpSuite[] {SrtpSuite.AES_CM_128_HMAC_SHA1_80, SrtpSuite.AEAD_AES_256_GCM}) {
      byte[] srtp = protect(context(suite), plain);
      assertArrayEquals(Arrays.copyOf(plain, 28), Arrays.copyOf(srtp, 28));
      assertNotEquals(Hex.of(plain, 28, 4), Hex.of(srtp, 28, 4));
      assertEquals(SrtpStatus.OK, unprotect(context(suite), srtp));
      assertArrayEquals(plain, Arrays.copyOf(srtp, plain.length));
    }
  }

  @Test
  void f8IsListedButUnsupported() {
    assertThrows(IllegalArgumentException.class,
        () -> SrtpContext.create(SrtpSuite.F8_128_HMAC_SHA1_80, new byte[16], new byte[14]));
  }

  static SrtpContext context(SrtpSuite suite) {
    byte[] key = new byte[suite.masterKeyLength()];
    byte[] salt = new byte[suite.masterSaltLength()];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i * 13 + suite.ordinal());
    }
    for (int i = 0; i < salt.length; i++) {
      salt[i] = (byte) (0xa0 + i);
    }
    return SrtpContext.create(suite, key, salt);
  }

  static byte[] rtp(int seq, int payload, int ssrc) {
    byte[] p = new byte[12 + payload];
    p[0] = (byte) 0x80;
    p[1] = 0; // PCMU
    p[2] = (byte) (seq >>> 8);
    p[3] = (byte) seq;
    RtpLayout.putI32(p, 4, seq * 160);
    RtpLayout.putI32(p, 8, ssrc);
    for (int i = 12; i < p.length; i++) {
      p[i] = (byte) (i + seq);
    }
    return p;
  }

  static byte[] rtcp(int ssrc, int body) {
    byte[] p = new byte[8 + body];
    p[0] = (byte) 0x80;
    p[1] = (byte) 200; // SR
    p[3] = (byte) ((p.length / 4) - 1);
    RtpLayout.putI32(p, 4, ssrc);
    for (int i = 8; i < p.length; i++) {
      p[i] = (byte) i;
    }
    return p;
  }

  /** Protected copy of {@code plain} (byte[] API), exactly as long as the SRTP packet. */
  static byte[] protect(SrtpContext tx, byte[] plain) {
    byte[] a = Arrays.copyOf(plain, plain.length + 16);
    int len = tx.protect(a, 0, plain.length);
    assertTrue(len > 0, () -> "protect: " + SrtpStatus.ofCode(len));
    return Arrays.copyOf(a, len);
  }

  static SrtpStatus unprotect(SrtpContext rx, byte[] srtp) {
    return SrtpStatus.ofCode(rx.unprotect(srtp, 0, srtp.length));
  }

  /** The packet at reader index {@code offset} after 0x5a filler, with {@code tail} spare bytes. */
  static ByteBuf buffer(boolean direct, int offset, byte[] packet, int tail) {
    int cap = offset + packet.length + tail;
    ByteBuf buf = direct ? Unpooled.directBuffer(cap, cap) : Unpooled.buffer(cap, cap);
    for (int i = 0; i < offset; i++) {
      buf.writeByte(0x5a);
    }
    buf.writeBytes(packet);
    buf.readerIndex(offset);
    return buf;
  }
}
