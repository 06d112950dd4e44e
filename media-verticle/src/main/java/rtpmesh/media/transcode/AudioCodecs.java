package rtpmesh.media.transcode;

import rtpmesh.media.codec.AudioDecoder;
import rtpmesh.media.codec.AudioEncoder;
import rtpmesh.media.codec.G711;
import rtpmesh.media.codec.G722Decoder;
import rtpmesh.media.codec.G722Encoder;
import rtpmesh.media.codec.Opus;
import rtpmesh.media.codec.OpusFmtp;

/** Decoders and encoders for a {@link CodecSpec}: the one place that maps SDP names to codec classes. */
public final class AudioCodecs {
  private AudioCodecs() {}

  /** The PCM rate a codec works at natively (G.722: 16 kHz on its 8000 Hz RTP clock). */
  public static int pcmRate(CodecSpec c) {
    return switch (c.name()) {
      case "g722" -> 16000;
      case "opus" -> 48000;
      default -> 8000;
    };
  }

  /**
   * A decoder for what the party sends; Opus decodes straight to {@code wantRate} (any of its rates)
   * and {@code wantChannels}, which saves a resampler when the other side is narrower.
   */
  public static AudioDecoder decoder(CodecSpec c, int wantRate, int wantChannels) {
    return switch (c.name()) {
      case "pcmu" -> new G711.Ulaw();
      case "pcma" -> new G711.Alaw();
      case "g722" -> new G722Decoder();
      case "opus" -> Opus.decoder(opusRate(wantRate), wantChannels);
      default -> throw new IllegalArgumentException("cannot decode " + c.name());
    };
  }

  /** An encoder for what the party receives; Opus takes PCM at {@code inRate} when it can. */
  static AudioEncoder encoder(CodecSpec c, int inRate) {
    return switch (c.name()) {
      case "pcmu" -> new G711.Ulaw();
      case "pcma" -> new G711.Alaw();
      case "g722" -> new G722Encoder();
      case "opus" -> Opus.encoder(opusRate(inRate), OpusFmtp.parse(c.fmtp()));
      default -> throw new IllegalArgumentException("cannot encode " + c.name());
    };
  }

  private static int opusRate(int rate) {
    return switch (rate) {
      case 8000, 12000, 16000, 24000, 48000 -> rate;
      default -> 48000;
    };
  }
}
