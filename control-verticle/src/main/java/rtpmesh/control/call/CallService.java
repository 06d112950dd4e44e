package rtpmesh.control.call;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Logger;
import rtpmesh.control.cluster.CallRegistry;
import rtpmesh.control.ng.NgException;
import rtpmesh.control.ng.NgFlags;
import rtpmesh.control.ng.NgMessage;
import rtpmesh.control.sdp.Sdp;
import rtpmesh.control.sdp.SdpException;

/**
 * The ng commands that concern calls. Runs on the control verticle's event loop; commands on one
 * call are queued so that each sees the state the previous one left.
 */
public final class CallService {
  private static final Logger LOG = Logger.getLogger(CallService.class.getName());

  public record Settings(int deleteDelaySeconds, int maxSessions) {}

  private final Vertx vertx;
  private final MediaClient media;
  private final OfferAnswer offerAnswer;
  private final Subscriptions subscriptions;
  private final MediaServices services;
  private final Rooms rooms;
  private RecordingControl recording;
  private Settings settings;
  private final Map<String, Call> calls = new HashMap<>();
  private final Map<String, Future<?>> queues = new HashMap<>();
  private final NodeCounters counters = new NodeCounters();
  private CallRegistry registry = CallRegistry.NONE;
  private String nodeId = "local";

  public CallService(Vertx vertx, MediaClient media, Interfaces interfaces, Settings settings) {
    this.vertx = vertx;
    this.media = media;
    this.settings = settings;
    String loopId = Long.toHexString(ThreadLocalRandom.current().nextLong() | (1L << 60)).substring(0, 12);
    this.offerAnswer = new OfferAnswer(interfaces, media, loopId);
    this.subscriptions = new Subscriptions(offerAnswer);
    this.services = new MediaServices(media);
    this.rooms = new Rooms(interfaces, media);
  }

  /** Turns on ICE and DTLS-SRTP in SDP: the media plane terminates them with this certificate. */
  public void enableWebrtc(String fingerprint) {
    offerAnswer.webrtc(fingerprint);
  }

  /** Turns on the recording commands: the node runs a recorder (or answers that it does not). */
  public void enableRecording(RecordingControl recording) {
    this.recording = recording;
  }

  /** Shares call state with a cluster: every signalling event is written to {@code registry}. */
  public void attach(CallRegistry registry, String nodeId) {
    this.registry = registry;
    this.nodeId = nodeId;
  }

  /** The cluster record of a call this node holds, or null. */
  public JsonObject record(String callId) {
    Call c = calls.get(callId);
    return c == null ? null : CallStateCodec.toJson(c, nodeId);
  }

  public boolean has(String callId) {
    return calls.containsKey(callId);
  }

  public NodeCounters counters() {
    return counters;
  }

  public int size() {
    return calls.size();
  }

  public Settings settings() {
    return settings;
  }

  /** Replaces delete-delay and max-sessions from now on (the CLI's {@code set}); calls keep running. */
  public void settings(Settings settings) {
    this.settings = settings;
  }

  /** The calls held here, as a copy (for listing); the calls themselves stay live. */
  public List<Call> snapshot() {
    return new ArrayList<>(calls.values());
  }

  /** The call, or null; for reading only. */
  public Call get(String callId) {
    return calls.get(callId);
  }

  /**
   * Ends a call now, as the CLI's {@code terminate} does: no delete-delay, ports released, counted
   * as forced. Completes with false when there is no such call.
   */
  public Future<Boolean> terminate(String callId) {
    return serialized(callId, () -> {
      Call c = calls.get(callId);
      if (c == null) return Future.succeededFuture(Map.<String, Object>of("found", false));
      LOG.warning("Call Id (" + callId + ") successfully terminated by operator.");
      counters.forced++;
      return destroy(c, false).map(v -> Map.<String, Object>of("found", true));
    }).map(r -> (Boolean) r.get("found"));
  }

  /** Ends every call held here, as {@link #terminate} does; completes with how many it ended. */
  public Future<Integer> terminateAll() {
    List<Future<Boolean>> ends = new ArrayList<>();
    for (String id : new ArrayList<>(calls.keySet())) ends.add(terminate(id));
    return Future.join(ends).transform(ar -> Future.succeededFuture(
        (int) ends.stream().filter(f -> f.succeeded() && Boolean.TRUE.equals(f.result())).count()));
  }

  public Future<Map<String, Object>> offer(NgMessage msg) {
    if (NgFlags.parse(msg).has("conference")) return joinRoom(msg);
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    String fromTag = msg.require("from-tag", NgException.NO_FROM_TAG);
    Sdp sdp = sdpOf(msg);
    NgFlags flags = NgFlags.parse(msg);
    RecordingControl.validate(msg);
    return serialized(callId, () -> {
      Call call = calls.get(callId);
      boolean created = call == null;
      if (created) {
        call = newCall(callId, flags.supports().contains("load-limit"));
      }
      if (call.room) throw new NgException(Rooms.IS_A_ROOM);
      if (offerAnswer.looped(sdp)) return Future.succeededFuture(sdpReply(sdp.toString()));
      Call c = call;
      JsonObject before = created ? null : CallStateCodec.toJson(c, nodeId);
      cancelDelete(c);
      c.lastSignalMs = System.currentTimeMillis();
      String raw = (String) msg.dict().get("sdp");
      if ((created && flags.has("bypass")) || c.bypass) {
        Bypass.offer(c, fromTag, msg.str("to-tag"), flags.viaBranch(), raw, c.lastSignalMs);
        return save(c).map(v -> sdpReply(raw));
      }
      Monologue known = c.tagged(fromTag);
      if (known != null && known.local) throw new NgException("from-tag is rtpmesh's own side of a created call");
      boolean park = flags.has("park");
      if (known != null && !park) known.parked = false;
      Future<String> rewritten = park ? offerAnswer.park(c, fromTag, flags, sdp, c.lastSignalMs)
          : offerAnswer.offer(c, fromTag, msg.str("to-tag"), flags, sdp, c.lastSignalMs);
      return rewritten
          .onSuccess(out -> c.tagged(fromTag).sdpIn = raw)
          .compose(out -> pushLegs(c).compose(v -> afterSignal(c, fromTag, msg))
              .compose(v -> recordAfter(c, msg, out)).compose(r -> save(c).map(v -> r)))
          .recover(err -> (created ? destroy(c) : rollback(c, before)).compose(v -> Future.failedFuture(err)));
    });
  }

  public Future<Map<String, Object>> answer(NgMessage msg) {
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    String fromTag = msg.require("from-tag", NgException.NO_FROM_TAG);
    Sdp sdp = sdpOf(msg);
    NgFlags flags = NgFlags.parse(msg);
    RecordingControl.validate(msg);
    return serialized(callId, () -> {
      Call c = calls.get(callId);
      if (c == null) throw new NgException(NgException.UNKNOWN_CALL);
      if (c.room) throw new NgException(Rooms.IS_A_ROOM);
      if (offerAnswer.looped(sdp)) return Future.succeededFuture(sdpReply(sdp.toString()));
      JsonObject before = CallStateCodec.toJson(c, nodeId);
      cancelDelete(c);
      c.lastSignalMs = System.currentTimeMillis();
      String raw = (String) msg.dict().get("sdp");
      String toTag = msg.str("to-tag");
      if (c.bypass) {
        Bypass.answer(c, fromTag, toTag, raw);
        return save(c).map(v -> sdpReply(raw));
      }
      Monologue self = c.tagged(fromTag);
      if (self != null && self.local) {
        // The answer to an offer rtpmesh created: nothing to rewrite, nobody to send it to.
        if (toTag == null || toTag.isEmpty()) throw new NgException("No to-tag in message");
        offerAnswer.answerCreated(c, self, toTag, flags, sdp);
        c.tagged(toTag).sdpIn = raw;
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("result", "ok");
        return pushLegs(c).compose(v -> save(c)).map(v -> ok)
            .recover(err -> rollback(c, before).compose(v -> Future.failedFuture(err)));
      }
      return offerAnswer.answer(c, fromTag, toTag, flags, sdp, c.lastSignalMs)
          .onSuccess(out -> c.reanchored = false)
          .onSuccess(out -> c.tagged(toTag).sdpIn = raw)
          .compose(out -> pushLegs(c).compose(v -> afterSignal(c, toTag, msg))
              .compose(v -> recordAfter(c, msg, out)).compose(r -> save(c).map(v -> r)))
          .recover(err -> rollback(c, before).compose(v -> Future.failedFuture(err)));
    });
  }

  public Future<Map<String, Object>> delete(NgMessage msg) {
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    String fromTag = msg.str("from-tag");
    boolean fatal = NgFlags.parse(msg).has("fatal");
    Long delayKey = msg.number("delete-delay");
    long delay = delayKey != null ? delayKey : settings.deleteDelaySeconds();
    return serialized(callId, () -> {
      Call c = calls.get(callId);
      if (c == null || (fromTag != null && !fromTag.isEmpty() && c.tagged(fromTag) == null)) {
        if (fatal) throw new NgException(NgException.NOT_FOUND);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("result", "ok");
        r.put("warning", NgException.NOT_FOUND);
        return Future.succeededFuture(r);
      }
      // In a room, a party's delete (its BYE) is its leave; a delete without from-tag ends the room.
      if (c.room && fromTag != null && !fromTag.isEmpty()) return leave(c, fromTag);
      Monologue branch = branchToDelete(c, msg);
      return statsOf(c).compose(stats -> {
        if (branch != null) return dropBranch(c, branch).compose(v -> save(c)).map(v -> stats);
        if (delay <= 0) return destroy(c).map(v -> stats);
        scheduleDelete(c, delay);
        // A deleted room stops mixing at once; its ports linger for the delete-delay as any call's.
        Future<Void> quiet = c.room ? media.mix(c.block, c.callId, List.of()) : Future.succeededFuture();
        return quiet.compose(v -> save(c)).map(v -> stats);
      });
    });
  }

  /**
   * The one monologue a delete names, when it names one and the call goes on without it: the
   * to-tag when the {@code to-tag} flag asks to honour it, or an unanswered via-branch.
   */
  private static Monologue branchToDelete(Call c, NgMessage msg) {
    Monologue target = null;
    if (NgFlags.parse(msg).has("to-tag")) target = c.tagged(msg.str("to-tag"));
    String via = msg.str("via-branch");
    if (target == null && via != null) {
      for (Monologue u : c.untagged) if (via.equals(u.viaBranch)) target = u;
    }
    if (target == null) return null;
    int others = 0;
    for (Monologue m : c.monologues()) if (m != target && !m.subscriptions.isEmpty()) others++;
    return others >= 2 ? target : null;
  }

  /** Removes one monologue (a fork or branch) and frees its ports; the rest of the call goes on. */
  private Future<Void> dropBranch(Call c, Monologue m) {
    List<Integer> ports = new ArrayList<>();
    for (MediaLeg l : m.medias) if (l.port != 0) ports.add(l.port);
    for (Monologue o : new ArrayList<>(m.subscriptions)) m.unsubscribeFrom(o);
    for (Monologue o : new ArrayList<>(m.subscribers)) o.unsubscribeFrom(m);
    c.removeMonologue(m);
    for (Monologue o : c.monologues()) {
      for (MediaLeg l : o.medias) {
        if (l.peer == null || !m.medias.contains(l.peer)) continue;
        l.peer = o.subscribers.isEmpty() ? null : o.subscribers.get(0).existingMedia(l.index);
      }
    }
    return pushLegs(c).compose(v -> ports.isEmpty() ? Future.<Void>succeededFuture() : media.release(c.block, c.callId, ports));
  }

  /**
   * {@code subscribe request} (see {@link Subscriptions#request}): a media fork of one, several or
   * all parties; answers the subscriber's offer SDP and its {@code to-tag}.
   */
  public Future<Map<String, Object>> subscribeRequest(NgMessage msg) {
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    NgFlags flags = NgFlags.parse(msg);
    return serialized(callId, () -> {
      Call c = calls.get(callId);
      if (c == null) throw new NgException(NgException.UNKNOWN_CALL);
      JsonObject before = CallStateCodec.toJson(c, nodeId);
      List<Integer> replaced = new ArrayList<>();
      c.lastSignalMs = System.currentTimeMillis();
      // A throw may leave the call half-changed: as a failed future it is rolled back below.
      Future<Map<String, Object>> requested = attempt(() -> subscriptions.request(c, msg, flags, c.lastSignalMs, replaced));
      return requested
          .compose(reply -> pushLegs(c).compose(v -> releasePorts(c, replaced)).compose(v -> save(c)).map(v -> reply))
          .recover(err -> rollback(c, before).compose(v -> Future.failedFuture(err)));
    });
  }

  /** {@code subscribe answer}: the subscriber's SDP; copies start flowing to it. */
  public Future<Map<String, Object>> subscribeAnswer(NgMessage msg) {
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    NgFlags flags = NgFlags.parse(msg);
    return serialized(callId, () -> {
      Call c = calls.get(callId);
      if (c == null) throw new NgException(NgException.UNKNOWN_CALL);
      JsonObject before = CallStateCodec.toJson(c, nodeId);
      subscriptions.answer(c, msg, flags);
      c.lastSignalMs = System.currentTimeMillis();
      return pushLegs(c).compose(v -> save(c)).map(v -> ok())
          .recover(err -> rollback(c, before).compose(v -> Future.failedFuture(err)));
    });
  }

  /** {@code unsubscribe}: the subscriber named by {@code to-tag} goes, and its ports with it. */
  public Future<Map<String, Object>> unsubscribe(NgMessage msg) {
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    return serialized(callId, () -> {
      Call c = calls.get(callId);
      if (c == null) throw new NgException(NgException.UNKNOWN_CALL);
      List<Integer> ports = subscriptions.remove(c, msg);
      c.lastSignalMs = System.currentTimeMillis();
      return pushLegs(c).compose(v -> releasePorts(c, ports)).compose(v -> save(c)).map(v -> ok());
    });
  }

  /**
   * {@code publish}: a party that sends media for subscribers only (creates the call if new);
   * answers a recvonly SDP generated here.
   */
  public Future<Map<String, Object>> publish(NgMessage msg) {
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    String fromTag = msg.require("from-tag", NgException.NO_FROM_TAG);
    Sdp sdp = Subscriptions.sdpOf(msg);
    NgFlags flags = NgFlags.parse(msg);
    return serialized(callId, () -> {
      Call call = calls.get(callId);
      boolean created = call == null;
      if (created) {
        call = newCall(callId, false);
      }
      Call c = call;
      JsonObject before = created ? null : CallStateCodec.toJson(c, nodeId);
      cancelDelete(c);
      c.lastSignalMs = System.currentTimeMillis();
      Future<String> out = attempt(() -> subscriptions.publish(c, fromTag, sdp, flags, msg.str("interface"), c.lastSignalMs));
      return out.compose(o -> pushLegs(c).compose(v -> save(c)).map(v -> sdpReply(o)))
          .recover(err -> (created ? destroy(c) : rollback(c, before)).compose(v -> Future.failedFuture(err)));
    });
  }

  /**
   * A new call, placed in this node's table and counted; refused above {@code --max-sessions}, with
   * {@link LoadLimit} when {@code loadLimit} (the proxy takes rtpengine's load-limit answer).
   */
  private Call newCall(String callId, boolean loadLimit) {
    if (settings.maxSessions() >= 0 && calls.size() >= settings.maxSessions()) {
      counters.rejected++;
      if (loadLimit) throw new LoadLimit();
      throw new NgException(NgException.SESSION_LIMIT);
    }
    Call call = new Call(callId, System.currentTimeMillis(), media.blockFor(callId));
    calls.put(callId, call);
    counters.managed++;
    return call;
  }

  private Future<Void> releasePorts(Call c, List<Integer> ports) {
    return ports.isEmpty() ? Future.succeededFuture() : media.release(c.block, c.callId, ports);
  }

  private static Map<String, Object> ok() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("result", "ok");
    return r;
  }

  /**
   * rtpmesh's {@code join room} (also an {@code offer} with the {@code conference} flag): the party
   * {@code from-tag} joins conference room {@code call-id} with its offer {@code sdp}, creating the room
   * if needed; a repeated join of the same tag is its re-offer. Answers {@code sdp}: our answer, which
   * points the party at its port of the room (see {@link Rooms}).
   */
  public Future<Map<String, Object>> joinRoom(NgMessage msg) {
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    String tag = msg.require("from-tag", NgException.NO_FROM_TAG);
    Sdp sdp = sdpOf(msg);
    NgFlags flags = NgFlags.parse(msg);
    return serialized(callId, () -> {
      Call call = calls.get(callId);
      boolean created = call == null;
      if (created) {
        call = newCall(callId, false);
        call.room = true;
      } else if (!call.room) {
        throw new NgException(Rooms.NOT_A_ROOM);
      }
      Call c = call;
      JsonObject before = created ? null : CallStateCodec.toJson(c, nodeId);
      cancelDelete(c);
      c.lastSignalMs = System.currentTimeMillis();
      Future<String> joined = attempt(() -> rooms.join(c, tag, sdp, flags, msg.str("interface"), c.lastSignalMs));
      return joined
          .compose(out -> rooms.push(c).compose(v -> save(c)).map(v -> {
            Map<String, Object> r = sdpReply(out);
            r.put("participants", (long) c.tagged.size());
            return r;
          }))
          .recover(err -> (created ? destroy(c) : rollback(c, before).compose(v -> rooms.push(calls.get(callId))))
              .transform(ignored -> Future.failedFuture(err)));
    });
  }

  /**
   * rtpmesh's {@code leave room}: the party {@code from-tag} leaves conference room {@code call-id}
   * and its port is freed; the others go on. When the last one leaves, the room ends.
   */
  public Future<Map<String, Object>> leaveRoom(NgMessage msg) {
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    String tag = msg.require("from-tag", NgException.NO_FROM_TAG);
    return serialized(callId, () -> {
      Call c = calls.get(callId);
      if (c == null) throw new NgException(NgException.UNKNOWN_CALL);
      if (!c.room) throw new NgException(Rooms.NOT_A_ROOM);
      return leave(c, tag);
    });
  }

  private Future<Map<String, Object>> leave(Call c, String tag) {
    List<Integer> ports = Rooms.remove(c, tag);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("participants", (long) c.tagged.size());
    r.put("result", "ok");
    if (c.tagged.isEmpty()) return destroy(c).map(v -> r);
    return rooms.push(c)
        .compose(v -> ports.isEmpty() ? Future.<Void>succeededFuture() : media.release(c.block, c.callId, ports))
        .compose(v -> save(c)).map(v -> r);
  }

  /**
   * rtpmesh's {@code reanchor} command: moves a call to fresh ports on this node (for instance
   * after a takeover from a node whose address could not move) and answers with the SDP each
   * party must now get in a re-INVITE: {@code {sdp: {<tag>: <sdp>, ...}}}, as OpenSIPS's
   * rtp_relay_update needs.
   */
  public Future<Map<String, Object>> reanchor(NgMessage msg) {
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    return serialized(callId, () -> {
      Call c = calls.get(callId);
      if (c == null) throw new NgException(NgException.UNKNOWN_CALL);
      if (c.bypass) throw new NgException("Call is in bypass: its media does not pass here");
      List<Integer> old = new ArrayList<>();
      for (MediaLeg l : c.legs()) if (l.port != 0) old.add(l.port);
      return offerAnswer.reanchor(c)
          .compose(v -> media.configure(c.block, callId, LegConfig.of(c)))
          .compose(v -> media.release(c.block, callId, old))
          .compose(v -> {
            c.reanchored = false;
            Map<String, Object> sdps = new LinkedHashMap<>();
            for (Monologue m : c.monologues()) {
              String moved = m.lastSdpOut == null ? null : OfferAnswer.moved(m);
              if (moved != null) sdps.put(m.label(), moved);
            }
            return save(c).map(x -> {
              Map<String, Object> r = new LinkedHashMap<>();
              r.put("sdp", sdps);
              r.put("result", "ok");
              return r;
            });
          });
    });
  }

  /**
   * rtpmesh's {@code create}: rtpmesh originates a call and answers the SDP offer for the party it
   * goes to (see {@link OfferAnswer#create}); that party's {@code answer} completes it. Options:
   * {@code codecs} (names: PCMU, PCMA, G722, opus, telephone-event; default PCMU, PCMA,
   * telephone-event), {@code transport-protocol} (RTP/AVP default, RTP/SAVP with SDES),
   * {@code interface} (or {@code direction}), {@code ptime}.
   */
  public Future<Map<String, Object>> create(NgMessage msg) {
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    String fromTag = msg.require("from-tag", NgException.NO_FROM_TAG);
    NgFlags flags = NgFlags.parse(msg);
    List<SdpCodec> codecs = Originate.codecs(msg.list("codecs"));
    String proto = Originate.proto(flags.transportProtocol());
    String iface = msg.str("interface") != null ? msg.str("interface") : flags.direction().isEmpty() ? null : flags.direction().get(0);
    return serialized(callId, () -> {
      if (calls.containsKey(callId)) throw new NgException("Call-ID exists already: create needs a new call-id");
      Call c = newCall(callId, false);
      return offerAnswer.create(c, fromTag, iface, proto, codecs, flags, c.lastSignalMs)
          .compose(out -> pushLegs(c).compose(v -> save(c)).map(v -> sdpReply(out)))
          .recover(err -> destroy(c).compose(v -> Future.failedFuture(err)));
    });
  }

  /**
   * rtpengine's {@code connect}: joins the parties {@code from-tag} (of {@code call-id}) and
   * {@code to-tag} (of {@code to-call-id}, default the same call) without a new offer/answer: media
   * of each then flows to the other through the ports they already have. Their previous
   * counterparts are left without media from them. Across calls the two legs are bridged in the
   * media plane (see {@link rtpmesh.media.MediaApi} {@code bridge}) and both calls get the same
   * cluster placement. Media passes as it is: no transcoding between joined parties.
   */
  public Future<Map<String, Object>> connect(NgMessage msg) {
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    String fromTag = msg.require("from-tag", NgException.NO_FROM_TAG);
    String toTag = msg.require("to-tag", "No to-tag in message");
    String to = msg.str("to-call-id");
    String toCallId = to == null || to.isEmpty() ? callId : to;
    return serialized(callId, () -> {
      Call c1 = calls.get(callId);
      if (c1 == null) throw new NgException(NgException.UNKNOWN_CALL);
      Call c2 = calls.get(toCallId);
      if (c2 == null) throw new NgException("Unknown to-call-id" + (registry == CallRegistry.NONE ? "" : " on this node (joined calls must be on one node)"));
      Monologue a = c1.tagged(fromTag);
      if (a == null) throw new NgException("Unknown from-tag");
      Monologue b = c2.tagged(toTag);
      if (b == null) throw new NgException("Unknown to-tag");
      if (a == b) throw new NgException("Cannot connect a party to itself");
      if (c1.bypass || c2.bypass) throw new NgException("Call is in bypass: its media does not pass here");
      List<Future<Void>> unbridged = new ArrayList<>();
      int joined = 0;
      for (MediaLeg la : a.medias) {
        MediaLeg lb = b.existingMedia(la.index);
        if (la.port == 0 || la.bundleWith != 0 || lb == null || lb.port == 0 || lb.bundleWith != 0) continue;
        unbridged.add(detach(c1, la));
        unbridged.add(detach(c2, lb));
        if (c1 == c2) {
          la.peer = lb;
          lb.peer = la;
        } else {
          la.bridgeCall = c2.callId;
          la.bridgeTag = b.tag;
          la.bridgeIndex = lb.index;
          lb.bridgeCall = c1.callId;
          lb.bridgeTag = a.tag;
          lb.bridgeIndex = la.index;
        }
        joined++;
      }
      if (joined == 0) throw new NgException("No media stream to connect: both parties need ports for the same m= line");
      if (c1 == c2) {
        a.subscribeTo(b);
        b.subscribeTo(a);
      } else {
        String key = c1.placementKey().compareTo(c2.placementKey()) <= 0 ? c1.placementKey() : c2.placementKey();
        c1.placement = key;
        c2.placement = key;
      }
      cancelDelete(c1);
      cancelDelete(c2);
      return Future.all(unbridged)
          .compose(v -> pushLegs(c1)).compose(v -> c1 == c2 ? Future.<Void>succeededFuture() : pushLegs(c2))
          .compose(v -> save(c1)).compose(v -> c1 == c2 ? Future.<Void>succeededFuture() : save(c2))
          .map(v -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("result", "ok");
            return r;
          });
    });
  }

  /**
   * Cuts a leg from whatever it sent to: its peer in its own call, or a leg of another call it was
   * bridged to (whose bridge is ended in the media plane too).
   */
  private Future<Void> detach(Call c, MediaLeg leg) {
    if (leg.peer != null) {
      if (leg.peer.peer == leg) leg.peer.peer = null;
      leg.peer = null;
    }
    if (leg.bridgeCall == null) return Future.succeededFuture();
    Call other = calls.get(leg.bridgeCall);
    MediaLeg t = bridgeTarget(leg);
    leg.bridgeCall = null;
    leg.bridgeTag = null;
    if (other == null || t == null || !c.callId.equals(t.bridgeCall)) return Future.succeededFuture();
    t.bridgeCall = null;
    t.bridgeTag = null;
    return media.bridge(other.block, other.callId, t.port, 0, null, 0).compose(v -> save(other)).recover(err -> Future.succeededFuture());
  }

  /** The leg of another call held here that {@code leg} is bridged to, or null. */
  private MediaLeg bridgeTarget(MediaLeg leg) {
    if (leg.bridgeCall == null) return null;
    Call other = calls.get(leg.bridgeCall);
    Monologue m = other == null ? null : other.tagged(leg.bridgeTag);
    return m == null ? null : m.existingMedia(leg.bridgeIndex);
  }

  /**
   * Pushes the media-plane bridges of every bridged leg of {@code c}, and of the legs of other calls
   * bridged to it (their target port may have changed).
   */
  private Future<Void> pushBridges(Call c) {
    List<Future<Void>> ops = new ArrayList<>();
    java.util.Set<String> partners = new java.util.LinkedHashSet<>();
    for (MediaLeg l : c.legs()) {
      if (l.bridgeCall == null || l.port == 0) continue;
      partners.add(l.bridgeCall);
      ops.add(bridgeOp(c, l));
    }
    for (String p : partners) {
      Call other = calls.get(p);
      if (other == null || other == c) continue;
      for (MediaLeg l : other.legs()) if (c.callId.equals(l.bridgeCall) && l.port != 0) ops.add(bridgeOp(other, l));
    }
    return ops.isEmpty() ? Future.succeededFuture() : Future.all(ops).mapEmpty();
  }

  private Future<Void> bridgeOp(Call c, MediaLeg l) {
    MediaLeg t = bridgeTarget(l);
    Call other = calls.get(l.bridgeCall);
    Future<Void> op = t == null || t.port == 0
        ? media.bridge(c.block, c.callId, l.port, 0, null, 0)
        : media.bridge(c.block, c.callId, l.port, other.block, other.callId, t.port);
    return op.recover(err -> {
      LOG.warning("bridge of " + c.callId + " port " + l.port + " not set: " + err.getMessage());
      return Future.succeededFuture();
    });
  }

  /**
   * rtpmesh's {@code bypass media}: takes an anchored two-party call out of the media path. Each
   * party gets the other's own SDP (o= version bumped) for a re-INVITE, and the call's ports are
   * released; the call stays listed until deleted. Reply {@code {sdp: {<tag>: <sdp>, ...}}}.
   */
  public Future<Map<String, Object>> bypassMedia(NgMessage msg) {
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    return serialized(callId, () -> {
      Call c = calls.get(callId);
      if (c == null) throw new NgException(NgException.UNKNOWN_CALL);
      if (c.bypass) throw new NgException("Call is already in bypass");
      List<Monologue> two = Bypass.parties(c);
      Monologue a = two.get(0);
      Monologue b = two.get(1);
      String toA = SelfSdp.bumpedAbove(b.sdpIn, a.lastSdpOut);
      String toB = SelfSdp.bumpedAbove(a.sdpIn, b.lastSdpOut);
      List<Integer> ports = Bypass.ports(c);
      return (ports.isEmpty() ? Future.<Void>succeededFuture() : media.release(c.block, callId, null)).compose(v -> {
        a.medias.clear();
        b.medias.clear();
        a.lastSdpOut = toA;
        b.lastSdpOut = toB;
        c.bypass = true;
        return save(c);
      }).map(v -> sdpsReply(Map.of(a.label(), toA, b.label(), toB), a, b));
    });
  }

  /**
   * rtpmesh's {@code anchor media}: puts a call in bypass back into the media path. The parties'
   * own SDPs go through offer/answer as if the offerer had just offered (flags of the command
   * apply, e.g. {@code replace-origin}); each party gets its new SDP (o= version bumped) for a
   * re-INVITE. Reply {@code {sdp: {<tag>: <sdp>, ...}}}.
   */
  public Future<Map<String, Object>> anchorMedia(NgMessage msg) {
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    NgFlags flags = NgFlags.parse(msg);
    return serialized(callId, () -> {
      Call c = calls.get(callId);
      if (c == null) throw new NgException(NgException.UNKNOWN_CALL);
      if (!c.bypass) throw new NgException("Call is not in bypass: its media already passes here");
      List<Monologue> two = Bypass.parties(c);
      Monologue a = two.get(0);
      Monologue b = two.get(1);
      Sdp offer;
      Sdp answer;
      try {
        offer = Sdp.parse(a.sdpIn);
        answer = Sdp.parse(b.sdpIn);
      } catch (SdpException e) {
        throw new NgException(NgException.PARSE_SDP);
      }
      JsonObject before = CallStateCodec.toJson(c, nodeId);
      String seenA = a.lastSdpOut;
      String seenB = b.lastSdpOut;
      c.bypass = false;
      long now = System.currentTimeMillis();
      return offerAnswer.offer(c, a.tag, b.tag, flags, offer, now)
          .compose(toB -> offerAnswer.answer(c, a.tag, b.tag, flags, answer, now).map(toA -> List.of(toA, toB)))
          .compose(out -> pushLegs(c).map(v -> out))
          .compose(out -> {
            a.lastSdpOut = SelfSdp.bumpedAbove(out.get(0), seenA);
            b.lastSdpOut = SelfSdp.bumpedAbove(out.get(1), seenB);
            return save(c).map(v -> sdpsReply(Map.of(a.label(), a.lastSdpOut, b.label(), b.lastSdpOut), a, b));
          })
          .recover(err -> rollback(c, before).compose(v -> Future.failedFuture(err)));
    });
  }

  private static Map<String, Object> sdpsReply(Map<String, String> byTag, Monologue a, Monologue b) {
    Map<String, Object> sdps = new LinkedHashMap<>();
    sdps.put(a.label(), byTag.get(a.label()));
    sdps.put(b.label(), byTag.get(b.label()));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("sdp", sdps);
    r.put("result", "ok");
    return r;
  }

  public Future<Map<String, Object>> query(NgMessage msg) {
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    return serialized(callId, () -> {
      Call c = calls.get(callId);
      if (c == null) throw new NgException(NgException.UNKNOWN_CALL);
      return statsOf(c);
    });
  }

  public Map<String, Object> list(NgMessage msg) {
    Long limit = msg.number("limit");
    long max = limit == null ? 32 : limit;
    List<Object> ids = new ArrayList<>();
    for (String id : calls.keySet()) {
      if (ids.size() >= max) break;
      ids.add(id);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("calls", ids);
    r.put("result", "ok");
    return r;
  }

  /**
   * Keeps the SRTP keys a leg's DTLS handshake produced, and where its party was then, in the call's
   * record (media event).
   */
  public void dtlsKeys(String callId, int port, String suite, String sendKey, String recvKey, Endpoint party) {
    serialized(callId, () -> {
      Call c = calls.get(callId);
      if (c == null) return Future.succeededFuture(Map.of());
      for (MediaLeg l : c.legs()) {
        if (l.port != port) continue;
        l.dtlsSuite = suite;
        l.dtlsSendKey = sendKey;
        l.dtlsRecvKey = recvKey;
        l.dtlsParty = party;
      }
      return save(c).map(v -> Map.<String, Object>of());
    });
  }

  /**
   * Keeps an SRTP rollover counter that advanced (media event, once per 65536 packets of a stream)
   * in the call's record, so that a takeover resumes the stream.
   */
  public void roc(String callId, int port, boolean send, long ssrc, int roc) {
    serialized(callId, () -> {
      Call c = calls.get(callId);
      if (c == null) return Future.succeededFuture(Map.of());
      for (MediaLeg l : c.legs()) {
        if (l.port != port || l.bundleWith != 0) continue;
        (send ? l.rocSend : l.rocRecv).put(Long.toString(ssrc), roc);
      }
      return save(c).map(v -> Map.<String, Object>of());
    });
  }

  /** The offer/answer reply, after the recording keys of the message were applied. */
  private Future<Map<String, Object>> recordAfter(Call c, NgMessage msg, String sdpOut) {
    Map<String, Object> reply = sdpReply(sdpOut);
    if (recording == null) return Future.succeededFuture(reply);
    return recording.afterSignal(c, msg, media).map(warning -> {
      if (warning != null) reply.put("warning", warning);
      return reply;
    });
  }

  public Future<Map<String, Object>> startRecording(NgMessage msg) {
    return recordingCommand(msg, (c, rc) -> rc.start(c, msg, media));
  }

  public Future<Map<String, Object>> stopRecording(NgMessage msg) {
    return recordingCommand(msg, (c, rc) -> rc.stop(c, msg, media));
  }

  public Future<Map<String, Object>> pauseRecording(NgMessage msg) {
    return recordingCommand(msg, (c, rc) -> rc.pause(c, msg, media));
  }

  public Future<Map<String, Object>> startForwarding(NgMessage msg) {
    RecordingControl.forwardTo(msg); // a bad forward-to is an error before anything happens
    return forwardingCommand(msg, (c, rc) -> rc.startForwarding(c, msg, media));
  }

  public Future<Map<String, Object>> stopForwarding(NgMessage msg) {
    return forwardingCommand(msg, (c, rc) -> rc.stopForwarding(c, msg, media));
  }

  private Future<Map<String, Object>> forwardingCommand(NgMessage msg,
      java.util.function.BiFunction<Call, RecordingControl, Future<Map<String, Object>>> work) {
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    return serialized(callId, () -> {
      Call c = calls.get(callId);
      if (c == null) throw new NgException(NgException.UNKNOWN_CALL);
      if (recording == null) throw new NgException(rtpmesh.recording.RecordingApi.NO_FORWARD_TO);
      return work.apply(c, recording);
    });
  }

  private Future<Map<String, Object>> recordingCommand(NgMessage msg,
      java.util.function.BiFunction<Call, RecordingControl, Future<Map<String, Object>>> work) {
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    RecordingControl.validate(msg);
    return serialized(callId, () -> {
      Call c = calls.get(callId);
      if (c == null) throw new NgException(NgException.UNKNOWN_CALL);
      if (recording == null) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("result", "ok");
        r.put("warning", RecordingControl.NOT_ENABLED);
        return Future.succeededFuture(r);
      }
      return work.apply(c, recording).compose(r -> save(c).map(v -> r));
    });
  }

  /** play DTMF into a transcoded stream (see {@link DtmfControl}). */
  public Future<Map<String, Object>> playDtmf(NgMessage msg) {
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    return serialized(callId, () -> {
      Call c = calls.get(callId);
      if (c == null) throw new NgException(NgException.UNKNOWN_CALL);
      return DtmfControl.play(c, msg, media);
    });
  }

  /** block DTMF / unblock DTMF (see {@link DtmfControl}). */
  public Future<Map<String, Object>> blockDtmf(NgMessage msg, boolean block) {
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    return serialized(callId, () -> {
      Call c = calls.get(callId);
      if (c == null) throw new NgException(NgException.UNKNOWN_CALL);
      return DtmfControl.block(c, msg, block, () -> pushLegs(c));
    });
  }

  /** play media (see {@link MediaServices}). */
  public Future<Map<String, Object>> playMedia(NgMessage msg) {
    return onCall(msg, c -> services.play(c, msg));
  }

  /** stop media (see {@link MediaServices}). */
  public Future<Map<String, Object>> stopMedia(NgMessage msg) {
    return onCall(msg, c -> services.stop(c, msg));
  }

  /** block / unblock media, or silence / unsilence media with {@code silence} (see {@link MediaServices}). */
  public Future<Map<String, Object>> blockMedia(NgMessage msg, boolean silence, boolean on) {
    return onCall(msg, c -> services.block(c, msg, silence, on).compose(r -> save(c).map(v -> r)));
  }

  /** Media echo and music on hold of the party that sent an offer or answer (see {@link MediaServices}). */
  private Future<Void> afterSignal(Call c, String senderTag, NgMessage msg) {
    Monologue sender = c.tagged(senderTag);
    if (sender != null) services.takeSignal(c, sender, msg);
    return services.afterSignal(c, sender);
  }

  private Future<Map<String, Object>> onCall(NgMessage msg, java.util.function.Function<Call, Future<Map<String, Object>>> work) {
    String callId = msg.require("call-id", NgException.NO_CALL_ID);
    return serialized(callId, () -> {
      Call c = calls.get(callId);
      if (c == null) throw new NgException(NgException.UNKNOWN_CALL);
      return work.apply(c);
    });
  }

  /** A media event about one of our calls: a playback that ended. */
  public void mediaEnded(JsonObject e) {
    Call c = calls.get(e.getString("call", ""));
    if (c == null) return;
    int port = e.getInteger("port", 0);
    for (MediaLeg l : c.legs()) {
      if (l.port != port) continue;
      Monologue m = c.ownerOf(l);
      LOG.info("[" + c.callId + "] media playback to tag '" + (m == null ? "" : m.tag) + "' "
          + (e.getBoolean("done", false) ? "finished" : "stopped") + " at frame " + e.getLong("framePosition", 0L));
      if (e.getBoolean("done", false)) l.mohPlaying = false;
    }
  }

  /** A DTMF digit the media plane reported for one of our calls. */
  public void dtmfEvent(JsonObject e, DtmfControl dtmf) {
    Call c = calls.get(e.getString("call", ""));
    if (c != null) dtmf.report(c, e);
  }

  /** Ends a call whose media went quiet (the media block reported it). */
  public void timeout(String callId, String reason) {
    serialized(callId, () -> {
      Call c = calls.get(callId);
      if (c == null) return Future.succeededFuture(Map.of());
      LOG.info("call " + callId + " ended: " + reason);
      if ("silent-timeout".equals(reason)) counters.silentTimeout++;
      else counters.timeout++;
      return destroy(c, false).map(v -> Map.<String, Object>of());
    });
  }

  /** Thrown when a new call would exceed max-sessions and the proxy supports "load limit". */
  public static final class LoadLimit extends RuntimeException {
    LoadLimit() {
      super("load limit", null, false, false);
    }
  }

  private static Sdp sdpOf(NgMessage msg) {
    Object raw = msg.dict().get("sdp");
    if (!(raw instanceof String s) || s.isEmpty()) throw new NgException(NgException.NO_SDP);
    try {
      return Sdp.parse(s);
    } catch (SdpException e) {
      throw new NgException(NgException.PARSE_SDP);
    }
  }

  private static Map<String, Object> sdpReply(String sdp) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("sdp", sdp);
    r.put("result", "ok");
    return r;
  }

  private Future<Void> pushLegs(Call c) {
    List<Integer> old = new ArrayList<>();
    for (MediaLeg l : c.legs()) {
      if (l.oldPort != 0) old.add(l.oldPort);
      l.oldPort = 0;
    }
    JsonArray legs = LegConfig.of(c);
    // A call in bypass, or one without ports yet, has nothing in the media plane to configure.
    Future<Void> f = legs.isEmpty() ? Future.succeededFuture() : media.configure(c.block, c.callId, legs);
    if (!old.isEmpty()) f = f.compose(v -> media.release(c.block, c.callId, old));
    return f.compose(v -> pushBridges(c));
  }

  private Future<Map<String, Object>> statsOf(Call c) {
    return media.stats(c.block, c.callId)
        .otherwise(err -> new JsonObject())
        .map(s -> CallStats.of(c, s));
  }

  private void scheduleDelete(Call c, long delaySeconds) {
    cancelDelete(c);
    // A timer needs >= 1 ms (a restored call may be due already); beyond 68 years, seconds in
    // milliseconds overflow into the past (a fuzzed delete-delay of 2^63-1).
    long ms = Math.max(1, Math.min(delaySeconds, Integer.MAX_VALUE) * 1000);
    c.deleteAt = System.currentTimeMillis() + ms;
    c.deleteTimer = vertx.setTimer(ms, id -> serialized(c.callId, () -> {
      if (calls.get(c.callId) != c || c.deleteAt == 0) return Future.succeededFuture(Map.of());
      return destroy(c).map(v -> Map.<String, Object>of());
    }));
  }

  private void cancelDelete(Call c) {
    if (c.deleteTimer >= 0) vertx.cancelTimer(c.deleteTimer);
    c.deleteTimer = -1;
    c.deleteAt = 0;
  }

  /**
   * Puts a call back as it was before an offer or answer that failed half-way (out of ports, say):
   * ports taken by the failed attempt are given back, the legs are configured as before.
   */
  private Future<Void> rollback(Call failed, JsonObject before) {
    Call restored = CallStateCodec.fromJson(before, failed.block);
    java.util.Set<Integer> keep = new java.util.HashSet<>();
    for (MediaLeg l : restored.legs()) if (l.port != 0) keep.add(l.port);
    List<Integer> extra = new ArrayList<>();
    for (MediaLeg l : failed.legs()) if (l.port != 0 && !keep.contains(l.port)) extra.add(l.port);
    calls.put(restored.callId, restored);
    if (restored.deleteAt > 0) scheduleDelete(restored, Math.max(0, (restored.deleteAt - System.currentTimeMillis()) / 1000));
    Future<Void> freed = extra.isEmpty() ? Future.succeededFuture() : media.release(restored.block, restored.callId, extra);
    return freed.compose(v -> media.configure(restored.block, restored.callId, LegConfig.of(restored)))
        .recover(err -> {
          LOG.warning("rollback of " + restored.callId + " incomplete: " + err.getMessage());
          return Future.succeededFuture();
        });
  }

  /** Writes the call's record to the cluster; a node alone writes nothing. */
  private Future<Void> save(Call c) {
    c.version++;
    return registry.save(c.callId, CallStateCodec.toJson(c, nodeId)).recover(err -> {
      LOG.warning("registry write of " + c.callId + " failed: " + err.getMessage());
      return Future.succeededFuture();
    });
  }

  /**
   * Takes over a call from its record (its owner died): binds the same ports, restores the legs,
   * and records this node as the owner. Idempotent.
   */
  public Future<Void> adopt(JsonObject record) {
    String callId = record.getString("callId");
    return serialized(callId, () -> {
      if (calls.containsKey(callId)) return Future.succeededFuture(Map.of());
      Call c = CallStateCodec.fromJson(record, media.blockFor(callId));
      Map<String, List<Integer>> byAddress = new LinkedHashMap<>();
      for (MediaLeg l : c.legs()) {
        if (l.port != 0) byAddress.computeIfAbsent(l.localAddress, k -> new ArrayList<>()).add(l.port);
      }
      Future<Void> bound = Future.succeededFuture();
      for (Map.Entry<String, List<Integer>> e : byAddress.entrySet()) {
        bound = bound.compose(v -> media.adopt(c.block, callId, e.getKey(), e.getValue(), 5_000));
      }
      bound = bound.recover(err -> {
        LOG.warning("call " + callId + " cannot keep its ports here (" + err.getMessage() + "): re-anchoring; it needs new SDP");
        return media.release(c.block, callId, null).recover(e -> Future.succeededFuture())
            .compose(v -> offerAnswer.reanchor(c))
            .onSuccess(v -> c.reanchored = true);
      });
      return bound.compose(v -> {
        calls.put(callId, c);
        counters.managed++;
        if (c.deleteAt > 0) scheduleDelete(c, Math.max(0, (c.deleteAt - System.currentTimeMillis()) / 1000));
        JsonArray legs = LegConfig.of(c, true);
        return (legs.isEmpty() ? Future.<Void>succeededFuture() : media.configure(c.block, callId, legs))
            .compose(x -> c.room ? media.mix(c.block, callId, Rooms.memberPorts(c)) : Future.<Void>succeededFuture());
      }).compose(v -> pushBridges(c)).compose(v -> services.resume(c))
          .compose(v -> recording == null ? Future.<Void>succeededFuture() : recording.resume(c, media))
          .compose(v -> save(c)).map(v -> Map.<String, Object>of());
    }).mapEmpty();
  }

  private Future<Void> destroy(Call c) {
    return destroy(c, true);
  }

  private Future<Void> destroy(Call c, boolean regularly) {
    cancelDelete(c);
    if (calls.remove(c.callId, c)) counters.ended(c, regularly);
    c.gone = true;
    // Awaited like a save: once the delete is answered, no node's list shows the call.
    Future<Void> unlisted = registry.remove(c.callId).recover(err -> {
      LOG.warning("registry removal of " + c.callId + " failed: " + err.getMessage());
      return Future.succeededFuture();
    });
    Future<Void> recorded = recording == null ? Future.succeededFuture() : recording.ended(c, media);
    for (MediaLeg l : c.legs()) detach(c, l);
    return recorded.compose(v -> media.release(c.block, c.callId, null)).recover(err -> {
      LOG.warning("release of call " + c.callId + " failed: " + err.getMessage());
      return Future.succeededFuture();
    }).compose(v -> unlisted);
  }

  /** Runs {@code work} after every earlier command on the same call has finished. */
  private Future<Map<String, Object>> serialized(String callId, Supplier<Future<Map<String, Object>>> work) {
    Future<?> prev = queues.getOrDefault(callId, Future.succeededFuture());
    Promise<Map<String, Object>> done = Promise.promise();
    Future<Map<String, Object>> mine = done.future();
    queues.put(callId, mine);
    prev.onComplete(ignored -> {
      attempt(work).onComplete(ar -> {
        if (queues.get(callId) == mine) queues.remove(callId);
        done.handle(ar);
      });
    });
    return mine;
  }

  /** {@code work}'s future, or a failed one when it throws (an NgException becomes the error reply). */
  private static <T> Future<T> attempt(Supplier<Future<T>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
