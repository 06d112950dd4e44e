package rtpmesh.media.mixer;

import java.util.concurrent.ThreadLocalRandom;
import rtpmesh.media.codec.AudioDecoder;
import rtpmesh.media.codec.AudioEncoder;
import rtpmesh.media.codec.Resampler;
import rtpmesh.media.transcode.AudioCodecs;
import rtpmesh.media.transcode.CodecSpec;

/**
 * One party of a {@link Conference}: decodes what it sends into a small frame buffer at the mix rate,
 * and encodes what it hears (the mix of the others) in its own codec as one RTP stream of ours (own
 * SSRC, continuous sequence numbers and timestamps, 20 ms packets).
 *
 * <p>The buffer is the whole jitter handling: it holds at most {@link #MAX_FRAMES} frames (the oldest
 * go when it overflows); after it ran dry the party is heard again once {@link #PRIME_FRAMES} frames
 * are in, and until then, or when the party sends nothing, it counts as silence. Every array is
 * allocated when the participant is made (or the mix rate changes). Owned by one event loop.
 */
public final class MixParticipant {
  static final int MAX_FRAMES = 4;
  static final int PRIME_FRAMES = 2;
  private static final int MAX_DECODED = 5760 * 2;

  private final Object owner;
  private final CodecSpec spec;
  private final AudioDecoder decoder;
  private final AudioEncoder encoder;
  private final int tsStep;
  private final short[] decoded = new short[MAX_DECODED];
  private final byte[] payload = new byte[1500];

  private int mixRate;
  private int frame;
  private Resampler in;
  private Resampler out;
  private short[] resampled;
  private short[] buffer;
  private int buffered;
  private boolean primed;
  /** This tick's frame of the party's audio, and whether it has one. */
  short[] own;
  boolean speaks;
  /** What the party hears this tick, at the mix rate, then at the encoder's rate. */
  private short[] heard;
  private short[] toEncode;

  private final int ssrc;
  private int seq;
  private int ts;
  private boolean marker = true;
  private long packetsIn;
  private long packetsOut;

  MixParticipant(Object owner, CodecSpec spec, int mixRate) {
    if (!spec.supported()) {
      throw new IllegalArgumentException("codec " + spec.name() + "/" + spec.rate() + " cannot be mixed");
    }
    this.owner = owner;
    this.spec = spec;
    int pcm = AudioCodecs.pcmRate(spec);
    this.decoder = AudioCodecs.decoder(spec, pcm, 1);
    this.encoder = AudioCodecs.encoder(spec, pcm);
    this.tsStep = spec.rate() / 50;
    ThreadLocalRandom r = ThreadLocalRandom.current();
    this.ssrc = r.nextInt();
    this.seq = r.nextInt(1 << 16);
    this.ts = r.nextInt();
    rate(mixRate);
  }

  /** (Re)builds what depends on the mix rate; the codecs and the RTP stream go on. */
  void rate(int mixRate) {
    this.mixRate = mixRate;
    this.frame = mixRate / 50;
    int dec = decoder.sampleRate();
    int enc = encoder.sampleRate();
    in = dec == mixRate ? null : new Resampler(dec, mixRate);
    out = enc == mixRate ? null : new Resampler(mixRate, enc);
    resampled = new short[mixRate * 120 / 1000 + 64]; // the longest packet (120 ms Opus) at the mix rate
    buffer = new short[frame * MAX_FRAMES];
    buffered = 0;
    primed = false;
    own = new short[frame];
    heard = new short[frame];
    toEncode = new short[enc / 50 * encoder.channels()];
  }

  public Object owner() {
    return owner;
  }

  public CodecSpec spec() {
    return spec;
  }

  public int ssrc() {
    return ssrc;
  }

  public long packetsIn() {
    return packetsIn;
  }

  public long packetsOut() {
    return packetsOut;
  }

  /** Takes one RTP payload of the party; false when it is not its codec or does not decode. */
  boolean receive(int pt, byte[] data, int off, int len) {
    if (pt == spec.dtmfPt() || pt == spec.cnPt()) {
      return true; // events and comfort noise are not mixed
    }
    if (pt != spec.pt()) return false;
    int n = decoder.decode(data, off, len, decoded);
    if (n < 0) return false;
    packetsIn++;
    short[] src = decoded;
    if (in != null) {
      n = in.process(decoded, 0, n, resampled);
      src = resampled;
    }
    push(src, n);
    return true;
  }

  private void push(short[] src, int n) {
    int cap = buffer.length;
    if (n >= cap) {
      System.arraycopy(src, n - cap, buffer, 0, cap);
      buffered = cap;
      return;
    }
    int overflow = buffered + n - cap;
    if (overflow > 0) {
      // More than MAX_FRAMES queued (a burst, or a faster clock): the oldest audio goes.
      System.arraycopy(buffer, overflow, buffer, 0, buffered - overflow);
      buffered -= overflow;
    }
    System.arraycopy(src, 0, buffer, buffered, n);
    buffered += n;
  }

  /** Moves one frame into {@link #own}; false (silence) while the buffer primes or ran dry. */
  boolean take() {
    if (!primed) {
      if (buffered < frame * PRIME_FRAMES) return speaks = false;
      primed = true;
    }
    if (buffered < frame) {
      primed = false;
      return speaks = false;
    }
    System.arraycopy(buffer, 0, own, 0, frame);
    buffered -= frame;
    System.arraycopy(buffer, frame, buffer, 0, buffered);
    return speaks = true;
  }

  /**
   * Encodes what the party hears this tick, {@code sum} minus its own frame, clipped, into an RTP
   * packet written to {@code rtp} from index 0; returns its length (0 when the encoder gave nothing).
   */
  int hear(int[] sum, byte[] rtp) {
    short[] h = heard;
    if (speaks) {
      short[] o = own;
      for (int i = 0; i < frame; i++) h[i] = clip(sum[i] - o[i]);
    } else {
      for (int i = 0; i < frame; i++) h[i] = clip(sum[i]);
    }
    short[] pcm = h;
    int n = frame;
    if (out != null) {
      n = out.process(h, 0, frame, toEncode);
      pcm = toEncode;
    }
    if (encoder.channels() == 2) {
      short[] st = toEncode;
      for (int i = n - 1; i >= 0; i--) st[2 * i] = st[2 * i + 1] = pcm[i];
      pcm = st;
    }
    int bytes = encoder.encode(pcm, 0, n, payload, 0);
    int step = tsStep;
    ts += step;
    if (bytes <= 0) return 0;
    rtp[0] = (byte) 0x80;
    rtp[1] = (byte) ((marker ? 0x80 : 0) | (spec.pt() & 0x7F));
    rtp[2] = (byte) (seq >> 8);
    rtp[3] = (byte) seq;
    int t = ts - step;
    rtp[4] = (byte) (t >> 24);
    rtp[5] = (byte) (t >> 16);
    rtp[6] = (byte) (t >> 8);
    rtp[7] = (byte) t;
    rtp[8] = (byte) (ssrc >> 24);
    rtp[9] = (byte) (ssrc >> 16);
    rtp[10] = (byte) (ssrc >> 8);
    rtp[11] = (byte) ssrc;
    System.arraycopy(payload, 0, rtp, 12, bytes);
    seq = (seq + 1) & 0xFFFF;
    marker = false;
    packetsOut++;
    return 12 + bytes;
  }

  private static short clip(int v) {
    return (short) (v > Short.MAX_VALUE ? Short.MAX_VALUE : Math.max(v, Short.MIN_VALUE));
  }

  /** Frees native codec state. */
  void close() {
    decoder.close();
    encoder.close();
  }
}
