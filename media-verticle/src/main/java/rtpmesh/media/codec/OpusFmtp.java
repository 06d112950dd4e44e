package rtpmesh.media.codec;

import java.util.Locale;

/**
 * The RFC 7587 §6.1 fmtp parameters of an Opus payload type, as the receiver states them; what we
 * send to that receiver follows them. Opus's RTP clock is always 48000 Hz and its rtpmap always says
 * 2 channels; whether to send stereo is {@code stereo=1}.
 */
public record OpusFmtp(int maxPlaybackRate, boolean stereo, boolean useInbandFec, boolean useDtx, boolean cbr,
                       int maxAverageBitrate, int minPtime) {

  public static final OpusFmtp DEFAULT = new OpusFmtp(48000, false, false, false, false, 0, 0);

  /** Parses "minptime=10;useinbandfec=1"; unknown or malformed parameters are ignored. */
  public static OpusFmtp parse(String fmtp) {
    if (fmtp == null || fmtp.isBlank()) return DEFAULT;
    int rate = 48000;
    boolean stereo = false;
    boolean fec = false;
    boolean dtx = false;
    boolean cbr = false;
    int bitrate = 0;
    int minPtime = 0;
    for (String p : fmtp.split(";")) {
      int eq = p.indexOf('=');
      if (eq < 0) continue;
      String k = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String v = p.substring(eq + 1).trim();
      try {
        switch (k) {
          case "maxplaybackrate" -> rate = Integer.parseInt(v);
          case "stereo" -> stereo = "1".equals(v);
          case "useinbandfec" -> fec = "1".equals(v);
          case "usedtx" -> dtx = "1".equals(v);
          case "cbr" -> cbr = "1".equals(v);
          case "maxaveragebitrate" -> bitrate = Integer.parseInt(v);
          case "minptime" -> minPtime = Integer.parseInt(v);
          default -> { }
        }
      } catch (NumberFormatException e) {
        // RFC 7587: a receiver ignores what it does not understand
      }
    }
    return new OpusFmtp(rate, stereo, fec, dtx, cbr, bitrate, minPtime);
  }

  public int channels() {
    return stereo ? 2 : 1;
  }

  /** libopus's OPUS_BANDWIDTH_* constant for the highest band worth sending at maxplaybackrate. */
  int maxBandwidth() {
    if (maxPlaybackRate <= 8000) return 1101;
    if (maxPlaybackRate <= 12000) return 1102;
    if (maxPlaybackRate <= 16000) return 1103;
    if (maxPlaybackRate <= 24000) return 1104;
    return 1105;
  }

  /** Bitrate to encode at: the receiver's cap, else a voice default for the band and channels. */
  int bitrate() {
    int dflt = (maxPlaybackRate <= 8000 ? 16000 : maxPlaybackRate <= 16000 ? 24000 : 32000) * channels();
    return maxAverageBitrate > 0 ? Math.min(Math.max(maxAverageBitrate, 6000), 510000) : dflt;
  }
}
