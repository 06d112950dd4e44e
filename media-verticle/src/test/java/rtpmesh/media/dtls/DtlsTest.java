package rtpmesh.media.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DtlsTest {
  // RFC 7983 §7 demultiplexing table.
  @ParameterizedTest(name = "rfc7983 first byte {0} -> {1}")
  @CsvSource({
    "0, false",   // STUN
    "3, false",   // STUN
    "16, false",  // ZRTP
    "19, false",  // ZRTP
    "20, true",   // DTLS change_cipher_spec
    "22, true",   // DTLS handshake
    "63, true",   // last DTLS value
    "64, false",  // TURN channel
    "79, false",  // TURN channel
    "128, false", // RTP/RTCP
    "191, false", // RTP/RTCP
  })
  void rfc7983Demux(int firstByte, boolean dtls) {
    assertEquals(dtls, Dtls.isDtls(Unpooled.wrappedBuffer(new byte[] {(byte) firstByte, 0})));
    // Same at a non-zero offset: a view must honour its reader index.
    ByteBuf shifted = Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, (byte) firstByte, 0});
    shifted.readerIndex(1);
    assertEquals(dtls, Dtls.isDtls(shifted));
  }

  @ParameterizedTest(name = "rfc7983 empty datagram is not DTLS")
  @CsvSource({"0"})
  void emptyIsNotDtls(int unused) {
    assertEquals(false, Dtls.isDtls(Unpooled.EMPTY_BUFFER));
  }

  // RFC 6347 §4.1 record headers: type, version, epoch, seq(6), length(2), fragment.
  @ParameterizedTest(name = "rfc6347 record walk {0}")
  @CsvSource({
    "one handshake record,       16fefd0000000000000000000201ab, true",
    "two records in a datagram,  14fefd000000000000000000010116fefd00010000000000000001ff, true",
    "DTLS 1.0 version,           16feff0000000000000000000100, true",
    "heartbeat type 24,          18fefd0000000000000000000100, true",
    "header only short,          16fefd00000000000000000002, false",
    "fragment longer than data,  16fefd0000000000000000000501, false",
    "trailing bytes,             16fefd000000000000000000010000, false",
    "TLS not DTLS version,       160303000000000000000000010000, false",
    "unknown content type 30,    1efefd0000000000000000000100, false",
    "12 bytes,                   16fefd000000000000000000, false",
  })
  void rfc6347RecordWalk(String name, String hex, boolean wellFormed) {
    byte[] bytes = HexFormat.of().parseHex(hex.trim());
    assertEquals(wellFormed, Dtls.isWellFormed(Unpooled.wrappedBuffer(bytes), 0, bytes.length));
    byte[] shifted = new byte[bytes.length + 3];
    System.arraycopy(bytes, 0, shifted, 3, bytes.length);
    assertEquals(wellFormed, Dtls.isWellFormed(Unpooled.wrappedBuffer(shifted), 3, bytes.length));
  }
}
