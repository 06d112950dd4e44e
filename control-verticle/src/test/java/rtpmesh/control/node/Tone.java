package rtpmesh.control.node;

import java.nio.ByteBuffer;
import rtpmesh.media.codec.G711;
import rtpmesh.media.codec.Signals;

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
    short[] pcm = new short[Math.max(0, rtp.length - 12)];
    for (int i = 0; i < pcm.length; i++) pcm[i] = (short) G711.ulawDecode(rtp[12 + i] & 0xff);
    return Signals.power(pcm, 0, pcm.length, hz, 8000);
  }

  /** Which of {@code candidates} is loudest in the packet. */
  static double dominant(byte[] rtp, double... candidates) {
    double best = candidates[0];
    for (double c : candidates) if (power(rtp, c) > power(rtp, best)) best = c;
    return best;
  }
}
