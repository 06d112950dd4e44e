package rtpmesh.media.player;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import rtpmesh.media.codec.G711;

/**
 * RIFF/WAVE decoding (Microsoft's RIFF spec, WAVE_FORMAT_PCM = 1, WAVE_FORMAT_ALAW = 6,
 * WAVE_FORMAT_MULAW = 7, WAVE_FORMAT_EXTENSIBLE = 0xFFFE with one of those as sub-format) into a
 * mono {@link PcmClip}: 16-bit PCM or G.711 A-law/µ-law, 8-48 kHz, mono (stereo is averaged).
 * Chunks other than {@code fmt } and {@code data} are skipped; a data chunk cut short (a file still
 * being written) plays what is there. Plain Java, no I/O: the caller reads the bytes.
 */
public final class WavFile {
  static final int PCM = 1;
  static final int ALAW = 6;
  static final int MULAW = 7;
  static final int EXTENSIBLE = 0xFFFE;
  static final int MIN_RATE = 8000;
  static final int MAX_RATE = 48000;

  private WavFile() {}

  public static PcmClip decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12 || b.getInt(0) != 0x46464952 /* RIFF */ || b.getInt(8) != 0x45564157 /* WAVE */) {
      throw new WavException("Not a WAV file (no RIFF/WAVE header)");
    }
    int format = -1;
    int channels = 0;
    int rate = 0;
    int bits = 0;
    int pos = 12;
    while (pos + 8 <= bytes.length) {
      int id = b.getInt(pos);
      long size = Integer.toUnsignedLong(b.getInt(pos + 4));
      int body = pos + 8;
      if (id == 0x20746d66 /* "fmt " */) {
        if (size < 16 || body + 16 > bytes.length) throw new WavException("WAV fmt chunk too short: " + size + " bytes");
        format = b.getShort(body) & 0xFFFF;
        channels = b.getShort(body + 2) & 0xFFFF;
        rate = b.getInt(body + 4);
        bits = b.getShort(body + 14) & 0xFFFF;
        if (format == EXTENSIBLE) {
          if (size < 40 || body + 26 > bytes.length) throw new WavException("WAV extensible fmt chunk too short: " + size + " bytes");
          format = b.getShort(body + 24) & 0xFFFF; // first two bytes of the sub-format GUID
        }
      } else if (id == 0x61746164 /* "data" */) {
        if (format < 0) throw new WavException("WAV data chunk before its fmt chunk");
        int len = (int) Math.min(size, bytes.length - body);
        return new PcmClip(samples(b, body, len, format, channels, bits), checkRate(rate));
      }
      pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1)); // chunks are padded to even length
    }
    throw new WavException(format < 0 ? "WAV file without fmt chunk" : "WAV file without data chunk");
  }

  private static int checkRate(int rate) {
    if (rate < MIN_RATE || rate > MAX_RATE) {
      throw new WavException("Unsupported WAV sample rate " + rate + " Hz, expected " + MIN_RATE + "-" + MAX_RATE);
    }
    return rate;
  }

  private static short[] samples(ByteBuffer b, int off, int len, int format, int channels, int bits) {
    if (channels != 1 && channels != 2) throw new WavException("Unsupported WAV channel count " + channels + ", expected 1 or 2");
    int width = switch (format) {
      case PCM -> {
        if (bits != 16) throw new WavException("Unsupported WAV PCM sample size " + bits + " bits, expected 16");
        yield 2;
      }
      case ALAW, MULAW -> {
        if (bits != 8) throw new WavException("Unsupported WAV G.711 sample size " + bits + " bits, expected 8");
        yield 1;
      }
      default -> throw new WavException("Unsupported WAV format " + format + ", expected PCM (1), A-law (6) or mu-law (7)");
    };
    int n = len / (width * channels);
    short[] out = new short[n];
    for (int i = 0; i < n; i++) {
      int at = off + i * width * channels;
      int sum = 0;
      for (int c = 0; c < channels; c++) sum += sample(b, at + c * width, format);
      out[i] = (short) (sum / channels);
    }
    return out;
  }

  private static int sample(ByteBuffer b, int at, int format) {
    return switch (format) {
      case ALAW -> G711.alawDecode(b.get(at) & 0xFF);
      case MULAW -> G711.ulawDecode(b.get(at) & 0xFF);
      default -> b.getShort(at);
    };
  }

  /** A WAV file of 16-bit mono PCM (for tests and tools). */
  public static byte[] encodePcm16(short[] samples, int rate) {
    return encode(PCM, rate, 16, samples.length * 2, buf -> {
      for (short s : samples) buf.putShort(s);
    });
  }

  /** A WAV file of mono G.711 ({@code alaw} or µ-law) from PCM (for tests and tools). */
  public static byte[] encodeG711(short[] samples, int rate, boolean alaw) {
    return encode(alaw ? ALAW : MULAW, rate, 8, samples.length, buf -> {
      for (short s : samples) buf.put(alaw ? G711.alawEncode(s) : G711.ulawEncode(s));
    });
  }

  private static byte[] encode(int format, int rate, int bits, int dataLen, java.util.function.Consumer<ByteBuffer> data) {
    ByteBuffer buf = ByteBuffer.allocate(44 + dataLen + (dataLen & 1)).order(ByteOrder.LITTLE_ENDIAN);
    int block = bits / 8;
    buf.putInt(0x46464952).putInt(36 + dataLen + (dataLen & 1)).putInt(0x45564157);
    buf.putInt(0x20746d66).putInt(16).putShort((short) format).putShort((short) 1).putInt(rate)
        .putInt(rate * block).putShort((short) block).putShort((short) bits);
    buf.putInt(0x61746164).putInt(dataLen);
    data.accept(buf);
    return buf.array();
  }
}
