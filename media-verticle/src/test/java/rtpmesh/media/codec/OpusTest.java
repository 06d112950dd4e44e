package rtpmesh.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpusTest {
  /** Encodes a sine in 20 ms frames and decodes it again; returns the decoded PCM (interleaved). */
  static short[] roundTrip(AudioEncoder enc, AudioDecoder dec, short[] in, int rate, int channels) {
    int frame = rate / 50;
    short[] out = new short[in.length];
    byte[] pkt = new byte[1500];
    short[] pcm = new short[5760 * channels];
    for (int f = 0; f < in.length / channels / frame; f++) {
      int len = enc.encode(in, f * frame * channels, frame, pkt, 0);
      assertTrue(len > 0 && len < 400, "packet size " + len);
      int n = dec.decode(pkt, 0, len, pcm);
      assertEquals(frame, n);
      System.arraycopy(pcm, 0, out, f * frame * channels, frame * channels);
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({"libopus, 48000, 1000", "libopus, 8000, 440", "libopus, 16000, 2000", "concentus, 48000, 1000", "concentus, 8000, 440"})
  void monoSineRoundTrip(String impl, int rate, int freq) {
    boolean lib = impl.equals("libopus");
    if (lib) assumeTrue(LibOpus.available(), "libopus0 not installed: " + LibOpus.unavailableReason());
    AudioEncoder enc = lib ? Opus.encoder(rate, OpusFmtp.DEFAULT) : Opus.javaEncoder(rate, OpusFmtp.DEFAULT);
    AudioDecoder dec = lib ? Opus.decoder(rate, 1) : Opus.javaDecoder(rate, 1);
    short[] in = Signals.sine(freq, rate, rate, 8000);
    short[] out = roundTrip(enc, dec, in, rate, 1);
    int n = Integer.highestOneBit(rate / 2);
    assertEquals(freq, Signals.peakFrequency(out, rate / 2, n, rate), (double) rate / n * 1.01);
    // Opus is perceptual, not waveform-exact; a clean tone still comes back well above the error.
    double snr = Signals.snr(in, out, rate / 2, rate / 4, rate / 50 * 2);
    assertTrue(snr > 10, impl + " SNR " + snr);
    enc.close();
    dec.close();
  }

  @Test
  void stereoKeepsChannelsApart() {
    OpusFmtp stereo = OpusFmtp.parse("stereo=1; sprop-stereo=1");
    assertEquals(2, stereo.channels());
    AudioEncoder enc = Opus.encoder(48000, stereo);
    AudioDecoder dec = Opus.decoder(48000, 2);
    short[] left = Signals.sine(500, 48000, 48000, 8000);
    short[] right = Signals.sine(1500, 48000, 48000, 8000);
    short[] in = new short[96000];
    for (int i = 0; i < 48000; i++) {
      in[2 * i] = left[i];
      in[2 * i + 1] = right[i];
    }
    short[] out = roundTrip(enc, dec, in, 48000, 2);
    assertEquals(500, Signals.peakFrequency(Signals.channel(out, 48000, 0), 24000, 16384, 48000), 3.0);
    assertEquals(1500, Signals.peakFrequency(Signals.channel(out, 48000, 1), 24000, 16384, 48000), 3.0);
  }

  @Test
  void lostFrameIsConcealed() {
    AudioDecoder dec = Opus.decoder(8000, 1);
    short[] pcm = new short[960];
    assertEquals(160, dec.conceal(160, pcm));
  }

  @Test
  void fmtpParsesRfc7587Parameters() {
    OpusFmtp f = OpusFmtp.parse("minptime=10;useinbandfec=1; maxplaybackrate=16000;stereo=0;maxaveragebitrate=20000;bogus;cbr=1");
    assertEquals(10, f.minPtime());
    assertTrue(f.useInbandFec());
    assertEquals(16000, f.maxPlaybackRate());
    assertEquals(1103, f.maxBandwidth());
    assertEquals(1, f.channels());
    assertEquals(20000, f.bitrate());
    assertTrue(f.cbr());
    assertEquals(OpusFmtp.DEFAULT, OpusFmtp.parse(null));
    assertEquals(48000, OpusFmtp.parse("maxplaybackrate=abc").maxPlaybackRate());
  }
}
