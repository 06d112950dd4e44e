package rtpmesh.control.call;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A call: its monologues (tagged by SIP tag, untagged ones by via-branch) and the media block that
 * owns its ports. Owned by the control verticle's event loop; commands on one call run one at a time.
 */
public final class Call {
  public final String callId;
  public final long createdMs;
  public final long createdNanos;
  public final int block;
  public long lastSignalMs;
  public final Map<String, Monologue> tagged = new LinkedHashMap<>();
  public final List<Monologue> untagged = new ArrayList<>();
  int untaggedCount;
  /** Epoch ms at which a delayed delete removes the call; 0 = not scheduled. */
  public long deleteAt;
  public long deleteTimer = -1;
  public boolean gone;
  /** Taken over on new ports (the old address could not move here): both sides need new SDP. */
  public boolean reanchored;
  /** A conference room (join room / offer with {@code conference}): every party hears the mix of the others. */
  public boolean room;

  /** ng block media / silence media for the whole call (no from-tag); per party in {@link MediaLeg}. */
  public boolean mediaBlocked;
  public boolean mediaSilenced;

  /** Recording: null (off), "on" or "paused"; its metadata file; per-call options (recorder's start keys). */
  public String recording;
  public String recordingMetaFile;
  /** Where the call's audio is forwarded (udp:/tcp:HOST:PORT), or null; node-local, not in the call record. */
  public String forwarding;
  public io.vertx.core.json.JsonObject forwardingRequest;
  public io.vertx.core.json.JsonObject recordingOptions = new io.vertx.core.json.JsonObject();

  /** Media bypasses this node (flag {@code bypass}, or {@code bypass media}): SDP passes untouched, no ports. */
  public boolean bypass;
  /**
   * The call-id the cluster places this call by (null: its own). Calls joined by {@code connect}
   * share one, so that a takeover puts them on the same node, where their media can meet.
   */
  public String placement;

  /** Incremented on every change that is written to the cluster registry. */
  public long version;

  public Call(String callId, long nowMs, int block) {
    this.callId = callId;
    this.createdMs = nowMs;
    this.createdNanos = System.nanoTime();
    this.block = block;
    this.lastSignalMs = nowMs;
  }

  /** The call-id the cluster places this call by. */
  public String placementKey() {
    return placement == null ? callId : placement;
  }

  public Monologue tagged(String tag) {
    return tag == null ? null : tagged.get(tag);
  }

  public Monologue newTagged(String tag, long nowMs) {
    Monologue m = new Monologue(tag, 0, nowMs);
    tagged.put(tag, m);
    return m;
  }

  public Monologue newUntagged(String viaBranch, long nowMs) {
    Monologue m = new Monologue("", ++untaggedCount, nowMs);
    m.viaBranch = viaBranch;
    untagged.add(m);
    return m;
  }

  /** Gives an untagged monologue the tag of the party that answered from it. */
  public void adopt(Monologue m, String tag) {
    untagged.remove(m);
    m.tag = tag;
    tagged.put(tag, m);
  }

  public void removeMonologue(Monologue m) {
    untagged.remove(m);
    tagged.values().remove(m);
  }

  public List<Monologue> monologues() {
    List<Monologue> all = new ArrayList<>(tagged.values());
    all.addAll(untagged);
    return all;
  }

  /** The monologue a leg belongs to, or null. */
  public Monologue ownerOf(MediaLeg leg) {
    for (Monologue m : monologues()) if (m.medias.contains(leg)) return m;
    return null;
  }

  public List<MediaLeg> legs() {
    List<MediaLeg> out = new ArrayList<>();
    for (Monologue m : monologues()) out.addAll(m.medias);
    return out;
  }
}
