package rtpmesh.control.node;

import java.nio.ByteBuffer;
import rtpmesh.media.codec.G711;

/**
 * PCMU RTP packets carrying a sine tone, and the Goertzel power of a frequency in a received one:
 * enough to tell which party a phone hears.
 */
final class Tone {
  private Tone() {}

  static final int SAMPLES = 160;

  /** 20 ms of {@code hz} at 8 kHz in PCMU (payload type 0), continuous across sequence numbers. */
  static byte[] packet(double hz, int seq, int ssrc) {
    ByteBuffer b = ByteBuffer.allocate(12 + SAMPLES);
    b.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(seq * SAMPLES).putInt(ssrc);
    for (int i = 0; i < SAMPLES; i++) {
      double t = (double) (seq * SAMPLES + i) / 8000;
      b.put(G711.ulawEncode((int) (8000 * Math.sin(2 * Math.PI * hz * t))));
    }
    return b.array();
  }

  /** Goertzel power of {@code hz} in the PCMU payload of an RTP packet (12-byte header). */
  static double power(byte[] rtp, double hz) {
    double k = 2 * Math.cos(2 * Math.PI * hz / 8000);
    double s1 = 0;
    double s2 = 0;
    for (int i = 12; i < rtp.length; i++) {
      double s = G711.ulawDecode(rtp[i] & 0xff) + k * s1 - s2;
      s2 = s1;
      s1 = s;
    }
    return s1 * s1 + s2 * s2 - k * s1 * s2;
  }

  /** Which of {@code candidates} is loudest in the packet. */
  static double dominant(byte[] rtp, double... candidates) {
    double best = candidates[0];
    for (double c : candidates) if (power(rtp, c) > power(rtp, best)) best = c;
    return best;
  }
}
