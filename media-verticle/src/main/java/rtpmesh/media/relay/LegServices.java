package rtpmesh.media.relay;

import io.netty.buffer.ByteBuf;
import rtpmesh.media.codec.G711;
import rtpmesh.media.codec.G722Encoder;
import rtpmesh.media.rtp.RtpHeader;

/**
 * What rtpmesh does to the media a leg's party sends, set by ng commands rather than by SDP, so a
 * re-configure keeps it: {@code block} drops it (ng {@code block media}; telephone-event of
 * {@code dtmfPt} still passes, as in rtpengine), {@code silence} replaces the payload of RTP of
 * payload type {@code silencePt} with silence in place (ng {@code silence media}: G.711 and G.722,
 * as in rtpengine, so sequence numbers and timestamps stay the sender's), {@code echo} sends it back
 * to the party itself instead of to the peer (ng {@code media echo}). Immutable.
 */
public record LegServices(boolean block, int dtmfPt, String silenceCodec, int silencePt, boolean echo) {
  public static final LegServices NONE = new LegServices(false, -1, null, -1, false);

  private static final byte[] G722_SILENCE = g722Silence();

  public LegServices {
    if (silenceCodec != null) silenceCodec = silenceCodec.toLowerCase(java.util.Locale.ROOT);
    if (silenceCodec != null && silencePattern(silenceCodec) == null) {
      throw new IllegalArgumentException("cannot silence " + silenceCodec + ", only PCMU, PCMA and G722");
    }
  }

  /** True when there is nothing to do (the leg then keeps no services at all). */
  public boolean none() {
    return !block && silenceCodec == null && !echo;
  }

  /** The bytes that encode silence, repeated over a payload; null for a codec we cannot silence. */
  static byte[] silencePattern(String codec) {
    return switch (codec) {
      case "pcmu" -> new byte[] {G711.ulawEncode(0)};
      case "pcma" -> new byte[] {G711.alawEncode(0)};
      case "g722" -> G722_SILENCE;
      default -> null;
    };
  }

  /**
   * Applies block and silence to one RTP packet the party sent, in place; false when it must be
   * dropped ({@link DropReason#BLOCKED}).
   */
  boolean sending(ByteBuf buf) {
    int off = buf.readerIndex();
    int len = buf.readableBytes();
    if (len < RtpHeader.FIXED_LENGTH) return !block;
    int pt = buf.getByte(off + 1) & 0x7F;
    if (block) return pt == dtmfPt;
    if (silenceCodec != null && pt == silencePt) {
      int cc = buf.getByte(off) & 0x0F;
      int hl = RtpHeader.FIXED_LENGTH + 4 * cc;
      if ((buf.getByte(off) & 0x10) != 0 && len >= hl + 4) hl += 4 + 4 * buf.getUnsignedShort(off + hl + 2);
      int end = len - ((buf.getByte(off) & 0x20) != 0 ? buf.getUnsignedByte(off + len - 1) : 0);
      byte[] pattern = silencePattern(silenceCodec);
      for (int i = hl, k = 0; i < end; i++, k = k + 1 == pattern.length ? 0 : k + 1) buf.setByte(off + i, pattern[k]);
    }
    return true;
  }

  /** 20 ms of G.722 from an encoder that has settled on digital silence (its output then repeats). */
  private static byte[] g722Silence() {
    G722Encoder enc = new G722Encoder();
    short[] zeros = new short[320];
    byte[] out = new byte[160];
    for (int i = 0; i < 20; i++) enc.encode(zeros, 0, 320, out, 0);
    return out;
  }
}
