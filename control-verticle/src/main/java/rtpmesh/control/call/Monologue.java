package rtpmesh.control.call;

import java.util.ArrayList;
import java.util.List;

/** One party of a call, keyed by its SIP tag (rtpengine's "monologue"). */
public final class Monologue {
  /** The SIP tag; empty while the party has not answered. */
  public String tag;
  /** Via-branch of an untagged monologue, so that each branch gets its own ports. */
  public String viaBranch;
  public final int untaggedNumber;
  public final long createdMs;
  public final List<MediaLeg> medias = new ArrayList<>();
  /** Monologues this one receives media from, newest first. */
  public final List<Monologue> subscriptions = new ArrayList<>();
  /** Monologues that receive this one's media, newest first. */
  public final List<Monologue> subscribers = new ArrayList<>();
  /** True once this party sent an SDP of its own. */
  public boolean initialized;
  /** The side created by an offer (the callee) is ICE controlling, as in rtpengine. */
  public boolean iceControlling;
  /**
   * A media fork (ng {@code subscribe request}, rtpengine's pub/sub): its legs get copies of other
   * parties' media ({@link MediaLeg#copyOf}) and what it sends is dropped. Not in
   * {@link #subscriptions}/{@link #subscribers}, which are the offer/answer dialogue.
   */
  public boolean subscriber;
  /** The fork was asked for {@code inactive} (OpenSIPS pauses SIPREC so): nothing is copied to it. */
  public boolean inactive;
  /** Created by {@code publish}: sends media only for subscribers, has no dialogue peer. */
  public boolean publisher;

  /** SDP-version bookkeeping for replace=SDP-version, username and session-name. */
  public String lastSdpBody;
  public long outVersion = -1;
  public String firstUsername;
  public String firstSessionName;
  /**
   * rtpengine's {@code moh} dictionary this party advertised ({@code file} or {@code blob},
   * {@code mode}, {@code connection}): played to the other side while this party holds; or null.
   */
  public java.util.Map<String, Object> moh;
  /** The SDP this party last sent, as it sent it (what bypass hands to the other side). */
  public String sdpIn;
  /** rtpmesh answered this party's offer itself ({@code park}): it has no counterpart in its call. */
  public boolean parked;
  /** This side is rtpmesh itself ({@code create}): no party, no ports. */
  public boolean local;
  /** The SDP this party last got from us (what a re-anchor moves to new ports). */
  public String lastSdpOut;

  public Monologue(String tag, int untaggedNumber, long createdMs) {
    this.tag = tag;
    this.untaggedNumber = untaggedNumber;
    this.createdMs = createdMs;
  }

  public String label() {
    return tag.isEmpty() ? "<untagged " + untaggedNumber + ">" : tag;
  }

  public MediaLeg media(int index) {
    for (MediaLeg m : medias) if (m.index == index) return m;
    MediaLeg m = new MediaLeg(index);
    medias.add(m);
    return m;
  }

  public MediaLeg existingMedia(int index) {
    for (MediaLeg m : medias) if (m.index == index) return m;
    return null;
  }

  public void subscribeTo(Monologue other) {
    subscriptions.remove(other);
    subscriptions.add(0, other);
    other.subscribers.remove(this);
    other.subscribers.add(0, this);
  }

  public void unsubscribeFrom(Monologue other) {
    subscriptions.remove(other);
    other.subscribers.remove(this);
  }
}
