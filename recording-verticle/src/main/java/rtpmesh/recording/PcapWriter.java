package rtpmesh.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A libpcap file (tcpdump's classic format, microsecond timestamps) of the packets of one call,
 * each with the IP and UDP headers it had on the wire: from the party's real address and port to
 * ours. {@code raw} is LINKTYPE_RAW (101, the packet starts with its IP header), {@code eth}
 * LINKTYPE_ETHERNET (1) with zero MAC addresses: rtpengine's {@code --recording-format}.
 *
 * <p>Used by the writer thread only.
 */
final class PcapWriter {
  static final int LINKTYPE_ETHERNET = 1;
  static final int LINKTYPE_RAW = 101;

  private final FileSink sink;
  private final boolean ethernet;
  private final ByteBuffer header = ByteBuffer.allocate(14 + 40 + 8).order(ByteOrder.BIG_ENDIAN);
  private int ipId;
  long packets;

  PcapWriter(FileSink sink, boolean ethernet) {
    this.sink = sink;
    this.ethernet = ethernet;
    ByteBuffer b = sink.reserve(24);
    if (b != null) {
      b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
          .putInt(ethernet ? LINKTYPE_ETHERNET : LINKTYPE_RAW);
    }
  }

  static PcapWriter create(Path path, boolean ethernet, RecordingCounters counters) throws IOException {
    return new PcapWriter(FileSink.create(path, counters), ethernet);
  }

  /** One UDP datagram; addresses are 4 or 16 bytes at {@code off} of {@code rec}. */
  void write(long arrivalMs, boolean v6, byte[] rec, int srcOff, int srcPort, int dstOff, int dstPort,
             byte[] payload, int payloadOff, int payloadLen) {
    header.clear();
    if (ethernet) {
      header.putLong(0).putInt(0).putShort((short) (v6 ? 0x86DD : 0x0800));
    }
    int udpLen = 8 + payloadLen;
    if (v6) {
      header.putInt(0x60000000).putShort((short) udpLen).put((byte) 17).put((byte) 64);
      header.put(rec, srcOff, 16).put(rec, dstOff, 16);
    } else {
      int ipStart = header.position();
      header.put((byte) 0x45).put((byte) 0).putShort((short) (20 + udpLen)).putShort((short) ipId++)
          .putShort((short) 0x4000).put((byte) 64).put((byte) 17).putShort((short) 0)
          .put(rec, srcOff, 4).put(rec, dstOff, 4);
      header.putShort(ipStart + 10, (short) ipChecksum(header.array(), ipStart, 20));
    }
    // UDP checksum 0: "not computed", valid for IPv4 (RFC 768); tshark does not check it by default.
    header.putShort((short) srcPort).putShort((short) dstPort).putShort((short) udpLen).putShort((short) 0);
    int total = header.position() + payloadLen;
    ByteBuffer b = sink.reserve(16);
    if (b == null) return;
    long usec = arrivalMs * 1000;
    b.putInt((int) (usec / 1_000_000)).putInt((int) (usec % 1_000_000)).putInt(total).putInt(total);
    sink.write(header.array(), 0, header.position());
    sink.write(payload, payloadOff, payloadLen);
    packets++;
  }

  /** RFC 791 header checksum: one's complement of the one's complement sum of 16-bit words. */
  static int ipChecksum(byte[] b, int off, int len) {
    int sum = 0;
    for (int i = 0; i < len; i += 2) {
      sum += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    return ~sum & 0xffff;
  }

  void close() {
    sink.close();
  }

  Path path() {
    return sink.path;
  }
}
