package rtpmesh.media.codec;

/**
 * The ADPCM state of one G.722 sub-band (ITU-T G.722 §3.6, blocks 3 and 4): scale factor and the
 * adaptive pole/zero predictor. Shared by encoder and decoder so that both track the same state.
 */
final class G722Band {
  int s;
  int sp;
  int sz;
  final int[] r = new int[3];
  final int[] a = new int[3];
  final int[] ap = new int[3];
  final int[] p = new int[3];
  final int[] d = new int[7];
  final int[] b = new int[7];
  final int[] bp = new int[7];
  final int[] sg = new int[7];
  int nb;
  int det;

  G722Band(int det) {
    this.det = det;
  }

  static int saturate(int v) {
    return v > 32767 ? 32767 : Math.max(v, -32768);
  }

  /** Blocks 3L/3H LOGSCL+SCALEL: new scale factor from the log step {@code wl} with the band's limits. */
  void scale(int logStep, int nbMax, int shiftBase) {
    int nbNext = ((nb * 127) >> 7) + logStep;
    nb = Math.max(0, Math.min(nbNext, nbMax));
    int wd1 = (nb >> 6) & 31;
    int wd2 = shiftBase - (nb >> 11);
    int wd3 = wd2 < 0 ? G722Tables.ILB[wd1] << -wd2 : G722Tables.ILB[wd1] >> wd2;
    det = wd3 << 2;
  }

  /** Block 4: reconstruct, adapt the pole (UPPOL1/2) and zero (UPZERO) predictors, predict the next signal. */
  void update(int dx) {
    d[0] = dx;
    r[0] = saturate(s + dx);
    p[0] = saturate(sz + dx);

    for (int i = 0; i < 3; i++) sg[i] = p[i] >> 15;
    int wd1 = saturate(a[1] << 2);
    int wd2 = sg[0] == sg[1] ? -wd1 : wd1;
    if (wd2 > 32767) wd2 = 32767;
    int wd3 = (sg[0] == sg[2] ? 128 : -128) + (wd2 >> 7) + ((a[2] * 32512) >> 15);
    ap[2] = Math.max(-12288, Math.min(12288, wd3));

    sg[0] = p[0] >> 15;
    sg[1] = p[1] >> 15;
    wd1 = sg[0] == sg[1] ? 192 : -192;
    wd2 = (a[1] * 32640) >> 15;
    ap[1] = saturate(wd1 + wd2);
    wd3 = saturate(15360 - ap[2]);
    if (ap[1] > wd3) ap[1] = wd3;
    else if (ap[1] < -wd3) ap[1] = -wd3;

    wd1 = dx == 0 ? 0 : 128;
    sg[0] = dx >> 15;
    for (int i = 1; i < 7; i++) {
      sg[i] = d[i] >> 15;
      wd2 = sg[i] == sg[0] ? wd1 : -wd1;
      wd3 = (b[i] * 32640) >> 15;
      bp[i] = saturate(wd2 + wd3);
    }

    for (int i = 6; i > 0; i--) {
      d[i] = d[i - 1];
      b[i] = bp[i];
    }
    for (int i = 2; i > 0; i--) {
      r[i] = r[i - 1];
      p[i] = p[i - 1];
      a[i] = ap[i];
    }

    wd1 = saturate(r[1] + r[1]);
    wd1 = (a[1] * wd1) >> 15;
    wd2 = saturate(r[2] + r[2]);
    wd2 = (a[2] * wd2) >> 15;
    sp = saturate(wd1 + wd2);

    int z = 0;
    for (int i = 6; i > 0; i--) {
      int w = saturate(d[i] + d[i]);
      z += (b[i] * w) >> 15;
    }
    sz = saturate(z);
    s = saturate(sp + sz);
  }
}
