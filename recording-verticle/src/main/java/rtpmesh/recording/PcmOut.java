package rtpmesh.recording;

/** Where a {@link PcmTrack} puts its final samples: a WAV file, or a forwarding stream. Writer thread only. */
interface PcmOut {
  /** Appends {@code n} samples, each clipped to 16 bits. */
  void write(int[] pcm, int off, int n);

  /** {@code n} samples of silence. */
  void silence(long n);

  void close();
}
