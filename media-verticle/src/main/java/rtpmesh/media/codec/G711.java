package rtpmesh.media.codec;

/**
 * ITU-T G.711 µ-law (PCMU, RTP payload type 0) and A-law (PCMA, 8), 8 kHz, one byte per sample.
 * Table-driven both ways: decoding is a 256-entry lookup, encoding a 16384-entry lookup on the
 * sample's top 14 bits (G.711 resolves no more than that).
 */
public final class G711 {
  private G711() {}

  private static final short[] ULAW_DECODE = new short[256];
  private static final short[] ALAW_DECODE = new short[256];
  private static final byte[] ULAW_ENCODE = new byte[1 << 14];
  private static final byte[] ALAW_ENCODE = new byte[1 << 14];

  static {
    for (int i = 0; i < 256; i++) {
      ULAW_DECODE[i] = (short) ulawToLinear(i);
      ALAW_DECODE[i] = (short) alawToLinear(i);
    }
    for (int i = 0; i < (1 << 14); i++) {
      int sample = (short) (i << 2);
      ULAW_ENCODE[i] = (byte) linearToUlaw(sample);
      ALAW_ENCODE[i] = (byte) linearToAlaw(sample);
    }
  }

  public static short ulawDecode(int code) {
    return ULAW_DECODE[code & 0xFF];
  }

  public static short alawDecode(int code) {
    return ALAW_DECODE[code & 0xFF];
  }

  public static byte ulawEncode(int sample) {
    return ULAW_ENCODE[(sample >> 2) & 0x3FFF];
  }

  public static byte alawEncode(int sample) {
    return ALAW_ENCODE[(sample >> 2) & 0x3FFF];
  }

  /** G.711 Table 2a: µ-law, bias 33 on a 14-bit magnitude, all bits inverted on the wire. */
  static int ulawToLinear(int code) {
    int u = ~code & 0xFF;
    int t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
    return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
  }

  static int linearToUlaw(int pcm) {
    int mask;
    if (pcm < 0) {
      pcm = -pcm;
      mask = 0x7F;
    } else {
      mask = 0xFF;
    }
    pcm = Math.min(pcm + 0x84, 0x7FFF);
    int seg = segment(pcm >> 8, 8);
    int uval = (seg << 4) | ((pcm >> (seg + 3)) & 0x0F);
    return uval ^ mask;
  }

  /** G.711 Table 1a: A-law, 13-bit magnitude, even bits inverted on the wire (0x55). */
  static int alawToLinear(int code) {
    int a = (code & 0xFF) ^ 0x55;
    int t = (a & 0x0F) << 4;
    int seg = (a & 0x70) >> 4;
    if (seg == 0) {
      t += 8;
    } else {
      t = (t + 0x108) << (seg - 1);
    }
    return (a & 0x80) != 0 ? t : -t;
  }

  static int linearToAlaw(int pcm) {
    int mask;
    if (pcm >= 0) {
      mask = 0xD5;
    } else {
      mask = 0x55;
      pcm = -pcm - 1;
    }
    int seg = segment(pcm >> 8, 8);
    int aval;
    if (seg >= 8) {
      aval = 0x7F;
    } else {
      aval = seg << 4;
      aval |= seg < 1 ? (pcm >> 4) & 0x0F : (pcm >> (seg + 3)) & 0x0F;
    }
    return aval ^ mask;
  }

  /** The segment (exponent) of a magnitude already shifted right by the first segment's width. */
  private static int segment(int v, int max) {
    int seg = 0;
    while (v > 0 && seg < max) {
      v >>= 1;
      seg++;
    }
    return seg;
  }

  /** PCMU as an {@link AudioDecoder}/{@link AudioEncoder}: stateless, so one instance serves any stream. */
  public static final class Ulaw extends Table {
    public Ulaw() {
      super(ULAW_DECODE, ULAW_ENCODE);
    }
  }

  /** PCMA as an {@link AudioDecoder}/{@link AudioEncoder}: stateless. */
  public static final class Alaw extends Table {
    public Alaw() {
      super(ALAW_DECODE, ALAW_ENCODE);
    }
  }

  /** Both laws are one lookup each way; only the tables differ. */
  private abstract static class Table implements AudioDecoder, AudioEncoder {
    private final short[] decode;
    private final byte[] encode;

    Table(short[] decode, byte[] encode) {
      this.decode = decode;
      this.encode = encode;
    }

    @Override
    public int decode(byte[] payload, int off, int len, short[] pcm) {
      for (int i = 0; i < len; i++) pcm[i] = decode[payload[off + i] & 0xFF];
      return len;
    }

    @Override
    public int encode(short[] pcm, int off, int samples, byte[] out, int outOff) {
      for (int i = 0; i < samples; i++) out[outOff + i] = encode[(pcm[off + i] >> 2) & 0x3FFF];
      return samples;
    }

    @Override
    public int sampleRate() {
      return 8000;
    }

    @Override
    public int channels() {
      return 1;
    }

    @Override
    public void close() {}
  }
}
