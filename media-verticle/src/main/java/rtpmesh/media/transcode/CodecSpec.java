package rtpmesh.media.transcode;

import java.util.Locale;

/**
 * What one party of a transcoded stream speaks, as negotiated in SDP: payload type, encoding name,
 * RTP clock rate, channels, fmtp, packet time (ms), and its telephone-event and comfort-noise payload
 * types (-1 = none), and whether its in-band DTMF is listened for and its digits kept from the other
 * party. Immutable; equal specs keep a stream's transcoding state across re-configures.
 */
public record CodecSpec(int pt, String name, int rate, int channels, String fmtp, int ptime, int dtmfPt, int cnPt,
                        boolean detectDtmf, boolean blockDtmf) {

  public CodecSpec(int pt, String name, int rate, int channels, String fmtp, int ptime, int dtmfPt, int cnPt) {
    this(pt, name, rate, channels, fmtp, ptime, dtmfPt, cnPt, false, false);
  }

  /** The same codec setup, DTMF options aside (those change without restarting the stream). */
  public boolean sameCodec(CodecSpec o) {
    return o != null && pt == o.pt && name.equals(o.name) && rate == o.rate && channels == o.channels
        && java.util.Objects.equals(fmtp, o.fmtp) && ptime == o.ptime && dtmfPt == o.dtmfPt && cnPt == o.cnPt;
  }

  public CodecSpec {
    name = name.toLowerCase(Locale.ROOT);
    if (ptime <= 0 || ptime > 200) ptime = 20;
    if (channels <= 0) channels = 1;
  }

  public CodecSpec withPtime(int ms) {
    return new CodecSpec(pt, name, rate, channels, fmtp, ms, dtmfPt, cnPt, detectDtmf, blockDtmf);
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
