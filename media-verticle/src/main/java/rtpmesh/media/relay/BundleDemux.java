package rtpmesh.media.relay;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import rtpmesh.media.rtp.RtpExtensions;

/**
 * Which bundled media section (RFC 8843) a packet on a BUNDLE transport belongs to, and so which
 * peer leg gets it. RTP: the MID header extension (RFC 8843 §15.2) when the party sends it, else
 * an SSRC seen before, else the payload type (unique per section, §9.1); what MID or payload type
 * decided is remembered per SSRC. RTCP: the sender's SSRC as learned from its RTP, else the first
 * reported or fed-back SSRC as learned from what we sent the party, else the first section.
 *
 * <p>Fixed-size tables, no allocation per packet. Owned by one event loop; holds no lock.
 */
final class BundleDemux {
  private static final int SSRC_SLOTS = 32;

  private final BundleSettings settings;
  private final byte[][] mids;
  private final Leg[] peers;
  /** Per section, where media for it goes when the party gave each section its own address. */
  private final InetSocketAddress[] destinations;
  private final byte[] streamByPayloadType = new byte[128];
  private final SsrcMap received = new SsrcMap();
  private final SsrcMap sent = new SsrcMap();
  /** The section the last routed packet belonged to, -1 = none. */
  private int lastStream = -1;

  BundleDemux(BundleSettings settings, IntFunction<Leg> legs) {
    this.settings = settings;
    List<BundleSettings.Stream> streams = settings.streams();
    this.mids = new byte[streams.size()][];
    this.peers = new Leg[streams.size()];
    this.destinations = new InetSocketAddress[streams.size()];
    Arrays.fill(streamByPayloadType, (byte) -1);
    for (int i = 0; i < streams.size(); i++) {
      BundleSettings.Stream s = streams.get(i);
      mids[i] = s.mid() == null ? null : s.mid().getBytes(StandardCharsets.US_ASCII);
      peers[i] = s.peer() == 0 ? null : legs.apply(s.peer());
      if (s.remote() != null && s.remotePort() > 0) {
        destinations[i] = new InetSocketAddress(s.remote(), s.remotePort());
      }
      for (int pt : s.payloadTypes()) {
        if (pt >= 0 && pt < 128 && streamByPayloadType[pt] < 0) {
          streamByPayloadType[pt] = (byte) i;
        }
      }
    }
  }

  BundleSettings settings() {
    return settings;
  }

  /** The peer leg for an RTP packet (readable bytes of {@code buf}), or null when none matches. */
  Leg routeRtp(ByteBuf buf) {
    int offset = buf.readerIndex();
    int length = buf.readableBytes();
    int ssrc = buf.getInt(offset + 8);
    int stream = -1;
    if (settings.midExtension() > 0) {
      long mid = RtpExtensions.find(buf, offset, length, settings.midExtension());
      if (mid >= 0) {
        stream = streamOfMid(buf, RtpExtensions.offsetOf(mid), RtpExtensions.lengthOf(mid));
      }
    }
    if (stream < 0) {
      stream = received.get(ssrc);
    }
    if (stream < 0) {
      stream = streamByPayloadType[buf.getByte(offset + 1) & 0x7f];
    }
    lastStream = stream;
    if (stream < 0) {
      return null;
    }
    received.put(ssrc, stream);
    return peers[stream];
  }

  /** The peer leg for an RTCP compound packet (readable bytes of {@code buf}, at least 8). */
  Leg routeRtcp(ByteBuf buf) {
    int offset = buf.readerIndex();
    int end = offset + buf.readableBytes();
    int stream = end - offset >= 8 ? received.get(buf.getInt(offset + 4)) : -1;
    if (stream < 0 && end - offset >= 12) {
      int type = buf.getUnsignedByte(offset + 1);
      int count = buf.getByte(offset) & 0x1f;
      // RFC 3550 §6.4: the first report block's SSRC; RFC 4585 §6.1: the media source's.
      int about = type == 200 && count > 0 ? offset + 28 : type == 201 && count > 0 ? offset + 8
          : type == 205 || type == 206 ? offset + 8 : -1;
      if (about >= 0 && about + 4 <= end) {
        stream = sent.get(buf.getInt(about));
      }
    }
    lastStream = stream < 0 ? 0 : stream;
    return peers[lastStream];
  }

  /** The mid of the section the last routed packet belonged to, or null. */
  byte[] lastMid() {
    return lastStream < 0 ? null : mids[lastStream];
  }

  /**
   * Remembers which section an SSRC we send the party belongs to: the section of {@code mid} when
   * the packet came through another bundle, else the section whose peer it came from.
   */
  void sentFrom(Leg from, byte[] mid, int ssrc) {
    if (sent.get(ssrc) < 0) {
      int stream = streamOf(from, mid);
      if (stream >= 0) {
        sent.put(ssrc, stream);
      }
    }
  }

  private int streamOf(Leg from, byte[] mid) {
    if (mid != null) {
      for (int i = 0; i < mids.length; i++) {
        if (Arrays.equals(mids[i], mid)) {
          return i;
        }
      }
    }
    for (int i = 0; i < peers.length; i++) {
      if (peers[i] == from) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Where media of section {@code mid} (when it came through another bundle), else from
   * {@code from}, goes when the party has a separate address for its section, else
   * null (the leg's own destination).
   */
  InetSocketAddress destinationFor(Leg from, byte[] mid) {
    int stream = streamOf(from, mid);
    return stream < 0 ? null : destinations[stream];
  }

  /** A released leg gets nothing more. */
  void forget(Leg released) {
    for (int i = 0; i < peers.length; i++) {
      if (peers[i] == released) {
        peers[i] = null;
      }
    }
  }

  private int streamOfMid(ByteBuf buf, int at, int length) {
    for (int i = 0; i < mids.length; i++) {
      byte[] mid = mids[i];
      if (mid == null || mid.length != length) {
        continue;
      }
      boolean same = true;
      for (int k = 0; k < length && same; k++) {
        same = buf.getByte(at + k) == mid[k];
      }
      if (same) {
        return i;
      }
    }
    return -1;
  }

  /** SSRC -> stream index; a few slots, the oldest entry makes room (SSRCs rarely change). */
  private static final class SsrcMap {
    private final int[] ssrcs = new int[SSRC_SLOTS];
    private final byte[] streams = new byte[SSRC_SLOTS];
    private int size;
    private int next;

    int get(int ssrc) {
      for (int i = 0; i < size; i++) {
        if (ssrcs[i] == ssrc) {
          return streams[i];
        }
      }
      return -1;
    }

    void put(int ssrc, int stream) {
      for (int i = 0; i < size; i++) {
        if (ssrcs[i] == ssrc) {
          streams[i] = (byte) stream;
          return;
        }
      }
      int slot = size < SSRC_SLOTS ? size++ : next++ % SSRC_SLOTS;
      ssrcs[slot] = ssrc;
      streams[slot] = (byte) stream;
    }
  }
}
