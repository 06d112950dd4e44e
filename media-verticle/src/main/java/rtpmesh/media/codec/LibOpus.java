package rtpmesh.media.codec;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Debian's libopus0 through JNA. The encode/decode calls use direct mapping (no reflection per
 * call); the variadic ctl goes through an interface mapping, used only when a stream is set up.
 */
final class LibOpus {
  private LibOpus() {}

  static final int APPLICATION_VOIP = 2048;
  static final int SET_BITRATE = 4002;
  static final int SET_MAX_BANDWIDTH = 4004;
  static final int SET_VBR = 4006;
  static final int SET_COMPLEXITY = 4010;
  static final int SET_INBAND_FEC = 4012;
  static final int SET_PACKET_LOSS_PERC = 4014;
  static final int SET_DTX = 4016;
  static final int SET_FORCE_CHANNELS = 4022;

  private static final Throwable UNAVAILABLE;
  private static final Ctl CTL;

  interface Ctl extends Library {
    int opus_encoder_ctl(Pointer st, int request, Object... args);
  }

  static {
    Throwable failure = null;
    Ctl ctl = null;
    try {
      Native.register(LibOpus.class, "opus");
      ctl = Native.load("opus", Ctl.class);
    } catch (Throwable t) {
      failure = t;
    }
    UNAVAILABLE = failure;
    CTL = ctl;
  }

  /** True when libopus could be loaded (Debian: libopus0). */
  static boolean available() {
    return UNAVAILABLE == null;
  }

  static String unavailableReason() {
    return UNAVAILABLE == null ? null : UNAVAILABLE.toString();
  }

  static int ctl(Pointer st, int request, int value) {
    return CTL.opus_encoder_ctl(st, request, value);
  }

  static native Pointer opus_encoder_create(int fs, int channels, int application, int[] error);

  static native void opus_encoder_destroy(Pointer st);

  static native int opus_encode(Pointer st, short[] pcm, int frameSize, byte[] data, int maxDataBytes);

  static native Pointer opus_decoder_create(int fs, int channels, int[] error);

  static native void opus_decoder_destroy(Pointer st);

  static native int opus_decode(Pointer st, byte[] data, int len, short[] pcm, int frameSize, int decodeFec);
}
