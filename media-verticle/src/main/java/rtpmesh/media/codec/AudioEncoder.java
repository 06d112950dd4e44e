package rtpmesh.media.codec;

/**
 * Turns 16-bit linear PCM at {@link #sampleRate()} (interleaved when {@link #channels()} is 2) into
 * one RTP payload. Holds per-stream state: one instance per direction of one stream, used by one
 * thread at a time.
 */
public interface AudioEncoder {
  /** Encodes {@code samples} samples per channel from {@code pcm[off]}; returns the payload length. */
  int encode(short[] pcm, int off, int samples, byte[] out, int outOff);

  int sampleRate();

  default int channels() {
    return 1;
  }

  default void close() {}
}
