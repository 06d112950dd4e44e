package rtpmesh.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ForwardChunkTest {

  @Test
  void headerBytesAreAsDocumentedAndSamplesLittleEndian() {
    ByteBuffer b = ByteBuffer.allocate(64);
    short[] pcm = {1, -2, 0x1234};
    ForwardChunk.encode(b, 0, 1, 2, 0x00030fa0, 0x11223344, 0x55667788, 7, 1120, pcm, 0, 3);
    assertEquals(ForwardChunk.HEADER + 6, b.position());
    String hex = HexFormat.of().formatHex(b.array(), 0, b.position());
    assertEquals("524d5046" + "01" + "00" + "01" + "02" + "00030fa0" + "11223344" + "55667788" + "00000007"
        + "00000460" + "1f40" + "0003" + "0100" + "feff" + "3412", hex);
  }

  @Test
  void decodeReadsBackWhatEncodeWrote() {
    ByteBuffer b = ByteBuffer.allocate(400);
    short[] pcm = new short[160];
    for (int i = 0; i < pcm.length; i++) pcm[i] = (short) (i * 200 - 16000);
    ForwardChunk.encode(b, ForwardChunk.FLAG_END, 255, 9, -1, ForwardChunk.hash("caller"), ForwardChunk.hash("c1"),
        0xfffffffeL, 0xffffff00L, pcm, 0, 160);
    b.flip();
    ForwardChunk.Header h = ForwardChunk.decode(b);
    assertEquals(new ForwardChunk.Header(1, 255, 9, -1, ForwardChunk.hash("caller"), ForwardChunk.hash("c1"),
        0xfffffffeL, 0xffffff00L, 8000, 160), h);
    assertTrue(h.end());
    assertArrayEquals(pcm, ForwardChunk.samples(b, h));
    assertEquals(0, b.remaining());
  }

  @Test
  void crc32OfTheTag() {
    // the CRC-32 check value of "123456789" (ISO-HDLC)
    assertEquals(0xCBF43926, ForwardChunk.hash("123456789"));
  }

  @Test
  void foreignOrShortRecordsAreNotDecoded() {
    assertNull(ForwardChunk.decode(ByteBuffer.wrap(new byte[31])));
    assertNull(ForwardChunk.decode(ByteBuffer.wrap(new byte[40])));
    ByteBuffer v2 = ByteBuffer.allocate(40).putInt(ForwardChunk.MAGIC).put((byte) 2);
    assertNull(ForwardChunk.decode(v2.rewind()));
  }

  @Test
  void forwardTargets() {
    assertEquals(new ForwardTarget(false, "127.0.0.1", 5555), ForwardTarget.parse("udp:127.0.0.1:5555"));
    assertEquals(new ForwardTarget(true, "::1", 9), ForwardTarget.parse("TCP:[::1]:9"));
    assertEquals("tcp:[::1]:9", ForwardTarget.parse("tcp:[::1]:9").toString());
    for (String bad : new String[] {"127.0.0.1:5555", "udp:", "udp:host", "udp::5", "udp:h:0", "udp:h:x", "sctp:h:1"}) {
      assertThrows(IllegalArgumentException.class, () -> ForwardTarget.parse(bad), bad);
    }
  }
}
