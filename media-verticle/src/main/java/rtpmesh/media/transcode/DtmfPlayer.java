package rtpmesh.media.transcode;

import rtpmesh.media.dtmf.DtmfTone;

/**
 * The digits an ng {@code play DTMF} queued for one stream direction, played as the sender's
 * packets come (so no timer): each digit for its duration, then a pause. One thread.
 */
final class DtmfPlayer {
  /** Where one packet's worth of samples left the current digit. */
  record Step(char digit, int volume, int samplesDone, boolean started, boolean ended) {}

  private final int rate;
  private final DtmfTone tone;
  private String digits = "";
  private int index;
  private int toneSamples;
  private int pauseSamples;
  private int volume;
  private int pos;
  int eventTs;

  DtmfPlayer(int rate) {
    this.rate = rate;
    this.tone = new DtmfTone(rate);
  }

  int rate() {
    return rate;
  }

  void queue(String more, int durationMs, int pauseMs, int vol) {
    if (!active()) {
      digits = "";
      index = 0;
      pos = 0;
    }
    StringBuilder ok = new StringBuilder(digits);
    for (char c : more.toCharArray()) if (DtmfTone.frequencies(c) != null) ok.append(Character.toUpperCase(c));
    digits = ok.toString();
    toneSamples = Math.max(1, durationMs) * rate / 1000;
    pauseSamples = Math.max(0, pauseMs) * rate / 1000;
    volume = vol;
  }

  boolean active() {
    return index < digits.length();
  }

  /** In-band: overwrites {@code n} samples per channel with the current digit's tone or pause. */
  void fillTone(short[] pcm, int n, int channels) {
    for (int i = 0; i < n && active(); ) {
      int inTone = toneSamples - pos;
      int chunk;
      if (inTone > 0) {
        chunk = Math.min(n - i, inTone);
        if (pos == 0) tone.reset();
        tone.fill(digits.charAt(index), volume, pcm, i * channels, chunk);
        if (channels == 2) {
          for (int k = chunk - 1; k >= 0; k--) pcm[(i + k) * 2] = pcm[(i + k) * 2 + 1] = pcm[i * 2 + k];
        }
      } else {
        chunk = Math.min(n - i, toneSamples + pauseSamples - pos);
        java.util.Arrays.fill(pcm, i * channels, (i + chunk) * channels, (short) 0);
      }
      pos += chunk;
      i += chunk;
      if (pos >= toneSamples + pauseSamples) {
        index++;
        pos = 0;
      }
    }
  }

  /** RFC 4733: advances by one packet of {@code n} samples; null while pausing between digits. */
  Step advance(int n) {
    if (!active()) return null;
    boolean started = pos == 0;
    char digit = digits.charAt(index);
    Step step = null;
    if (pos < toneSamples) {
      int done = Math.min(toneSamples, pos + n);
      step = new Step(digit, volume, done, started, done == toneSamples);
    }
    pos += n;
    if (pos >= toneSamples + pauseSamples) {
      index++;
      pos = 0;
    }
    return step;
  }
}
