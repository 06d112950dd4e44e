package rtpmesh.media.codec;

import static rtpmesh.media.codec.G722Band.saturate;
import static rtpmesh.media.codec.G722Tables.*;

/**
 * ITU-T G.722 SB-ADPCM decoder at 64 kbit/s: one byte in, two 16 kHz samples out (see
 * {@link G722Encoder} for the 8000 Hz RTP clock). One stream, one thread.
 */
public final class G722Decoder implements AudioDecoder {
  private final G722Band low = new G722Band(32);
  private final G722Band high = new G722Band(8);
  private final int[] x = new int[24];

  @Override
  public int decode(byte[] payload, int off, int len, short[] pcm) {
    int n = 0;
    for (int k = 0; k < len; k++) {
      int code = payload[off + k] & 0xFF;
      int ilow = code & 0x3F;
      int ihigh = (code >> 6) & 0x03;

      int rlow = low.s + ((low.det * QM6[ilow]) >> 15);
      rlow = Math.max(-16384, Math.min(16383, rlow));
      int ril = ilow >> 2;
      int dlow = (low.det * QM4[ril]) >> 15;
      low.scale(WL[RL42[ril]], 18432, 8);
      low.update(dlow);

      int dhigh = (high.det * QM2[ihigh]) >> 15;
      int rhigh = Math.max(-16384, Math.min(16383, dhigh + high.s));
      high.scale(WH[RH2[ihigh]], 22528, 10);
      high.update(dhigh);

      System.arraycopy(x, 2, x, 0, 22);
      x[22] = rlow + rhigh;
      x[23] = rlow - rhigh;
      int out1 = 0;
      int out2 = 0;
      for (int i = 0; i < 12; i++) {
        out2 += x[2 * i] * QMF[i];
        out1 += x[2 * i + 1] * QMF[11 - i];
      }
      pcm[n++] = (short) saturate(out1 >> 11);
      pcm[n++] = (short) saturate(out2 >> 11);
    }
    return n;
  }

  @Override
  public int sampleRate() {
    return 16000;
  }
}
