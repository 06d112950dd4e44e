package rtpmesh.media.codec;

import com.sun.jna.Pointer;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusBandwidth;
import io.github.jaredmdobson.concentus.OpusException;

/**
 * Opus (RFC 6716, RTP per RFC 7587) encoders and decoders. libopus (Debian's libopus0, through JNA)
 * is used when it loads: it measured about three times the channels per core of the pure-Java port
 * (Concentus), which remains the fallback so that a machine without the library still transcodes.
 *
 * <p>PCM runs at any of Opus's rates (8, 12, 16, 24, 48 kHz), so a PCMU or G.722 peer needs no
 * resampler: the codec does it internally. The RTP clock stays 48000 Hz regardless (RFC 7587 §4.1).
 */
public final class Opus {
  private Opus() {}

  /** The complexity we encode at: rtpengine's default is 10; 5 keeps voice quality at half the cost. */
  public static final int COMPLEXITY = 5;

  /** {@code -Drtpmesh.opus=concentus} forces the pure-Java codec (to compare, or to avoid native code). */
  private static final boolean NATIVE = LibOpus.available() && !"concentus".equals(System.getProperty("rtpmesh.opus"));

  /** Which implementation {@link #encoder}/{@link #decoder} use. */
  public static String implementation() {
    return NATIVE ? "libopus" : "concentus";
  }

  public static AudioEncoder encoder(int sampleRate, OpusFmtp fmtp) {
    return NATIVE ? new NativeEncoder(sampleRate, fmtp) : javaEncoder(sampleRate, fmtp);
  }

  public static AudioDecoder decoder(int sampleRate, int channels) {
    return NATIVE ? new NativeDecoder(sampleRate, channels) : javaDecoder(sampleRate, channels);
  }

  static AudioEncoder javaEncoder(int sampleRate, OpusFmtp fmtp) {
    return new JavaEncoder(sampleRate, fmtp);
  }

  static AudioDecoder javaDecoder(int sampleRate, int channels) {
    return new JavaDecoder(sampleRate, channels);
  }

  private static final class NativeEncoder implements AudioEncoder {
    private final int rate;
    private final int channels;
    private Pointer st;
    private short[] frame = new short[0];

    NativeEncoder(int rate, OpusFmtp fmtp) {
      this.rate = rate;
      this.channels = fmtp.channels();
      int[] err = new int[1];
      st = LibOpus.opus_encoder_create(rate, channels, LibOpus.APPLICATION_VOIP, err);
      if (st == null || err[0] != 0) throw new IllegalStateException("opus_encoder_create: " + err[0]);
      LibOpus.ctl(st, LibOpus.SET_COMPLEXITY, COMPLEXITY);
      LibOpus.ctl(st, LibOpus.SET_BITRATE, fmtp.bitrate());
      LibOpus.ctl(st, LibOpus.SET_MAX_BANDWIDTH, fmtp.maxBandwidth());
      LibOpus.ctl(st, LibOpus.SET_VBR, fmtp.cbr() ? 0 : 1);
      LibOpus.ctl(st, LibOpus.SET_INBAND_FEC, fmtp.useInbandFec() ? 1 : 0);
      if (fmtp.useInbandFec()) LibOpus.ctl(st, LibOpus.SET_PACKET_LOSS_PERC, 5);
      LibOpus.ctl(st, LibOpus.SET_DTX, fmtp.useDtx() ? 1 : 0);
    }

    @Override
    public int encode(short[] pcm, int off, int samples, byte[] out, int outOff) {
      short[] in = pcm;
      if (off != 0) {
        if (frame.length < samples * channels) frame = new short[samples * channels];
        System.arraycopy(pcm, off, frame, 0, samples * channels);
        in = frame;
      }
      // Direct mapping passes arrays from index 0; payloads are built at offset 0 by callers.
      if (outOff != 0) throw new IllegalArgumentException("outOff must be 0");
      int n = LibOpus.opus_encode(st, in, samples, out, out.length);
      return Math.max(n, 0);
    }

    @Override
    public int sampleRate() {
      return rate;
    }

    @Override
    public int channels() {
      return channels;
    }

    @Override
    public void close() {
      if (st != null) {
        LibOpus.opus_encoder_destroy(st);
        st = null;
      }
    }
  }

  private static final class NativeDecoder implements AudioDecoder {
    private final int rate;
    private final int channels;
    private Pointer st;
    private byte[] data = new byte[1500];

    NativeDecoder(int rate, int channels) {
      this.rate = rate;
      this.channels = channels;
      int[] err = new int[1];
      st = LibOpus.opus_decoder_create(rate, channels, err);
      if (st == null || err[0] != 0) throw new IllegalStateException("opus_decoder_create: " + err[0]);
    }

    @Override
    public int decode(byte[] payload, int off, int len, short[] pcm) {
      byte[] in = payload;
      if (off != 0) {
        if (data.length < len) data = new byte[len];
        System.arraycopy(payload, off, data, 0, len);
        in = data;
      }
      int n = LibOpus.opus_decode(st, in, len, pcm, pcm.length / channels, 0);
      return n < 0 ? -1 : n;
    }

    @Override
    public int conceal(int samples, short[] pcm) {
      int n = LibOpus.opus_decode(st, null, 0, pcm, samples, 0);
      return n < 0 ? AudioDecoder.super.conceal(samples, pcm) : n;
    }

    @Override
    public int sampleRate() {
      return rate;
    }

    @Override
    public int channels() {
      return channels;
    }

    @Override
    public void close() {
      if (st != null) {
        LibOpus.opus_decoder_destroy(st);
        st = null;
      }
    }
  }

  private static final class JavaEncoder implements AudioEncoder {
    private final int rate;
    private final int channels;
    private final io.github.jaredmdobson.concentus.OpusEncoder enc;

    JavaEncoder(int rate, OpusFmtp fmtp) {
      this.rate = rate;
      this.channels = fmtp.channels();
      try {
        enc = new io.github.jaredmdobson.concentus.OpusEncoder(rate, channels, OpusApplication.OPUS_APPLICATION_VOIP);
      } catch (OpusException e) {
        throw new IllegalStateException(e);
      }
      enc.setComplexity(COMPLEXITY);
      enc.setBitrate(fmtp.bitrate());
      enc.setUseVBR(!fmtp.cbr());
      enc.setUseInbandFEC(fmtp.useInbandFec());
      enc.setUseDTX(fmtp.useDtx());
      enc.setMaxBandwidth(switch (fmtp.maxBandwidth()) {
        case 1101 -> OpusBandwidth.OPUS_BANDWIDTH_NARROWBAND;
        case 1102 -> OpusBandwidth.OPUS_BANDWIDTH_MEDIUMBAND;
        case 1103 -> OpusBandwidth.OPUS_BANDWIDTH_WIDEBAND;
        case 1104 -> OpusBandwidth.OPUS_BANDWIDTH_SUPERWIDEBAND;
        default -> OpusBandwidth.OPUS_BANDWIDTH_FULLBAND;
      });
    }

    @Override
    public int encode(short[] pcm, int off, int samples, byte[] out, int outOff) {
      try {
        return enc.encode(pcm, off, samples, out, outOff, out.length - outOff);
      } catch (OpusException e) {
        return 0;
      }
    }

    @Override
    public int sampleRate() {
      return rate;
    }

    @Override
    public int channels() {
      return channels;
    }
  }

  private static final class JavaDecoder implements AudioDecoder {
    private final int rate;
    private final int channels;
    private final io.github.jaredmdobson.concentus.OpusDecoder dec;

    JavaDecoder(int rate, int channels) {
      this.rate = rate;
      this.channels = channels;
      try {
        dec = new io.github.jaredmdobson.concentus.OpusDecoder(rate, channels);
      } catch (OpusException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public int decode(byte[] payload, int off, int len, short[] pcm) {
      try {
        return dec.decode(payload, off, len, pcm, 0, pcm.length / channels, false);
      } catch (OpusException e) {
        return -1;
      }
    }

    @Override
    public int conceal(int samples, short[] pcm) {
      try {
        return dec.decode(null, 0, 0, pcm, 0, samples, false);
      } catch (OpusException e) {
        return AudioDecoder.super.conceal(samples, pcm);
      }
    }

    @Override
    public int sampleRate() {
      return rate;
    }

    @Override
    public int channels() {
      return channels;
    }
  }
}
