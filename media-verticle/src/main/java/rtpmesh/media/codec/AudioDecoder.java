package rtpmesh.media.codec;

/**
 * Turns one RTP payload into 16-bit linear PCM at {@link #sampleRate()} (interleaved when
 * {@link #channels()} is 2). Holds per-stream state: one instance per direction of one stream, used
 * by one thread at a time.
 */
public interface AudioDecoder {
  /** Decodes {@code len} payload bytes into {@code pcm} from index 0; returns samples per channel, or -1 if corrupt. */
  int decode(byte[] payload, int off, int len, short[] pcm);

  /** Concealment for one lost frame of {@code samples} per channel; returns samples written. */
  default int conceal(int samples, short[] pcm) {
    java.util.Arrays.fill(pcm, 0, samples * channels(), (short) 0);
    return samples;
  }

  int sampleRate();

  default int channels() {
    return 1;
  }

  default void close() {}
}
