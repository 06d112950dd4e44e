package rtpmesh.media.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 5769, Test Vectors for STUN, each decoded and verified at offset 0 and a non-zero offset. */
class Rfc5769VectorsTest {
  static final byte[] PASSWORD = MessageIntegrity.shortTermKey("VOkJxbRl1RmTxUk/WvJxBt");

  // RFC 5769, Section 2.1 Sample Request (software "STUN test client", username "evtj:h6vY").
  static final String SAMPLE_REQUEST =
      "0001 0058"                    // Request type and message length
      + "2112a442"                   // Magic cookie
      + "b7e7a701 bc34d686 fa87dfae" // Transaction ID
      + "8022 0010"                  // SOFTWARE attribute header
      + "5354554e 20746573 7420636c 69656e74" // "STUN test client"
      + "0024 0004"                  // PRIORITY attribute header
      + "6e0001ff"                   // ICE priority value
      + "8029 0008"                  // ICE-CONTROLLED attribute header
      + "932ff9b1 51263b36"          // Pseudo-random tie breaker
      + "0006 0009"                  // USERNAME attribute header
      + "6576746a 3a683676 59202020" // "evtj:h6vY" and padding (3 bytes, spaces in the RFC)
      + "0008 0014"                  // MESSAGE-INTEGRITY attribute header
      + "9aeaa70c bfd8cb56 781ef2b5 b2d3f249 c1b571a2" // HMAC-SHA1
      + "8028 0004"                  // FINGERPRINT attribute header
      + "e57a3bcf";                  // CRC32 fingerprint

  // RFC 5769, Section 2.2 Sample IPv4 Response (software "test vector", 192.0.2.1:32853).
  static final String SAMPLE_IPV4_RESPONSE =
      "0101 003c"                    // Response type and message length
      + "2112a442"                   // Magic cookie
      + "b7e7a701 bc34d686 fa87dfae" // Transaction ID
      + "8022 000b"                  // SOFTWARE attribute header
      + "74657374 20766563 746f7220" // "test vector" and padding (1 byte)
      + "0020 0008"                  // XOR-MAPPED-ADDRESS attribute header
      + "0001 a147"                  // Address family (IPv4) and xor'd mapped port number
      + "e112a643"                   // Xor'd mapped IPv4 address
      + "0008 0014"                  // MESSAGE-INTEGRITY attribute header
      + "2b91f599 fd9e90c3 8c7489f9 2af9ba53 f06be7d7" // HMAC-SHA1
      + "8028 0004"                  // FINGERPRINT attribute header
      + "c07d4c96";                  // CRC32 fingerprint

  // RFC 5769, Section 2.3 Sample IPv6 Response (2001:db8:1234:5678:11:2233:4455:6677 port 32853).
  static final String SAMPLE_IPV6_RESPONSE =
      "0101 0048"                    // Response type and message length
      + "2112a442"                   // Magic cookie
      + "b7e7a701 bc34d686 fa87dfae" // Transaction ID
      + "8022 000b"                  // SOFTWARE attribute header
      + "74657374 20766563 746f7220" // "test vector" and padding (1 byte)
      + "0020 0014"                  // XOR-MAPPED-ADDRESS attribute header
      + "0002 a147"                  // Address family (IPv6) and xor'd mapped port number
      + "0113a9fa a5d3f179 bc25f4b5 bed2b9d9" // Xor'd mapped IPv6 address
      + "0008 0014"                  // MESSAGE-INTEGRITY attribute header
      + "a382954e 4be67bf1 1784c97c 8292c275 bfe3ed41" // HMAC-SHA1
      + "8028 0004"                  // FINGERPRINT attribute header
      + "c8fb0b4c";                  // CRC32 fingerprint

  // RFC 5769, Section 2.4 Sample Request with Long-Term Authentication.
  static final String SAMPLE_REQUEST_LONG_TERM =
      "0001 0060"                    // Request type and message length
      + "2112a442"                   // Magic cookie
      + "78ad3433 c6ad72c0 29da412e" // Transaction ID
      + "0006 0012"                  // USERNAME attribute header
      + "e3839ee3 8388e383 aae38383 e382afe3 82b90000" // "マトリックス" (18 bytes) and padding
      + "0015 001c"                  // NONCE attribute header
      + "662f2f34 39396b39 35346436 4f4c3334 6f4c3946 53547679 36347341" // "f//499k954d6OL34oL9FSTvy64sA"
      + "0014 000b"                  // REALM attribute header
      + "6578616d 706c652e 6f726700" // "example.org" and padding (1 byte)
      + "0008 0014"                  // MESSAGE-INTEGRITY attribute header
      + "f6702465 6dd64a3e 02b8e071 2e85c9a2 8ca89666"; // HMAC-SHA1

  static final InetSocketAddress MAPPED_V4 = address("192.0.2.1", 32853);
  static final InetSocketAddress MAPPED_V6 =
      address("2001:db8:1234:5678:11:2233:4455:6677", 32853);

  static InetSocketAddress address(String ip, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByName(ip), port);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private final MessageIntegrity mi = new MessageIntegrity();

  @ParameterizedTest
  @ValueSource(ints = {0, 5})
  void rfc5769_2_1_sampleRequest(int offset) {
    ByteBuf buf = StunTestBuffers.at(offset, SAMPLE_REQUEST);
    try {
      assertTrue(Stun.isStun(buf));
      StunMessage m = new StunMessage().wrap(buf);
      assertEquals(StunError.NONE, m.decode());
      assertEquals(offset, m.offset());
      assertEquals(Stun.BINDING_REQUEST, m.type());
      assertEquals(StunClass.REQUEST, m.messageClass());
      assertEquals(Stun.BINDING, m.method());
      assertEquals(new TransactionId(0xb7e7a701bc34d686L, 0xfa87dfae), m.transactionId());
      assertEquals("STUN test client", m.string(StunAttribute.SOFTWARE));
      assertEquals("evtj:h6vY", m.username());
      assertTrue(m.usernameEquals("evtj:h6vY".getBytes()));
      assertTrue(m.usernameStartsWith("evtj:".getBytes()));
      assertEquals(0x6e0001ffL, m.priority());
      assertTrue(m.has(StunAttribute.ICE_CONTROLLED));
      assertFalse(m.has(StunAttribute.ICE_CONTROLLING));
      assertEquals(0x932ff9b151263b36L, m.tieBreaker(StunAttribute.ICE_CONTROLLED));
      assertFalse(m.useCandidate());
      assertEquals(0, m.unknownRequiredCount());
      assertEquals(StunError.NONE, m.verify(mi, PASSWORD));
      assertEquals(StunError.NONE, m.verifyFingerprint(true));
    } finally {
      buf.release();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3})
  void rfc5769_2_2_sampleIpv4Response(int offset) {
    ByteBuf buf = StunTestBuffers.at(offset, SAMPLE_IPV4_RESPONSE);
    try {
      StunMessage m = new StunMessage().wrap(buf);
      assertEquals(StunError.NONE, m.decode());
      assertEquals(Stun.BINDING_SUCCESS, m.type());
      assertEquals(StunClass.SUCCESS_RESPONSE, m.messageClass());
      assertEquals("test vector", m.string(StunAttribute.SOFTWARE));
      assertEquals(MAPPED_V4, m.xorMappedAddress());
      assertEquals(StunError.NONE, m.verify(mi, PASSWORD));
    } finally {
      buf.release();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 9})
  void rfc5769_2_3_sampleIpv6Response(int offset) {
    ByteBuf buf = StunTestBuffers.at(offset, SAMPLE_IPV6_RESPONSE);
    try {
      StunMessage m = new StunMessage().wrap(buf);
      assertEquals(StunError.NONE, m.decode());
      assertEquals(MAPPED_V6, m.xorMappedAddress());
      assertEquals(StunError.NONE, m.verify(mi, PASSWORD));
    } finally {
      buf.release();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 6})
  void rfc5769_2_4_sampleRequestWithLongTermAuthentication(int offset) {
    ByteBuf buf = StunTestBuffers.at(offset, SAMPLE_REQUEST_LONG_TERM);
    try {
      StunMessage m = new StunMessage().wrap(buf);
      assertEquals(StunError.NONE, m.decode());
      assertEquals(new TransactionId(0x78ad3433c6ad72c0L, 0x29da412e), m.transactionId());
      String user = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
      assertEquals(user, m.username());
      assertEquals("f//499k954d6OL34oL9FSTvy64sA", m.string(StunAttribute.NONCE));
      assertEquals("example.org", m.string(StunAttribute.REALM));
      // The password is "The\u00ADM\u00AAtr\u2168" before SASLprep and "TheMatrIX" after it.
      byte[] key = MessageIntegrity.longTermKey(user, "example.org", "TheMatrIX");
      assertEquals(StunError.NONE, m.verify(mi, key));
      assertEquals(StunError.BAD_INTEGRITY, m.verify(mi, PASSWORD));
      assertEquals(StunError.BAD_FINGERPRINT, m.verifyFingerprint(true));
    } finally {
      buf.release();
    }
  }

  /**
   * Re-encoding the §2.2 response with the writer reproduces the RFC bytes, MESSAGE-INTEGRITY and
   * FINGERPRINT included (SOFTWARE padded with a space as in the RFC, so written raw).
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 11})
  void rfc5769_2_2_and_2_3_reencoded(int offset) {
    for (Object[] v : new Object[][] {{SAMPLE_IPV4_RESPONSE, MAPPED_V4}, {SAMPLE_IPV6_RESPONSE, MAPPED_V6}}) {
      ByteBuf out = Unpooled.buffer();
      out.writeZero(offset);
      StunWriter w = new StunWriter().start(out, Stun.BINDING_SUCCESS,
          new TransactionId(0xb7e7a701bc34d686L, 0xfa87dfae));
      w.bytes(StunAttribute.SOFTWARE, "test vector".getBytes());
      out.setByte(out.writerIndex() - 1, ' '); // the RFC pads with 0x20
      w.xorMappedAddress((InetSocketAddress) v[1]).messageIntegrity(PASSWORD).fingerprint();
      byte[] expected = ByteBufUtil.decodeHexDump(((String) v[0]).replace(" ", ""));
      assertArrayEquals(expected, ByteBufUtil.getBytes(out, offset, w.length()));
      out.release();
    }
  }
}
