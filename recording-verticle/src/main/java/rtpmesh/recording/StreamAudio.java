package rtpmesh.recording;

import java.util.HashMap;
import java.util.Map;
import rtpmesh.media.codec.AudioDecoder;
import rtpmesh.media.codec.Resampler;
import rtpmesh.media.transcode.AudioCodecs;
import rtpmesh.media.transcode.CodecSpec;

/**
 * What one party sends on one stream, decoded to {@link CallRecording#WAV_RATE} PCM and placed on
 * the recording's timeline. A packet's position comes from its RTP timestamp relative to an anchor
 * (the first packet of an SSRC, placed by its arrival time), so jitter does not move audio; when
 * the timestamp and the arrival disagree by more than {@link #REANCHOR_MS} (a new SSRC, a
 * timestamp jump, a pause or hold) the packet is re-anchored at its arrival, which leaves silence
 * for the time nothing came.
 *
 * <p>Used by the writer thread only.
 */
final class StreamAudio {
  static final int REANCHOR_MS = 200;

  private final Map<Integer, CodecSpec> codecs;
  private final Map<Integer, Decoding> decoders = new HashMap<>();
  final PcmTrack track;
  private final short[] pcm = new short[48000];
  private final short[] resampled = new short[48000];
  private boolean anchored;
  private int anchorSsrc;
  private long anchorTs;
  private long anchorPos;
  private int anchorClock;
  long decoded;
  long undecodable;

  private record Decoding(CodecSpec spec, AudioDecoder decoder, Resampler resampler) {}

  StreamAudio(Map<Integer, CodecSpec> codecs, PcmTrack track) {
    this.codecs = codecs;
    this.track = track;
  }

  /**
   * Decodes one RTP packet ({@code len} bytes at {@code off}) that arrived at sample position
   * {@code arrivalPos}, and adds it to this stream's track and to {@code mixed} (may be null).
   */
  void rtp(byte[] data, int off, int len, long arrivalPos, PcmTrack mixed) {
    if (len < 12 || (data[off] & 0xC0) != 0x80) {
      undecodable++;
      return;
    }
    int cc = data[off] & 0x0f;
    int pt = data[off + 1] & 0x7f;
    long ts = readInt(data, off + 4) & 0xffffffffL;
    int ssrc = readInt(data, off + 8);
    int start = off + 12 + 4 * cc;
    if ((data[off] & 0x10) != 0 && start + 4 <= off + len) { // RFC 3550 §5.3.1 header extension
      start += 4 + 4 * (((data[start + 2] & 0xff) << 8) | (data[start + 3] & 0xff));
    }
    int end = off + len;
    if ((data[off] & 0x20) != 0 && len > 12) { // padding: the last byte counts it
      end -= data[off + len - 1] & 0xff;
    }
    Decoding d = decoding(pt);
    if (d == null || start >= end) {
      undecodable++;
      return;
    }
    int n = d.decoder.decode(data, start, end - start, pcm);
    if (n <= 0) {
      undecodable++;
      return;
    }
    short[] out = pcm;
    if (d.resampler != null) {
      n = d.resampler.process(pcm, 0, n, resampled);
      out = resampled;
    }
    long pos = position(ssrc, ts, d.spec.rate(), arrivalPos);
    track.add(pos, out, n);
    if (mixed != null) {
      mixed.add(pos, out, n);
    }
    decoded++;
  }

  private long position(int ssrc, long ts, int clock, long arrivalPos) {
    if (anchored && ssrc == anchorSsrc && clock == anchorClock) {
      long delta = (int) (ts - anchorTs); // 32-bit wrap
      long pos = anchorPos + delta * CallRecording.WAV_RATE / clock;
      if (Math.abs(pos - arrivalPos) <= (long) REANCHOR_MS * CallRecording.WAV_RATE / 1000) {
        return pos;
      }
    }
    anchored = true;
    anchorSsrc = ssrc;
    anchorTs = ts;
    anchorClock = clock;
    anchorPos = arrivalPos;
    return arrivalPos;
  }

  private Decoding decoding(int pt) {
    Decoding d = decoders.get(pt);
    if (d != null || decoders.containsKey(pt)) {
      return d;
    }
    CodecSpec spec = codecs.get(pt);
    if (spec == null) {
      spec = staticCodec(pt);
    }
    if (spec != null && spec.supported()) {
      AudioDecoder decoder = AudioCodecs.decoder(spec, CallRecording.WAV_RATE, 1);
      Resampler r = decoder.sampleRate() == CallRecording.WAV_RATE ? null
          : new Resampler(decoder.sampleRate(), CallRecording.WAV_RATE);
      d = new Decoding(spec, decoder, r);
    }
    decoders.put(pt, d); // null too: telephone-event, CN, unknown are skipped
    return d;
  }

  /** RFC 3551's static payload types that the codec stage decodes. */
  private static CodecSpec staticCodec(int pt) {
    return switch (pt) {
      case 0 -> new CodecSpec(0, "PCMU", 8000, 1, null, 20, -1, -1);
      case 8 -> new CodecSpec(8, "PCMA", 8000, 1, null, 20, -1, -1);
      case 9 -> new CodecSpec(9, "G722", 8000, 1, null, 20, -1, -1);
      default -> null;
    };
  }

  private static int readInt(byte[] b, int off) {
    return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
  }

  void close() {
    for (Decoding d : decoders.values()) {
      if (d != null) d.decoder.close();
    }
  }
}
