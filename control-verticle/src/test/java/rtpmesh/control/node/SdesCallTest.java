package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import rtpmesh.media.srtp.SrtpContext;
import rtpmesh.media.srtp.SrtpSuite;

/**
 * An SDES-SRTP phone (RTP/SAVP, RFC 4568) calls a plain RTP phone through the node: the node
 * answers the SRTP side with a key of its own and translates SRTP ⇄ RTP in both directions.
 */
class SdesCallTest {
  private static final Pattern CRYPTO = Pattern.compile("a=crypto:(\\d+) (\\S+) inline:([A-Za-z0-9+/=]+)");

  @Test
  void srtpPhoneTalksToPlainPhone() throws Exception {
    byte[] keyA = new byte[30];
    new SecureRandom().nextBytes(keyA);
    String inlineA = Base64.getEncoder().encodeToString(keyA);
    try (TestNode node = TestNode.start(); Phone a = Phone.open(); Phone b = Phone.open()) {
      NgClient ng = node.ng();
      String callId = "sdes-" + UUID.randomUUID();
      String offerSdp = a.sdp().plus("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + inlineA + "|2^31").toString()
          .replace("RTP/AVP", "RTP/SAVP");
      Map<String, Object> offer = ng.ok("command", "offer", "call-id", callId, "from-tag", "a",
          "transport-protocol", "RTP/AVP", "sdp", offerSdp);
      String toB = (String) offer.get("sdp");
      assertTrue(toB.contains(" RTP/AVP ") && !toB.contains("a=crypto"), toB);
      Map<String, Object> answer = ng.ok("command", "answer", "call-id", callId, "from-tag", "a", "to-tag", "b",
          "sdp", b.sdp().withoutPtime().toString());
      String toA = (String) answer.get("sdp");
      assertTrue(toA.contains(" RTP/SAVP "), toA);
      Matcher m = CRYPTO.matcher(toA);
      assertTrue(m.find(), toA);
      assertEquals("1", m.group(1));
      assertEquals("AES_CM_128_HMAC_SHA1_80", m.group(2));
      byte[] keyRelay = Base64.getDecoder().decode(m.group(3));
      assertFalse(Arrays.equals(keyA, keyRelay), "the node answers with a key of its own");
      int portB = SdpView.of(offer).port();
      int portA = SdpView.of(answer).port();

      SrtpContext aSends = SrtpContext.create(SrtpSuite.AES_CM_128_HMAC_SHA1_80, Arrays.copyOf(keyA, 16), Arrays.copyOfRange(keyA, 16, 30));
      SrtpContext aHears = SrtpContext.create(SrtpSuite.AES_CM_128_HMAC_SHA1_80, Arrays.copyOf(keyRelay, 16), Arrays.copyOfRange(keyRelay, 16, 30));
      for (int seq = 100; seq < 105; seq++) {
        byte[] plain = Packets.rtp(0, seq, 0x11223344);
        byte[] wire = Arrays.copyOf(plain, plain.length + 10);
        int len = aSends.protect(wire, 0, plain.length);
        assertEquals(plain.length + 10, len);
        a.rtp.send(new DatagramPacket(wire, len, java.net.InetAddress.getLoopbackAddress(), portA));
        assertArrayEquals(plain, receive(b), "B hears A's plain RTP");

        byte[] fromB = Packets.rtp(8, seq, 0x55667788);
        b.rtp.send(new DatagramPacket(fromB, fromB.length, java.net.InetAddress.getLoopbackAddress(), portB));
        byte[] srtp = receive(a);
        assertEquals(fromB.length + 10, srtp.length, "A gets SRTP with an 80-bit tag");
        int plainLen = aHears.unprotect(srtp, 0, srtp.length);
        assertEquals(fromB.length, plainLen, "A's key from the answer authenticates it");
        assertArrayEquals(fromB, Arrays.copyOf(srtp, plainLen));
      }

      byte[] plain = Packets.rtp(0, 200, 0x11223344);
      byte[] wire = Arrays.copyOf(plain, plain.length + 10);
      int len = aSends.protect(wire, 0, plain.length);
      wire[20] ^= 1;
      a.rtp.send(new DatagramPacket(wire, len, java.net.InetAddress.getLoopbackAddress(), portA));
      b.rtp.setSoTimeout(500);
      try {
        byte[] got = new byte[2048];
        b.rtp.receive(new DatagramPacket(got, got.length));
        throw new AssertionError("a tampered SRTP packet was forwarded");
      } catch (SocketTimeoutException expected) {
        // dropped and counted, as it must be
      }
    }
  }

  @Test
  void plainPhoneCallsAnSrtpPhoneThatPicksOneOfTheOfferedSuites() throws Exception {
    byte[] keyB = new byte[30];
    new SecureRandom().nextBytes(keyB);
    try (TestNode node = TestNode.start(); Phone a = Phone.open(); Phone b = Phone.open()) {
      NgClient ng = node.ng();
      String callId = "sdes-" + UUID.randomUUID();
      Map<String, Object> offer = ng.ok("command", "offer", "call-id", callId, "from-tag", "a",
          "transport-protocol", "RTP/SAVP", "sdp", a.sdp().toString());
      String toB = (String) offer.get("sdp");
      assertTrue(toB.contains(" RTP/SAVP "), toB);
      Matcher m = CRYPTO.matcher(toB);
      String tag = null;
      byte[] keyRelay = null;
      int offered = 0;
      while (m.find()) {
        offered++;
        if (m.group(2).equals("AES_CM_128_HMAC_SHA1_80")) {
          tag = m.group(1);
          keyRelay = Base64.getDecoder().decode(m.group(3));
        }
      }
      assertEquals(12, offered, "rtpengine's twelve suites: " + toB);
      String answerSdp = b.sdp().withoutPtime().plus("a=crypto:" + tag + " AES_CM_128_HMAC_SHA1_80 inline:"
          + Base64.getEncoder().encodeToString(keyB)).toString().replace("RTP/AVP", "RTP/SAVP");
      Map<String, Object> answer = ng.ok("command", "answer", "call-id", callId, "from-tag", "a", "to-tag", "b", "sdp", answerSdp);
      String toA = (String) answer.get("sdp");
      assertTrue(toA.contains(" RTP/AVP ") && !toA.contains("a=crypto"), toA);
      int portB = SdpView.of(offer).port();
      int portA = SdpView.of(answer).port();
      SrtpContext bSends = SrtpContext.create(SrtpSuite.AES_CM_128_HMAC_SHA1_80, Arrays.copyOf(keyB, 16), Arrays.copyOfRange(keyB, 16, 30));
      SrtpContext bHears = SrtpContext.create(SrtpSuite.AES_CM_128_HMAC_SHA1_80, Arrays.copyOf(keyRelay, 16), Arrays.copyOfRange(keyRelay, 16, 30));
      byte[] fromA = Packets.rtp(0, 7, 0x01020304);
      a.rtp.send(new DatagramPacket(fromA, fromA.length, java.net.InetAddress.getLoopbackAddress(), portA));
      byte[] srtp = receive(b);
      assertEquals(fromA.length, bHears.unprotect(srtp, 0, srtp.length));
      assertArrayEquals(fromA, Arrays.copyOf(srtp, fromA.length));
      byte[] plain = Packets.rtp(0, 9, 0x0a0b0c0d);
      byte[] wire = Arrays.copyOf(plain, plain.length + 10);
      int len = bSends.protect(wire, 0, plain.length);
      b.rtp.send(new DatagramPacket(wire, len, java.net.InetAddress.getLoopbackAddress(), portB));
      assertArrayEquals(plain, receive(a));
    }
  }

  private static byte[] receive(Phone p) throws Exception {
    p.rtp.setSoTimeout(Phone.RECEIVE_MS);
    byte[] buf = new byte[2048];
    DatagramPacket d = new DatagramPacket(buf, buf.length);
    p.rtp.receive(d);
    return Arrays.copyOf(buf, d.getLength());
  }
}
