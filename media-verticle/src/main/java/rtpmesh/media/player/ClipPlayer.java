package rtpmesh.media.player;

import rtpmesh.media.codec.AudioEncoder;
import rtpmesh.media.transcode.AudioCodecs;
import rtpmesh.media.transcode.CodecSpec;

/**
 * Plays a {@link PcmClip} as RTP payloads in one codec, one packet time per {@link #next} call:
 * {@code repeat} passes over the clip, starting the first at frame {@code startFrame} (a frame is
 * one packet time, the unit of ng's {@code start-pos} and {@code last-frame-pos}). The last frame
 * of a pass is padded with silence. The encoder is this player's own (stateful codecs).
 *
 * <p>Owned by one event loop; not thread-safe.
 */
public final class ClipPlayer {
  private final PcmClip clip;
  private final AudioEncoder encoder;
  private final CodecSpec codec;
  private final int frame;
  private final int frameTs;
  private final short[] pcm;
  private int passesLeft;
  private int pos;

  /** {@code clip} must be at {@link #pcmRate(CodecSpec)} of {@code codec}. */
  public ClipPlayer(PcmClip clip, CodecSpec codec, int repeat, long startFrame) {
    if (clip.rate() != pcmRate(codec)) throw new IllegalArgumentException("clip at " + clip.rate() + " Hz, codec needs " + pcmRate(codec));
    this.clip = clip;
    this.codec = codec;
    this.encoder = AudioCodecs.encoder(codec, clip.rate());
    this.frame = encoder.sampleRate() * codec.ptime() / 1000;
    this.frameTs = codec.rate() * codec.ptime() / 1000;
    this.pcm = new short[frame * encoder.channels()];
    this.passesLeft = Math.max(1, repeat);
    long start = Math.max(0, startFrame) * frame;
    this.pos = start >= clip.samples().length ? clip.samples().length : (int) start;
  }

  /** The PCM rate a clip must have to be played in {@code codec}. */
  public static int pcmRate(CodecSpec codec) {
    return AudioCodecs.pcmRate(codec);
  }

  /** Encodes the next packet time into {@code out}; returns its length, or -1 once every pass is done. */
  public int next(byte[] out) {
    short[] s = clip.samples();
    if (pos >= s.length) {
      if (--passesLeft <= 0 || s.length == 0) return -1;
      pos = 0;
    }
    int n = Math.min(frame, s.length - pos);
    if (encoder.channels() == 2) {
      for (int i = 0; i < frame; i++) pcm[2 * i] = pcm[2 * i + 1] = i < n ? s[pos + i] : 0;
    } else {
      System.arraycopy(s, pos, pcm, 0, n);
      java.util.Arrays.fill(pcm, n, frame, (short) 0);
    }
    pos += n;
    return encoder.encode(pcm, 0, frame, out, 0);
  }

  /** The frame of the current pass that plays next (ng {@code last-frame-pos} once stopped). */
  public long framePosition() {
    return pos / frame;
  }

  public CodecSpec codec() {
    return codec;
  }

  /** RTP timestamp units per packet. */
  public int frameTs() {
    return frameTs;
  }

  public int ptime() {
    return codec.ptime();
  }

  /** Frees native codec state; the player must not be used afterwards. */
  public void close() {
    encoder.close();
  }
}
