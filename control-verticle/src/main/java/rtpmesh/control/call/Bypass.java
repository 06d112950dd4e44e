package rtpmesh.control.call;

import java.util.ArrayList;
import java.util.List;
import rtpmesh.control.ng.NgException;

/**
 * Calls whose media does not touch rtpmesh: SDP passes untouched both ways and no port is bound,
 * while the call is still listed, queried and deleted like any other (flag {@code bypass} on the
 * first offer). {@code bypass media} takes an anchored call out of the media path and {@code anchor
 * media} puts a bypassed one back; each answers the SDP every party must get in a re-INVITE (as
 * FreeSWITCH's {@code uuid_media} / {@code bypass_media}).
 */
final class Bypass {
  private Bypass() {}

  /** An offer on a call in bypass: remember the offerer's SDP, pass it on as it is. */
  static void offer(Call c, String fromTag, String toTag, String viaBranch, String sdp, long now) {
    c.bypass = true;
    Monologue a = c.tagged(fromTag);
    if (a == null) a = c.newTagged(fromTag, now);
    a.initialized = true;
    a.sdpIn = sdp;
    Monologue b = OfferAnswer.otherSide(c, a, toTag, viaBranch, now);
    b.lastSdpOut = sdp;
  }

  /** An answer on a call in bypass: the answerer's SDP goes back to the offerer as it is. */
  static void answer(Call c, String fromTag, String toTag, String sdp) {
    Monologue a = c.tagged(fromTag);
    if (a == null) throw new NgException(NgException.UNKNOWN_CALL);
    if (toTag == null || toTag.isEmpty() || toTag.equals(fromTag)) throw new NgException("No to-tag in message");
    Monologue b = c.tagged(toTag);
    if (b == null) {
      for (Monologue s : a.subscribers) if (s.tag.isEmpty()) b = s;
      if (b == null) {
        b = c.newTagged(toTag, System.currentTimeMillis());
        a.subscribeTo(b);
        b.subscribeTo(a);
      } else {
        c.adopt(b, toTag);
      }
    }
    b.initialized = true;
    b.sdpIn = sdp;
    a.lastSdpOut = sdp;
  }

  /**
   * The two parties of a call that can be switched between the media path and bypass: exactly two
   * tagged parties, each with an SDP of its own, neither parked, created nor joined to another
   * call. Fails with the reason otherwise.
   */
  static List<Monologue> parties(Call c) {
    List<Monologue> all = new ArrayList<>(c.tagged.values());
    if (!c.untagged.isEmpty() || all.size() != 2) {
      throw new NgException("Bypass needs a call with exactly two answered parties (this one has "
          + all.size() + " tagged, " + c.untagged.size() + " unanswered)");
    }
    for (Monologue m : all) {
      if (m.local || m.parked) throw new NgException("Party " + m.label() + " is parked or rtpmesh's own: it has no counterpart to bypass to");
      if (m.sdpIn == null) throw new NgException("Party " + m.label() + " has sent no SDP yet");
      for (MediaLeg l : m.medias) {
        if (l.bridgeCall != null) throw new NgException("Party " + m.label() + " is connected to call " + l.bridgeCall);
      }
    }
    return all;
  }

  /** RTP ports the call holds (to release when it goes into bypass). */
  static List<Integer> ports(Call c) {
    List<Integer> out = new ArrayList<>();
    for (MediaLeg l : c.legs()) if (l.port != 0) out.add(l.port);
    return out;
  }
}
