package rtpmesh.media.transcode;

import java.util.Locale;

/**
 * What one party of a transcoded stream speaks, as negotiated in SDP: payload type, encoding name,
 * RTP clock rate, channels, fmtp, packet time (ms), and its telephone-event and comfort-noise payload
 * types (-1 = none). Immutable; equal specs keep a stream's transcoding state across re-configures.
 */
public record CodecSpec(int pt, String name, int rate, int channels, String fmtp, int ptime, int dtmfPt, int cnPt) {

  public CodecSpec {
    name = name.toLowerCase(Locale.ROOT);
    if (ptime <= 0 || ptime > 200) ptime = 20;
    if (channels <= 0) channels = 1;
  }

  public CodecSpec withPtime(int ms) {
    return new CodecSpec(pt, name, rate, channels, fmtp, ms, dtmfPt, cnPt);
  }

  /** True when the media plane can decode and encode it. */
  public boolean supported() {
    return switch (name) {
      case "pcmu", "pcma", "g722" -> rate == 8000;
      case "opus" -> rate == 48000;
      default -> false;
    };
  }
}
