package rtpmesh.media.player;

/**
 * Decoded audio ready to play: 16-bit linear mono PCM at {@code rate} Hz. Shared read-only by every
 * player of the same file (the array is never written after decoding).
 */
public record PcmClip(short[] samples, int rate) {
  /** Length in milliseconds. */
  public long durationMs() {
    return samples.length * 1000L / rate;
  }
}
