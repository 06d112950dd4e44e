package rtpmesh.recording;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The wire format of forwarded audio: one record per 20 ms chunk of one stream (what one party sends
 * on one media section), decoded to 8 kHz mono. Over UDP one datagram per record; over TCP each record
 * is preceded by its length (u32, big-endian). A record is a 32-byte header, big-endian:
 * <pre>
 *  0  u32  magic 'RMPF' (0x524d5046)
 *  4  u8   version (1)
 *  5  u8   flags: 1 = END (the stream stops: forwarding stopped or the call ended; no samples)
 *  6  u8   party index (the party's position in the call, 0 = the offerer)
 *  7  u8   media index (the m= line's index, from 1)
 *  8  u32  stream id (unique on the node while forwarded)
 * 12  u32  CRC-32 of the party's tag (from-tag or to-tag, UTF-8)
 * 16  u32  CRC-32 of the call-id (UTF-8)
 * 20  u32  sequence number of the record in its stream, from 0
 * 24  u32  position of the first sample, in samples since the stream's first audio
 * 28  u16  sample rate (8000)
 * 30  u16  sample count (160 for 20 ms; fewer in the last one)
 * </pre>
 * then the samples, signed 16-bit little-endian. Plain Java, no Vert.x.
 */
public final class ForwardChunk {
  public static final int MAGIC = 0x524d5046;
  public static final int VERSION = 1;
  public static final int HEADER = 32;
  public static final int FLAG_END = 1;
  public static final int SAMPLES = 160;
  public static final int RATE = 8000;

  /** A decoded header. */
  public record Header(int flags, int partyIndex, int mediaIndex, int streamId, int tagHash, int callHash,
                       long sequence, long position, int rate, int samples) {
    public boolean end() {
      return (flags & FLAG_END) != 0;
    }
  }

  private ForwardChunk() {}

  /** Writes one record (header and {@code n} samples of {@code pcm} from {@code off}) at {@code out}'s position. */
  public static void encode(ByteBuffer out, int flags, int partyIndex, int mediaIndex, int streamId, int tagHash,
                            int callHash, long sequence, long position, short[] pcm, int off, int n) {
    out.order(ByteOrder.BIG_ENDIAN);
    out.putInt(MAGIC).put((byte) VERSION).put((byte) flags).put((byte) partyIndex).put((byte) mediaIndex)
        .putInt(streamId).putInt(tagHash).putInt(callHash).putInt((int) sequence).putInt((int) position)
        .putShort((short) RATE).putShort((short) n);
    out.order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      out.putShort(pcm[off + i]);
    }
    out.order(ByteOrder.BIG_ENDIAN);
  }

  /** Reads a record's header at {@code in}'s position (which moves past it); null when it is not one of ours. */
  public static Header decode(ByteBuffer in) {
    if (in.remaining() < HEADER) return null;
    in.order(ByteOrder.BIG_ENDIAN);
    if (in.getInt() != MAGIC) return null;
    int version = in.get() & 0xff;
    if (version != VERSION) return null;
    return new Header(in.get() & 0xff, in.get() & 0xff, in.get() & 0xff, in.getInt(), in.getInt(), in.getInt(),
        in.getInt() & 0xffffffffL, in.getInt() & 0xffffffffL, in.getShort() & 0xffff, in.getShort() & 0xffff);
  }

  /** Reads the {@code h.samples()} samples that follow a header. */
  public static short[] samples(ByteBuffer in, Header h) {
    short[] s = new short[h.samples()];
    in.order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < s.length; i++) s[i] = in.getShort();
    in.order(ByteOrder.BIG_ENDIAN);
    return s;
  }

  /** The CRC-32 of a tag or call-id, as the header carries it. */
  public static int hash(String s) {
    CRC32 crc = new CRC32();
    crc.update(s.getBytes(StandardCharsets.UTF_8));
    return (int) crc.getValue();
  }
}
