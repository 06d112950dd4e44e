package rtpmesh.media.codec;

import static rtpmesh.media.codec.G722Band.saturate;
import static rtpmesh.media.codec.G722Tables.*;

/**
 * ITU-T G.722 SB-ADPCM encoder at 64 kbit/s: 16 kHz PCM in, one byte per two samples out (6-bit low
 * band, 2-bit high band). RTP quirk (RFC 3551 §4.5.2): the RTP clock is 8000 Hz although the audio is
 * 16 kHz, so 20 ms = 160 bytes = 160 timestamp units. One stream, one thread.
 */
public final class G722Encoder implements AudioEncoder {
  private final G722Band low = new G722Band(32);
  private final G722Band high = new G722Band(8);
  private final int[] x = new int[24];

  @Override
  public int encode(short[] pcm, int off, int samples, byte[] out, int outOff) {
    int n = 0;
    for (int j = 0; j + 1 < samples; j += 2) {
      System.arraycopy(x, 2, x, 0, 22);
      x[22] = pcm[off + j];
      x[23] = pcm[off + j + 1];
      int sumOdd = 0;
      int sumEven = 0;
      for (int i = 0; i < 12; i++) {
        sumOdd += x[2 * i] * QMF[i];
        sumEven += x[2 * i + 1] * QMF[11 - i];
      }
      int xlow = (sumEven + sumOdd) >> 14;
      int xhigh = (sumEven - sumOdd) >> 14;
      out[outOff + n++] = (byte) ((encodeHigh(xhigh) << 6) | encodeLow(xlow));
    }
    return n;
  }

  private int encodeLow(int xlow) {
    int el = saturate(xlow - low.s);
    int wd = el >= 0 ? el : -(el + 1);
    int i;
    for (i = 1; i < 30; i++) {
      if (wd < ((Q6[i] * low.det) >> 12)) break;
    }
    int ilow = el < 0 ? ILN[i] : ILP[i];
    int ril = ilow >> 2;
    int dlow = (low.det * QM4[ril]) >> 15;
    low.scale(WL[RL42[ril]], 18432, 8);
    low.update(dlow);
    return ilow;
  }

  private int encodeHigh(int xhigh) {
    int eh = saturate(xhigh - high.s);
    int wd = eh >= 0 ? eh : -(eh + 1);
    int mih = wd >= ((564 * high.det) >> 12) ? 2 : 1;
    int ihigh = eh < 0 ? IHN[mih] : IHP[mih];
    int dhigh = (high.det * QM2[ihigh]) >> 15;
    high.scale(WH[RH2[ihigh]], 22528, 10);
    high.update(dhigh);
    return ihigh;
  }

  @Override
  public int sampleRate() {
    return 16000;
  }
}
