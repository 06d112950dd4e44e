package rtpmesh.control.call;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import rtpmesh.control.ng.NgException;
import rtpmesh.control.ng.NgFlags;
import rtpmesh.control.ng.NgMessage;
import rtpmesh.control.sdp.MediaDescription;
import rtpmesh.control.sdp.Sdp;
import rtpmesh.control.sdp.SdpLine;

/**
 * The ng commands and flags that replace or withhold what a party hears, with rtpengine's names:
 * {@code play media} / {@code stop media} (a WAV file or blob played to the party named by
 * {@code from-tag}, or every party with {@code all}), {@code block media} / {@code unblock media},
 * {@code silence media} / {@code unsilence media} (what a party sends is dropped or made silent
 * before its peer gets it; without from-tag for the whole call), the {@code media echo} key of an
 * offer or answer ({@code forward}, {@code backwards}, {@code both}, {@code blackhole}) and music on
 * hold ({@code moh} key: played to the other side while the party that advertised it holds with
 * sendonly or inactive). The media plane does the work (MediaApi playMedia, stopMedia, legServices).
 */
final class MediaServices {
  private static final Logger LOG = Logger.getLogger(MediaServices.class.getName());
  static final String NO_SUCH_TAG = "From-tag given, but no such tag exists";
  static final String NO_PARTY = "No participant selected (from-tag, to-tag or all)";
  static final String NO_MEDIA_SOURCE = "No media file specified (file or blob)";
  static final String DB_UNSUPPORTED = "Playback from a database (db-id) is not supported";
  static final String NOT_PLAYING = "Not currently playing media";
  static final String NO_CODEC = "No codec to play media in";
  /** rtpengine's moh-max-duration default: music on hold stops after half an hour. */
  static final long MOH_MAX_MS = 1_800_000;

  private final MediaClient media;

  MediaServices(MediaClient media) {
    this.media = media;
  }

  // ---- play media / stop media ----

  Future<Map<String, Object>> play(Call c, NgMessage msg) {
    List<MediaLeg> legs = audioLegs(parties(c, msg, false));
    if (msg.dict().containsKey("db-id")) throw new NgException(DB_UNSUPPORTED);
    String file = msg.str("file");
    byte[] blob = msg.str("blob") == null ? null : msg.str("blob").getBytes(StandardCharsets.ISO_8859_1);
    if ((file == null || file.isEmpty()) && (blob == null || blob.length == 0)) throw new NgException(NO_MEDIA_SOURCE);
    long repeatMs = Math.max(0, orZero(msg.number("repeat-duration")));
    Long times = msg.number("repeat-times");
    // repeat-duration alone repeats until it is filled; with repeat-times, whichever ends first.
    int repeat = (int) Math.max(1, Math.min(1_000_000, times != null ? times : repeatMs > 0 ? 1_000_000 : 1));
    long start = Math.max(0, orZero(msg.number("start-pos")));
    List<Future<JsonObject>> plays = new ArrayList<>();
    for (MediaLeg l : legs) checkCanSend(l);
    for (MediaLeg l : legs) {
      l.mohPlaying = false;
      plays.add(media.playMedia(c.block, c.callId, l.port, hearing(l), file, blob, repeat, repeatMs, start));
    }
    return Future.all(plays).map(all -> {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("result", "ok");
      JsonObject first = all.resultAt(0);
      if (first.containsKey("duration")) r.put("duration", first.getLong("duration"));
      return r;
    });
  }

  Future<Map<String, Object>> stop(Call c, NgMessage msg) {
    List<Future<JsonObject>> stops = new ArrayList<>();
    for (MediaLeg l : audioLegs(parties(c, msg, false))) {
      l.mohPlaying = false;
      stops.add(media.stopMedia(c.block, c.callId, l.port));
    }
    return Future.all(stops).map(all -> {
      long pos = -1;
      for (int i = 0; i < stops.size(); i++) pos = Math.max(pos, all.<JsonObject>resultAt(i).getLong("lastFramePos", -1L));
      if (pos < 0) throw new NgException(NOT_PLAYING);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("result", "ok");
      r.put("last-frame-pos", pos);
      return r;
    });
  }

  // ---- block media / silence media ----

  /**
   * block media / unblock media ({@code silence}: silence / unsilence media). With a from-tag (or
   * to-tag) for that party's media; without, for the whole call; unblocking the whole call leaves
   * parties blocked one by one unless the {@code all} flag is given, as rtpengine does.
   */
  Future<Map<String, Object>> block(Call c, NgMessage msg, boolean silence, boolean on) {
    List<Monologue> parties = parties(c, msg, true);
    if (parties == null) {
      if (silence) c.mediaSilenced = on;
      else c.mediaBlocked = on;
      if (!on && isAll(msg)) {
        for (MediaLeg l : c.legs()) {
          if (silence) l.mediaSilenced = false;
          else l.mediaBlocked = false;
        }
      }
    } else {
      for (MediaLeg l : audioLegs(parties)) {
        if (silence) l.mediaSilenced = on;
        else l.mediaBlocked = on;
      }
    }
    if (silence && on) {
      for (MediaLeg l : c.legs()) {
        if (!silenced(c, l)) continue;
        checkCanSend(l); // silence rewrites the payload, which SRTP passed through would not authenticate
        silenceCodec(l); // refuses a codec we cannot silence
      }
    }
    return push(c).map(v -> Map.<String, Object>of("result", "ok"));
  }

  // ---- offer / answer: media echo, music on hold ----

  /** Reads {@code media echo} and {@code moh} of an offer or answer that {@code sender} sent. */
  void takeSignal(Call c, Monologue sender, NgMessage msg) {
    String echo = msg.str("media echo");
    if (echo == null) echo = msg.str("media-echo");
    if (echo != null) {
      String mode = NgFlags.norm(echo);
      for (MediaLeg own : sender.medias) {
        MediaLeg other = own.peer;
        boolean towardsReceiver = mode.equals("forward") || mode.equals("both");
        boolean towardsSender = mode.equals("backwards") || mode.equals("backward") || mode.equals("both");
        boolean hole = mode.equals("blackhole") || mode.equals("sinkhole");
        own.echo = towardsSender;
        own.blackhole = hole;
        if (other != null) {
          other.echo = towardsReceiver;
          other.blackhole = hole;
        }
      }
    }
    Map<String, Object> moh = msg.map("moh");
    if (!moh.isEmpty()) sender.moh = new LinkedHashMap<>(moh);
  }

  /**
   * After an offer or answer from {@code sender} reached the media plane: sends the legs' services,
   * and starts music on hold to the other side when {@code sender} (with {@code moh}) now holds,
   * or stops it when it resumed.
   */
  Future<Void> afterSignal(Call c, Monologue sender) {
    Future<Void> f = push(c);
    if (sender == null || sender.moh == null) return f;
    for (MediaLeg own : sender.medias) {
      MediaLeg held = own.peer;
      if (held == null || held.port == 0 || own.rejected || !"audio".equalsIgnoreCase(own.type)) continue;
      boolean holding = own.direction.equals("sendonly") || own.direction.equals("inactive");
      if (holding && !held.mohPlaying) {
        held.mohPlaying = true;
        f = f.compose(v -> startMoh(c, sender, held));
      } else if (!holding && held.mohPlaying) {
        held.mohPlaying = false;
        f = f.compose(v -> media.stopMedia(c.block, c.callId, held.port).<Void>mapEmpty());
      }
    }
    return f;
  }

  private Future<Void> startMoh(Call c, Monologue holder, MediaLeg held) {
    Map<String, Object> moh = holder.moh;
    String file = moh.get("file") instanceof String s ? s : null;
    byte[] blob = moh.get("blob") instanceof String s ? s.getBytes(StandardCharsets.ISO_8859_1) : null;
    if (file == null && blob == null) {
      LOG.warning("[" + c.callId + "] moh of tag '" + holder.tag + "' has neither file nor blob: not played");
      return Future.succeededFuture();
    }
    JsonObject codec;
    try {
      codec = hearing(held);
    } catch (NgException e) {
      LOG.warning("[" + c.callId + "] music on hold not played: " + e.getMessage());
      return Future.succeededFuture();
    }
    // Repeated until rtpengine's moh-max-duration default is filled.
    return media.playMedia(c.block, c.callId, held.port, codec, file, blob, 1_000_000, MOH_MAX_MS, 0).<Void>mapEmpty().recover(err -> {
      LOG.warning("[" + c.callId + "] music on hold not played: " + err.getMessage());
      held.mohPlaying = false;
      return Future.succeededFuture();
    });
  }

  /**
   * The SDP that goes to the party a holder with {@code moh} puts on hold, as its {@code moh} asks:
   * {@code mode=sendrecv} advertises sendrecv instead of sendonly, {@code connection=zero} puts
   * c=0.0.0.0 (the old way of holding). Unchanged otherwise.
   */
  static String mohSdp(Monologue holder, String out) {
    if (holder.moh == null || !holding(holder)) return out;
    boolean sendrecv = "sendrecv".equalsIgnoreCase(String.valueOf(holder.moh.get("mode")));
    boolean zero = "zero".equalsIgnoreCase(String.valueOf(holder.moh.get("connection")));
    if (!sendrecv && !zero) return out;
    try {
      Sdp sdp = Sdp.parse(out);
      if (zero) zeroConnection(sdp.session);
      for (MediaDescription m : sdp.media) {
        if (!"audio".equalsIgnoreCase(m.type)) continue;
        if (zero) zeroConnection(m.lines);
        for (int i = 0; sendrecv && i < m.lines.size(); i++) {
          SdpLine l = m.lines.get(i);
          if (l.isAttr("sendonly") || l.isAttr("inactive")) m.lines.set(i, SdpLine.attr("sendrecv", null));
        }
      }
      return sdp.toString();
    } catch (rtpmesh.control.sdp.SdpException e) {
      return out; // our own SDP: cannot happen
    }
  }

  private static void zeroConnection(List<SdpLine> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).type() == 'c') lines.set(i, new SdpLine('c', "IN IP4 0.0.0.0"));
    }
  }

  private static boolean holding(Monologue m) {
    for (MediaLeg l : m.medias) {
      if ("audio".equalsIgnoreCase(l.type) && (l.direction.equals("sendonly") || l.direction.equals("inactive"))) return true;
    }
    return false;
  }

  /** The party's a= direction in this media section, else at session level, else sendrecv. */
  static String direction(Sdp sdp, MediaDescription md) {
    for (String d : List.of("sendrecv", "sendonly", "recvonly", "inactive")) if (md.hasAttr(d)) return d;
    for (String d : List.of("sendrecv", "sendonly", "recvonly", "inactive")) if (sdp.sessionAttr(d) != null) return d;
    return "sendrecv";
  }

  /**
   * A call taken over from a dead node: its services go to the new media plane, and music on hold
   * that was playing starts again (from the top: the old node's position is gone with it).
   */
  Future<Void> resume(Call c) {
    Future<Void> f = push(c);
    for (MediaLeg held : c.legs()) {
      Monologue holder = held.peer == null ? null : c.ownerOf(held.peer);
      if (held.mohPlaying && held.port != 0 && holder != null && holder.moh != null) f = f.compose(v -> startMoh(c, holder, held));
    }
    return f;
  }

  /**
   * rtpmesh cannot put media into a stream whose SRTP passes through untouched (both parties share
   * the offerer's key): it has no key of its own to protect what it makes.
   */
  private static void checkCanSend(MediaLeg l) {
    if (Sdes.isSrtp(l.proto) && l.srtpSuite == null && l.dtlsSetup == null) {
      throw new NgException("Cannot change media in SRTP that passes through (rtpmesh holds no key of its own for it)");
    }
  }

  // ---- shared ----

  /** Sends every leg's services that are set, or were set before (so they get cleared). */
  Future<Void> push(Call c) {
    List<Future<Void>> sends = new ArrayList<>();
    for (MediaLeg l : c.legs()) {
      if (l.port == 0 || l.bundleWith != 0) continue;
      boolean block = c.mediaBlocked || l.mediaBlocked || l.blackhole;
      boolean silence = silenced(c, l);
      if (!block && !silence && !l.echo && !l.servicesSent) continue;
      JsonObject s = new JsonObject().put("block", block).put("echo", l.echo);
      JsonObject heard = l.peer == null ? null : hearingOrNull(l.peer);
      if (heard != null) s.put("dtmfPt", heard.getInteger("dtmfPt", -1));
      if (silence && heard != null && !block) {
        JsonObject codec = silenceCodec(l);
        s.put("silence", codec.getString("name")).put("silencePt", codec.getInteger("pt"));
      }
      l.servicesSent = block || silence || l.echo;
      sends.add(media.legServices(c.block, c.callId, l.port, s));
    }
    return Future.all(sends).mapEmpty();
  }

  private static boolean silenced(Call c, MediaLeg l) {
    return (c.mediaSilenced || l.mediaSilenced) && l.peer != null;
  }

  /** The codec of what the party silenced at {@code l} sends, as its peer gets it; only G.711 and G.722 (as rtpengine). */
  private static JsonObject silenceCodec(MediaLeg l) {
    JsonObject codec = hearing(l.peer);
    String name = codec.getString("name").toLowerCase(Locale.ROOT);
    if (!name.equals("pcmu") && !name.equals("pcma") && !name.equals("g722")) {
      throw new NgException("Cannot silence media in " + codec.getString("name") + ": only G.711 and G.722");
    }
    return codec;
  }

  private static JsonObject hearingOrNull(MediaLeg l) {
    try {
      return hearing(l);
    } catch (NgException e) {
      return null;
    }
  }

  /**
   * What the party of leg {@code l} receives: its transcoding codec, else the first codec both
   * sides have (in the peer's order), else its own first one we can encode; with its ptime and
   * telephone-event payload type.
   */
  static JsonObject hearing(MediaLeg l) {
    if (l.transcode != null && l.peer != null && l.peer.transcode != null) return l.transcode.toJson();
    SdpCodec pick = null;
    List<SdpCodec> other = l.peer == null ? List.of() : l.peer.codecs;
    for (SdpCodec o : other) {
      if (!playable(o)) continue;
      for (SdpCodec own : l.codecs) if (own.sameAs(o) && pick == null) pick = own;
      if (pick != null) break;
    }
    if (pick == null) for (SdpCodec own : l.codecs) if (pick == null && playable(own)) pick = own;
    if (pick == null) throw new NgException(NO_CODEC + " (PCMU, PCMA, G722 or opus) towards this party");
    int dtmf = -1;
    for (SdpCodec own : l.codecs) if (own.isDtmf() && own.rate() == pick.rate() && dtmf < 0) dtmf = Integer.parseInt(own.pt());
    int ptime = 20;
    try {
      ptime = l.ptimeToParty != null ? l.ptimeToParty : l.ptime != null ? Integer.parseInt(l.ptime.trim()) : 20;
    } catch (NumberFormatException e) {
      // keep 20
    }
    return new StreamCodec(pick, dtmf, -1, ptime).toJson();
  }

  private static boolean playable(SdpCodec c) {
    String n = c.name().toLowerCase(Locale.ROOT);
    return ((n.equals("pcmu") || n.equals("pcma") || n.equals("g722")) && c.rate() == 8000)
        || (n.equals("opus") && c.rate() == 48000);
  }

  /**
   * The parties a command names: {@code all} (flag or key) for every party, else {@code from-tag},
   * else {@code to-tag}. Null when none is named and {@code callWide}, else an error.
   */
  private static List<Monologue> parties(Call c, NgMessage msg, boolean callWide) {
    if (isAll(msg)) return c.monologues();
    String tag = msg.str("from-tag");
    if (tag == null || tag.isEmpty()) tag = msg.str("to-tag");
    if (tag == null || tag.isEmpty()) {
      if (callWide) return null;
      throw new NgException(NO_PARTY);
    }
    Monologue m = c.tagged(tag);
    if (m == null) throw new NgException(NO_SUCH_TAG);
    return List.of(m);
  }

  private static boolean isAll(NgMessage msg) {
    String all = msg.str("all");
    if (all != null && !NgFlags.norm(all).equals("none")) return true;
    for (String f : msg.list("flags")) if (NgFlags.norm(f).equals("all")) return true;
    return false;
  }

  private static List<MediaLeg> audioLegs(List<Monologue> parties) {
    List<MediaLeg> out = new ArrayList<>();
    for (Monologue m : parties) {
      for (MediaLeg l : m.medias) {
        if (l.port != 0 && !l.rejected && l.bundleWith == 0 && (l.type == null || "audio".equalsIgnoreCase(l.type))) out.add(l);
      }
    }
    if (out.isEmpty()) throw new NgException("No audio media to play to");
    return out;
  }

  private static long orZero(Long v) {
    return v == null ? 0 : v;
  }
}
