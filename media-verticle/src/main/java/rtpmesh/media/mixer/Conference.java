package rtpmesh.media.mixer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import rtpmesh.media.transcode.AudioCodecs;
import rtpmesh.media.transcode.CodecSpec;

/**
 * An audio conference (MCU) mix: every {@link #tick} (call it every 20 ms) takes one frame from each
 * participant's buffer, sums them, and gives each participant the sum minus its own frame, clipped
 * and encoded in its own codec. Decoding happens as packets arrive ({@link #receive}).
 *
 * <p>The mix runs at the highest native rate among the participants (8 kHz for G.711 only, 16 kHz
 * with G.722, 48 kHz with Opus) unless a fixed rate is given; a join or leave that changes it
 * rebuilds the resamplers (a 20-40 ms gap in what the others hear). Participants are added and
 * removed while the mix runs. No allocation per tick or packet. Pure Java, owned by one event loop;
 * not thread-safe.
 */
public final class Conference {
  /** Where each participant's RTP packet goes; {@code rtp} is reused after the call returns. */
  public interface Output {
    void packet(MixParticipant to, byte[] rtp, int len);
  }

  private final int fixedRate;
  private final List<MixParticipant> participants = new ArrayList<>();
  private final byte[] rtp = new byte[1500];
  private int rate = 8000;
  private int[] sum = new int[rate / 50];

  /** {@code fixedRate} 0: the mix rate follows the participants. */
  public Conference(int fixedRate) {
    this.fixedRate = fixedRate;
    if (fixedRate > 0) setRate(fixedRate);
  }

  /** Adds a party speaking {@code spec}; throws IllegalArgumentException for a codec it cannot mix. */
  public MixParticipant join(Object owner, CodecSpec spec) {
    MixParticipant p = new MixParticipant(owner, spec, rate);
    participants.add(p);
    adjustRate();
    return p;
  }

  public void leave(MixParticipant p) {
    if (participants.remove(p)) {
      p.close();
      adjustRate();
    }
  }

  public List<MixParticipant> participants() {
    return participants;
  }

  public int rate() {
    return rate;
  }

  /** One RTP payload {@code p} sent; false when it is not of the party's codec or corrupt. */
  public boolean receive(MixParticipant p, int pt, byte[] payload, int off, int len) {
    return p.receive(pt, payload, off, len);
  }

  /** Mixes one 20 ms frame and hands each participant's packet to {@code out}. */
  public void tick(Output out) {
    int[] s = sum;
    Arrays.fill(s, 0);
    int frame = s.length;
    for (int k = 0; k < participants.size(); k++) {
      MixParticipant p = participants.get(k);
      if (p.take()) {
        short[] o = p.own;
        for (int i = 0; i < frame; i++) s[i] += o[i];
      }
    }
    for (int k = 0; k < participants.size(); k++) {
      MixParticipant p = participants.get(k);
      int len = p.hear(s, rtp);
      if (len > 0) out.packet(p, rtp, len);
    }
  }

  /** Frees every participant's codec state. */
  public void close() {
    for (MixParticipant p : participants) p.close();
    participants.clear();
  }

  private void adjustRate() {
    if (fixedRate > 0) return;
    int want = 8000;
    for (MixParticipant p : participants) want = Math.max(want, AudioCodecs.pcmRate(p.spec()));
    if (want != rate) setRate(want);
  }

  private void setRate(int r) {
    rate = r;
    sum = new int[r / 50];
    for (MixParticipant p : participants) p.rate(r);
  }
}
