package rtpmesh.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapWriterTest {
  @TempDir
  Path dir;

  /** RFC 791 header checksum of a sample header (192.168.0.1 -> 192.168.0.199, UDP, 115 bytes). */
  @Test
  void ipv4HeaderChecksum() {
    // version/IHL, TOS, length 0x73, id 0, DF, TTL 64, UDP, checksum 0, source, destination
    byte[] h = hex("45" + "00" + "0073" + "0000" + "4000" + "40" + "11" + "0000" + "c0a80001" + "c0a800c7");
    assertEquals(0xb861, PcapWriter.ipChecksum(h, 0, 20));
  }

  @Test
  void rawIpv4RecordHasRealAddressesPortsAndArrivalTime() throws Exception {
    Path p = dir.resolve("x.pcap");
    PcapWriter w = PcapWriter.create(p, false, new RecordingCounters());
    byte[] rec = new byte[32];
    System.arraycopy(new byte[] {10, 0, 0, 1}, 0, rec, 0, 4);
    System.arraycopy(new byte[] {10, 0, 0, 2}, 0, rec, 16, 4);
    byte[] payload = {(byte) 0x80, 0, 0, 1, 9, 9, 9};
    w.write(1_700_000_000_123L, false, rec, 0, 5004, 16, 30000, payload, 0, payload.length);
    w.close();
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0xa1b2c3d4, b.getInt(0));
    assertEquals(PcapWriter.LINKTYPE_RAW, b.getInt(20));
    assertEquals(1_700_000_000, b.getInt(24));
    assertEquals(123_000, b.getInt(28));
    int len = 20 + 8 + payload.length;
    assertEquals(len, b.getInt(32));
    assertEquals(len, b.getInt(36));
    b.order(ByteOrder.BIG_ENDIAN);
    int ip = 40;
    assertEquals(0x45, b.get(ip) & 0xff);
    assertEquals(len, b.getShort(ip + 2) & 0xffff);
    assertEquals(17, b.get(ip + 9));
    assertEquals(0x0a000001, b.getInt(ip + 12));
    assertEquals(0x0a000002, b.getInt(ip + 16));
    assertEquals(0, PcapWriter.ipChecksum(b.array(), ip, 20), "a header with its checksum sums to 0");
    assertEquals(5004, b.getShort(ip + 20) & 0xffff);
    assertEquals(30000, b.getShort(ip + 22) & 0xffff);
    assertEquals(8 + payload.length, b.getShort(ip + 24) & 0xffff);
    assertEquals(9, b.get(ip + 28 + 6));
    assertEquals(40 + len, b.capacity());
  }

  @Test
  void ethernetRecordStartsWithAFrameHeader() throws Exception {
    Path p = dir.resolve("e.pcap");
    PcapWriter w = PcapWriter.create(p, true, new RecordingCounters());
    w.write(0, false, new byte[32], 0, 1, 16, 2, new byte[4], 0, 4);
    w.close();
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(PcapWriter.LINKTYPE_ETHERNET, b.getInt(20));
    assertEquals(14 + 20 + 8 + 4, b.getInt(32));
    assertEquals(0x0800, b.order(ByteOrder.BIG_ENDIAN).getShort(40 + 12));
    assertEquals(0x45, b.get(40 + 14));
  }

  static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    return out;
  }
}
