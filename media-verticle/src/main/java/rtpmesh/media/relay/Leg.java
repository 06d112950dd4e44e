package rtpmesh.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.Socket;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.IntFunction;
import rtpmesh.media.dtls.DtlsEndpoint;
import rtpmesh.media.ice.IceState;
import rtpmesh.media.port.BoundPair;
import rtpmesh.media.port.ConnectedSocket;
import rtpmesh.media.port.ReadBatch;
import rtpmesh.media.rtp.Rtcp;
import rtpmesh.media.rtp.RtpHeader;
import rtpmesh.media.srtp.SrtpContext;
import rtpmesh.media.srtp.SrtpStatus;

/**
 * One local RTP/RTCP socket pair facing one party: its config, the party's learned endpoints, its
 * counters, and the forwarding of what the party sends to the peer leg's party. Destinations are
 * computed when configured or learned, so the packet path only compares and writes.
 *
 * <p>A leg with {@code ice} or {@code dtls} terminates them towards its party (WebRTC) in its
 * {@link LegTransport} stage, which takes every datagram outside the RTP/RTCP first-byte range
 * (RFC 7983 §7). Media is held back both ways until the DTLS keys exist ({@link #receiveBlock},
 * {@link #sendBlock}); a plain leg pays one null test for all of it.
 *
 * <p>Owned by one event loop (its channels' loop); holds no lock.
 */
public final class Leg {
  /** {@code -Drtpmesh.media.sendmmsg=off} sends every packet at once, also in batches (for A/B runs). */
  private static final boolean SENDMMSG = !"off".equals(System.getProperty("rtpmesh.media.sendmmsg", "on"));
  /** {@code -Drtpmesh.media.connect=off} keeps every party on its pair's socket (for A/B runs). */
  static final boolean CONNECT = !"off".equals(System.getProperty("rtpmesh.media.connect", "on"));

  /** Opens a socket on a pair's RTP port connected to one remote ({@code port/PairBinder#connect}). */
  interface Connector {
    Future<ConnectedSocket> connect(BoundPair pair, InetSocketAddress remote, ConnectedSocket.Reader reader);
  }

  private final String callId;
  private final BoundPair sockets;
  private final DropCounters drops;
  private final StreamCounters rtp = new StreamCounters();
  private final StreamCounters rtcp = new StreamCounters();
  private final RtpHeader rtpView = new RtpHeader();

  private LegConfig config;
  private Leg peer;
  private InetSocketAddress sdpRtp;
  private InetSocketAddress sdpRtcp;
  private InetSocketAddress learnedRtp;
  private InetSocketAddress learnedRtcp;
  private int lastSsrc;
  /**
   * rtpengine's delayed endpoint learning: until then (epoch ms) the latest source is where the
   * party's media goes back to; afterwards the learned source is kept, so a stranger's packet can
   * no longer redirect the party's media to itself (RTP bleed). Every configure (signalling)
   * opens the window again.
   */
  private long learnUntil;
  private final EndpointLearning learning;
  /** SRTP towards this leg's party, or null for plain RTP: unprotects what it sends, protects what it gets. */
  private SrtpContext inbound;
  private SrtpContext outbound;

  private final WebRtcSupport webrtc;
  /** The party's BUNDLE transport (RFC 8843): which peer gets each packet, or null for one peer. */
  private BundleDemux bundle;
  /** ICE/DTLS towards the party (RFC 7983 demux), or null on a plain leg. */
  private LegTransport transport;
  /** The leg of another call this party is joined to (ng connect), or null. */
  private Bridge bridge;
  /** Set once the leg is released: a bridge that cached it looks again. */
  private boolean closed;
  /** Decode/encode stage when the party speaks another codec than the peer's party, else null. */
  private LegTranscoder transcoder;
  /** The conference this leg's party is a member of (its audio goes into the mix), or null. */
  RoomMixer mixer;
  /** The call's recording tap, or null (one null test per packet when not recording). */
  MediaTap tap;
  /** Why media from this party is dropped before anything else (DTLS keys pending), or null. */
  private DropReason receiveBlock;
  /** Why media to this party is dropped (DTLS keys pending, ICE consent lost), or null. */
  private DropReason sendBlock;
  /** Subscribers that get a copy of what this party sends (media forks), or null. */
  private LegForks forks;
  /** block / silence / echo of what this party sends (ng commands), or null. */
  private LegServices services;
  /** The stream towards this party once rtpmesh substitutes what it hears (play media, echo), or null. */
  private LegSource source;
  /** How the block reads now: while it batches, sends are queued for one sendmmsg ({@link #inBurst}). */
  private final ReadBatch reads;
  /** Opens {@link #direct}; null where the block's transport has no connected sockets. */
  private final Connector connector;
  /**
   * The party's own RTP socket: the RTP port again, connected to {@link #directTo}, the learned
   * endpoint, once learning is over. The kernel then reads the party's packets without a sender
   * address and sends to it without a destination or a route lookup: about 10 % less CPU per
   * packet at 500 and 1000 calls (bench/README.md, "Results of passes 5 and 6"). Anything from elsewhere
   * still arrives on the pair's socket, and forwarding does not change. Null while learning, with
   * ICE/DTLS or strict source (a stranger's datagram in the moment between its bind and connect
   * could pass as the party's), or off.
   */
  private ConnectedSocket direct;
  private InetSocketAddress directTo;
  /** {@link #direct} is open or being opened, or failed: not asked for again until {@link #dropDirect}. */
  private boolean directAsked;
  /** Tells a stale open from the current one: bumped by every {@link #dropDirect}. */
  private int directRound;

  /** rtpengine's {@code --endpoint-learning=delayed}: 3 s after signalling. */
  public static final long LEARNING_WINDOW_MS = 3_000;

  Leg(String callId, BoundPair sockets, DropCounters drops, WebRtcSupport webrtc, EndpointLearning learning,
      ReadBatch reads, Connector connector) {
    this.callId = callId;
    this.reads = reads;
    this.connector = connector;
    this.learning = learning;
    this.sockets = sockets;
    this.drops = drops;
    this.webrtc = webrtc;
    this.config = LegConfig.initial(sockets.rtpPort());
  }

  /** Applies a new config; a changed SDP address forgets learned endpoints (the party moved). */
  void configure(LegConfig next, Leg peerLeg, IntFunction<Leg> legs) {
    learnUntil = System.currentTimeMillis() + LEARNING_WINDOW_MS;
    dropDirect(); // learning starts again: back to the pair's socket until it ends
    if (next.bundle() == null) {
      bundle = null;
    } else if (bundle == null || !bundle.settings().equals(next.bundle())) {
      bundle = new BundleDemux(next.bundle(), legs);
    }
    if (next.remoteDiffers(config)) {
      learnedRtp = null;
      learnedRtcp = null;
    }
    int rtcpPort = next.remoteRtcpPort() > 0 ? next.remoteRtcpPort() : next.remotePort() + 1;
    sdpRtp = address(next, next.remotePort());
    sdpRtcp = next.remotePort() > 0 || next.remoteRtcpPort() > 0 ? address(next, rtcpPort) : null;
    if (next.dtls() == null && next.srtp() == null) {
      inbound = null;
      outbound = null;
    } else if (next.dtls() == null && (!next.srtp().equals(config.srtp()) || config.dtls() != null)) {
      // New keys, new contexts; the same keys keep theirs (ROC and replay state).
      contexts(next.srtp());
    }
    if (next.ice() != null || next.dtls() != null || transport != null) {
      if (transport == null) {
        transport = new LegTransport(this, webrtc);
      }
      if (transport.configure(next) && next.dtls() != null) {
        inbound = null; // a new handshake makes new keys
        outbound = null;
      }
      if (transport.idle()) {
        transport = null;
      }
    }
    config = next;
    peer = peerLeg;
    forks = LegForks.of(next.forks(), legs);
    updateBlocks();
    if (transport != null) {
      transport.startDtlsIfReady();
    }
  }

  private void updateBlocks() {
    receiveBlock = transport != null && transport.awaitingKeys() ? DropReason.DTLS_PENDING : null;
    sendBlock = transport != null && transport.consentExpired() ? DropReason.CONSENT_EXPIRED : receiveBlock;
  }

  private static InetSocketAddress address(LegConfig c, int port) {
    return c.remote() != null && port > 0 && port <= 65535 ? new InetSocketAddress(c.remote(), port) : null;
  }

  void forgetPeer(Leg released) {
    if (peer == released) {
      peer = null;
    }
    if (forks != null) {
      forks = forks.without(released);
    }
    if (bundle != null) {
      bundle.forget(released);
    }
  }

  /**
   * Handles one datagram that this leg's party sent, taking ownership of it: forwards it unchanged
   * and returns the channel written to (the caller flushes), or drops it, counts why, releases it
   * and returns null.
   */
  Channel receive(DatagramPacket packet, boolean onRtcpSocket, long now) {
    ByteBuf buf = packet.content();
    if (transport != null && (receiveBlock != null || !isRtpRange(buf))) {
      return transport.receive(packet, onRtcpSocket, now);
    }
    InetSocketAddress source = packet.sender();
    boolean isRtcp = onRtcpSocket || (config.mux() && Rtcp.isRtcp(buf));
    StreamCounters counters = isRtcp ? rtcp : rtp;
    if (config.strict()) {
      InetSocketAddress expected = strictSource(onRtcpSocket, now);
      if (expected != null && !expected.equals(source)) {
        return drop(packet, counters, DropReason.STRICT_SOURCE);
      }
    }
    counters.received(buf.readableBytes(), now);
    if (inbound != null) {
      SrtpStatus s = isRtcp ? inbound.unprotectRtcp(buf) : inbound.unprotect(buf);
      if (s != SrtpStatus.OK) {
        return drop(packet, counters, DropReason.SRTP_UNPROTECT);
      }
    }
    if (!isRtcp && rtpView.wrap(buf).isValid()) {
      lastSsrc = rtpView.ssrc();
    }
    if (tap != null) {
      tap.packet(port(), isRtcp, buf, source, sockets.address(), onRtcpSocket ? port() + 1 : port(), now);
    }
    // With ICE the agent decides where media goes (what it answered, then the selected pair).
    if (transport == null || !transport.hasIce()) {
      learn(source, onRtcpSocket, now);
      if (!directAsked && !onRtcpSocket) {
        connectDirect(now);
      }
    }
    if (forks != null && config.send()) {
      // In place below: SRTP towards the peer, bundle and transcoder stages; else the bytes go out as they are.
      boolean shareable = bundle == null && transcoder == null && (peer == null || peer.outbound == null);
      forks.copy(buf, isRtcp, shareable, drops);
      if (peer == null && bundle == null) {
        packet.release(); // a publisher's media is for its subscribers only: consumed, not dropped
        return null;
      }
    }
    Leg to = peer;
    byte[] mid = null;
    if (services != null && services.echo()) {
      if (isRtcp) {
        return drop(packet, counters, DropReason.REPLACED); // its reports are about its own stream
      }
      return forward(packet, false, counters, this, null); // back to the party, untranscoded
    } else if (bundle != null) {
      to = isRtcp ? bundle.routeRtcp(buf) : bundle.routeRtp(buf);
      if (to == null && !isRtcp) {
        return drop(packet, counters, DropReason.BUNDLE_UNROUTED);
      }
      mid = bundle.lastMid();
    } else if (transcoder != null) {
      return transcoder.receive(packet, isRtcp, counters, drops);
    } else if (mixer != null) {
      return mixer.receive(this, packet, isRtcp, counters);
    }
    return forward(packet, isRtcp, counters, to, mid);
  }

  /**
   * Learn per socket: what came in on the RTP port tells where this party's RTP goes back to. The
   * first source is learned (except with learning off); a new one only within the learning window,
   * without latch, and with the heuristic only if it matches the SDP at least as well.
   */
  private void learn(InetSocketAddress source, boolean onRtcpSocket, long now) {
    if (learning == EndpointLearning.OFF) {
      return;
    }
    InetSocketAddress known = onRtcpSocket ? learnedRtcp : learnedRtp;
    // A party's own socket reports the very address it was connected to: no equals() per packet.
    if (known != null && (known == source || known.equals(source) || learning == EndpointLearning.IMMEDIATE
        || !mayRelearn(now))) {
      return;
    }
    if (known != null && learning == EndpointLearning.HEURISTIC) {
      InetSocketAddress sdp = onRtcpSocket ? sdpRtcp : sdpRtp;
      if (EndpointLearning.rank(source, sdp) < EndpointLearning.rank(known, sdp)) {
        return;
      }
    }
    if (onRtcpSocket) {
      learnedRtcp = source;
    } else {
      learnedRtp = source;
      dropDirect();
    }
  }

  /** Opens {@link #direct} to the learned RTP endpoint once learning is over, for plain and SDES legs. */
  private void connectDirect(long now) {
    if (connector == null || learnedRtp == null || transport != null || config.strict() || mayRelearn(now)) {
      return;
    }
    directAsked = true;
    int round = directRound;
    InetSocketAddress to = learnedRtp;
    connector.connect(sockets, to, new LegHandler(this, false)).addListener((Future<ConnectedSocket> f) -> {
      if (!f.isSuccess()) {
        return; // this party stays on the pair's socket until the next configure
      }
      ConnectedSocket c = f.getNow();
      if (closed || round != directRound) {
        c.close();
        return;
      }
      direct = c;
      directTo = to;
    });
  }

  /**
   * Back to the pair's socket. Whatever the connected socket still holds unread is lost with it: at a
   * configure or a relearn, within one turn of the loop, so a packet at most.
   */
  private void dropDirect() {
    directAsked = false;
    directRound++;
    if (direct != null) {
      direct.close();
      direct = null;
      directTo = null;
    }
  }

  /** Whether this party has its own connected RTP socket now. */
  boolean hasDirectSocket() {
    return direct != null;
  }

  /** Sets up, keeps or ends the transcoding stage once this leg and its peer are configured. */
  void updateTranscoder(java.util.function.Consumer<DtmfReport> dtmfReports) {
    transcoder = LegTranscoder.between(this, transcoder, config.codec(), peer == null ? null : peer.config.codec(), dtmfReports);
  }

  /** Queues DTMF into what this leg's party sends to the peer; false when the stream is not transcoded. */
  boolean playDtmf(String digits, int durationMs, int pauseMs, int volume) {
    if (transcoder == null) {
      return false;
    }
    transcoder.play(digits, durationMs, pauseMs, volume);
    return true;
  }

  /**
   * Sets block / silence / echo of what this party sends ({@link LegServices#NONE} clears them).
   * Echo gives the party a stream of our own SSRC: it must not get its own SSRC back.
   */
  void services(LegServices s) {
    services = s.none() ? null : s;
    if (s.echo()) {
      source().ownSsrc();
    }
  }

  private LegSource source() {
    if (source == null) {
      source = new LegSource(this);
    }
    return source;
  }

  /** Plays {@code player} to this leg's party in place of what it hears (ng play media). */
  void play(rtpmesh.media.player.ClipPlayer player, LegSource.End onEnd) {
    source().play(player, onEnd);
  }

  /** Stops a playback to this party; its frame position, or -1 when none was running. */
  long stopPlaying() {
    return source == null ? -1 : source.stop();
  }

  /**
   * Sends an RTP packet generated for this leg's party (owned by this call): the destination and
   * SRTP as for relayed media; dropped while the party must not get media.
   */
  void sendGenerated(ByteBuf buf) {
    Channel out = sockets.rtp();
    InetSocketAddress destination = rtpDestination();
    if (!config.recv() || sendBlock != null || destination == null || !out.isWritable()) {
      drops.count(!config.recv() ? DropReason.PEER_NOT_RECEIVING : sendBlock != null ? sendBlock
          : destination == null ? DropReason.NO_DESTINATION : DropReason.BACKPRESSURE);
      buf.release();
      return;
    }
    if (outbound != null && outbound.protect(buf) != SrtpStatus.OK) {
      drops.count(DropReason.SRTP_PROTECT);
      buf.release();
      return;
    }
    Channel written = send(out, buf, destination, null);
    if (written != null) {
      written.flush();
    }
  }

  /** The transcoder's way out: to the peer, outside any bundle. */
  Channel forward(DatagramPacket packet, boolean isRtcp, StreamCounters counters) {
    return forward(packet, isRtcp, counters, peer, null);
  }

  /**
   * RTP made here (the conference mix) to this leg's party, from its RTP socket; takes ownership.
   * Returns the channel written to (the caller flushes), or null when dropped.
   */
  Channel deliver(ByteBuf rtp) {
    InetSocketAddress destination = rtpDestination();
    DropReason why = !config.recv() ? DropReason.PEER_NOT_RECEIVING
        : sendBlock != null ? sendBlock
        : destination == null ? DropReason.NO_DESTINATION
        : !sockets.rtp().isWritable() ? DropReason.BACKPRESSURE : null;
    if (why == null && outbound != null && outbound.protect(rtp) != SrtpStatus.OK) {
      why = DropReason.SRTP_PROTECT;
    }
    if (why != null) {
      drops.count(why);
      rtp.release();
      return null;
    }
    return send(sockets.rtp(), rtp, destination, null);
  }

  /** {@code mid}: the bundled section the packet belongs to when it came in on a bundle, else null. */
  private Channel forward(DatagramPacket packet, boolean isRtcp, StreamCounters counters, Leg to, byte[] mid) {
    if (!config.send()) {
      return drop(packet, counters, DropReason.HOLD);
    }
    if (services != null && !isRtcp && !services.sending(packet.content())) {
      return drop(packet, counters, DropReason.BLOCKED);
    }
    if (to == null) {
      // A party joined to a party of another call (ng connect): that leg's loop sends it.
      return bridge != null ? bridge.deliver(packet, isRtcp) : drop(packet, counters, DropReason.NO_PEER);
    }
    return to.toParty(packet, isRtcp, counters, this, mid);
  }

  /**
   * Sends what a bridged leg of another call received to this leg's party; on this leg's loop. The
   * caller flushes the returned channel. Drops count in this block, not against the sender.
   */
  Channel fromBridge(DatagramPacket packet, boolean isRtcp) {
    if (closed) {
      return drop(packet, null, DropReason.NO_PEER);
    }
    return toParty(packet, isRtcp, null, null, null);
  }

  /**
   * The second half of forwarding, on the receiving leg: to this leg's party, from the right socket,
   * SRTP-protected for it. {@code counters} (the sender's, for errors) and {@code from} may be null.
   */
  private Channel toParty(DatagramPacket packet, boolean isRtcp, StreamCounters counters, Leg from, byte[] mid) {
    Leg to = this;
    if (!to.config.recv()) {
      return drop(packet, counters, DropReason.PEER_NOT_RECEIVING);
    }
    if (to.sendBlock != null) {
      return drop(packet, counters, to.sendBlock);
    }
    if (to.source != null && !isRtcp) {
      if (from != this && to.services != null && to.services.echo()) {
        return drop(packet, counters, DropReason.REPLACED); // an echoing party hears only itself
      }
      if (!to.source.outgoing(packet.content(), System.currentTimeMillis())) {
        return drop(packet, counters, DropReason.REPLACED);
      }
    }
    // RFC 5761: a muxing party gets RTCP on its RTP port, from our RTP port.
    boolean toRtcpSocket = isRtcp && !to.config.mux();
    Channel out = toRtcpSocket ? to.sockets.rtcp() : to.sockets.rtp();
    InetSocketAddress destination = toRtcpSocket ? to.rtcpDestination() : to.rtpDestination();
    if (to.bundle != null && !toRtcpSocket && from != null) {
      InetSocketAddress own = to.bundle.destinationFor(from, mid);
      if (own != null) {
        destination = own; // the party declined BUNDLE: each section has its own address
      }
    }
    if (destination == null) {
      return drop(packet, counters, DropReason.NO_DESTINATION);
    }
    if (!out.isWritable()) {
      return drop(packet, counters, DropReason.BACKPRESSURE);
    }
    if (to.bundle != null && !isRtcp && from != null) {
      to.bundle.sentFrom(from, mid, from.lastSsrc);
    }
    if (to.outbound != null) {
      int room = isRtcp ? to.outbound.suite().rtcpTrailerLength() : to.outbound.suite().rtpTrailerLength();
      if (packet.content().writableBytes() < room) {
        packet = withTailroom(packet, out, room);
      }
      ByteBuf buf = packet.content();
      SrtpStatus s = isRtcp ? to.outbound.protectRtcp(buf) : to.outbound.protect(buf);
      if (s != SrtpStatus.OK) {
        return drop(packet, counters, DropReason.SRTP_PROTECT);
      }
    }
    return send(out, packet.content(), destination, counters);
  }

  /**
   * Sends {@code buf} to {@code destination} from {@code out}, taking ownership; returns the channel
   * to flush, or null when it left already (or was dropped). On epoll the datagram goes out with
   * one sendto on the socket right here (one send on the party's {@link #direct} socket): no
   * envelope, no trip through the pipeline and the outbound buffer, nothing to flush
   * (bench/README.md, "Per-packet allocation"). The loop owns the socket, so this is the same thread
   * Netty would write from. A full socket buffer (EAGAIN) drops the packet, as rtpengine does.
   * Elsewhere (io_uring, NIO, a heap buffer), and on epoll while the block batches its reads
   * ({@link #inBurst}), Netty writes it, from the pair's socket.
   */
  private Channel send(Channel out, ByteBuf buf, InetSocketAddress destination, StreamCounters counters) {
    if (out instanceof EpollDatagramChannel epoll && buf.hasMemoryAddress() && !inBurst()) {
      boolean connected = direct != null && destination == directTo && out == sockets.rtp();
      DropReason failed = null;
      try {
        // The connected socket alone learns of an ICMP port unreachable and refuses its next send
        // for it; the pair's socket, like rtpengine's, sends regardless.
        if (!connected || !direct.send(buf)) {
          if (((Socket) epoll.fd()).sendToAddress(buf.memoryAddress(), buf.readerIndex(), buf.writerIndex(),
              destination.getAddress(), destination.getPort()) == 0) {
            failed = DropReason.BACKPRESSURE;
          }
        }
      } catch (IOException e) {
        failed = DropReason.SOCKET_ERROR;
      }
      buf.release();
      if (failed != null) {
        count(counters, failed);
      }
      return null;
    }
    out.write(new DatagramPacket(buf, destination), out.voidPromise());
    return out;
  }

  /**
   * Whether the block reads in batches: then one {@code recvmmsg} brings a party's backlog, all
   * for the same peer socket. Queued, it leaves in one {@code sendmmsg} when the read ends
   * ({@link LegHandler} flushes); sent at once, it costs a {@code sendto} each. At 1000 calls on one
   * core that halves the send syscalls (bench/README.md, "Results of the evening passes").
   */
  private boolean inBurst() {
    return SENDMMSG && reads.batch() > 1;
  }

  /**
   * The packet copied into a buffer with {@code room} bytes after it, the original released. Epoll
   * hands a datagram over as a slice that ends where the datagram ends, so SRTP's tag needs this.
   */
  private static DatagramPacket withTailroom(DatagramPacket packet, Channel out, int room) {
    ByteBuf in = packet.content();
    ByteBuf copy = out.alloc().directBuffer(in.readableBytes() + room);
    copy.writeBytes(in, in.readerIndex(), in.readableBytes());
    DatagramPacket replaced = packet.replace(copy);
    packet.release();
    return replaced;
  }

  /** The single drop path: count, release, forward nothing. */
  private Channel drop(DatagramPacket packet, StreamCounters counters, DropReason reason) {
    count(counters, reason);
    packet.release();
    return null;
  }

  /** Counts a drop in the block and, when it is an error, against the sender's stream ({@code counters} may be null). */
  private void count(StreamCounters counters, DropReason reason) {
    drops.count(reason);
    if (reason.isError() && counters != null) {
      counters.error();
    }
  }

  /** RFC 7983 §7: first byte 128..191 is RTP or RTCP. */
  private static boolean isRtpRange(ByteBuf buf) {
    return buf.isReadable() && (buf.getUnsignedByte(buf.readerIndex()) & 0xC0) == 0x80;
  }

  /** The transport stage's drop path for a packet from this leg's party. */
  Channel drop(DatagramPacket packet, boolean onRtcpSocket, DropReason reason) {
    return drop(packet, onRtcpSocket ? rtcp : rtp, reason);
  }

  /**
   * rtpengine's strict source: once the endpoint is confirmed (learning window over, or latched),
   * only the learned source may send; while learning, or before anything is learned, anyone may (and
   * is learned). Without learning the SDP address is the endpoint from the start. Null = accept.
   */
  private InetSocketAddress strictSource(boolean onRtcpSocket, long now) {
    if (learning == EndpointLearning.OFF) {
      return onRtcpSocket ? sdpRtcp : sdpRtp;
    }
    return mayRelearn(now) ? null : onRtcpSocket ? learnedRtcp : learnedRtp;
  }

  /** Within the learning window after signalling, and not latched: a new source may be learned. */
  boolean mayRelearn(long now) {
    return !config.latch() && now < learnUntil;
  }

  /**
   * Runs the ICE timers; called by the block's tick while this leg is in its set. Returns false
   * when the agent has no timer work left (the caller drops the leg from the set).
   */
  boolean tickIce(long now) {
    return transport != null && transport.tickIce(now);
  }

  /** An address ICE authenticated becomes a destination until a pair is selected. */
  void learnIfUnknown(InetSocketAddress from, boolean onRtcpSocket) {
    if (onRtcpSocket && learnedRtcp == null) {
      learnedRtcp = from;
    } else if (!onRtcpSocket && learnedRtp == null) {
      learnedRtp = from;
    }
  }

  void learnRtp(InetSocketAddress from) {
    learnedRtp = from;
  }

  /** ICE's selected pairs become the learned destinations; lost consent stops media to the party. */
  void adoptSelected(InetSocketAddress selectedRtp, InetSocketAddress selectedRtcp, boolean consentExpired) {
    if (selectedRtp != null && !selectedRtp.equals(learnedRtp)) {
      learnedRtp = selectedRtp;
    }
    if (selectedRtcp != null && !selectedRtcp.equals(learnedRtcp)) {
      learnedRtcp = selectedRtcp;
    }
    if (sendBlock != DropReason.CONSENT_EXPIRED && consentExpired) {
      updateBlocks();
    }
  }

  /** The keys a DTLS handshake exported: media flows both ways from now on. */
  void keysFromHandshake(SrtpKeys keys) {
    contexts(keys);
    updateBlocks();
  }

  /** New SRTP contexts from {@code keys}; a rollover counter that advances is reported (call record). */
  private void contexts(SrtpKeys keys) {
    inbound = keys.inbound();
    outbound = keys.outbound();
    inbound.onRocChange((ssrc, roc) -> webrtc.rocReports.accept(new RocReport(callId, port(), false, ssrc & 0xffffffffL, roc)));
    outbound.onRocChange((ssrc, roc) -> webrtc.rocReports.accept(new RocReport(callId, port(), true, ssrc & 0xffffffffL, roc)));
  }

  /** Joins this party to a leg of another call (null: no longer); kept across configures. */
  void bridge(Bridge to) {
    bridge = to;
  }

  Bridge bridge() {
    return bridge;
  }

  boolean isClosed() {
    return closed;
  }

  boolean hasSrtp() {
    return inbound != null;
  }

  /** Sends the fork copies written during the read burst that just ended. */
  void flushForks() {
    if (forks != null) {
      forks.flush();
    }
  }

  /** What protects media to this party, or null for plain RTP. */
  SrtpContext outboundSrtp() {
    return outbound;
  }

  /** Why nothing may be sent to this party now, or null. */
  DropReason sendBlock() {
    return sendBlock;
  }

  /** Ends DTLS (close_notify) and ICE timers; the sockets are closed by the caller. */
  void close() {
    closed = true;
    bridge = null;
    dropDirect();
    if (transport != null) {
      transport.close();
    }
    LegTranscoder.close(transcoder);
    transcoder = null;
    if (source != null) {
      source.close();
    }
  }

  /** The RTP component's ICE state, or null without ICE. */
  public IceState iceState() {
    return transport == null ? null : transport.iceState();
  }

  /** The DTLS state, or null without DTLS. */
  public DtlsEndpoint.State dtlsState() {
    return transport == null ? null : transport.dtlsState();
  }

  void socketError(boolean onRtcpSocket) {
    drops.count(DropReason.SOCKET_ERROR);
    (onRtcpSocket ? rtcp : rtp).error();
  }

  /** Where RTP for this party goes: the learned source, else its SDP address, else null. */
  public InetSocketAddress rtpDestination() {
    return learnedRtp != null ? learnedRtp : sdpRtp;
  }

  /** Where RTCP for this party goes when it does not mux: learned, else SDP (port + 1 by default). */
  public InetSocketAddress rtcpDestination() {
    return learnedRtcp != null ? learnedRtcp : sdpRtcp;
  }

  public String callId() {
    return callId;
  }

  public int port() {
    return sockets.rtpPort();
  }

  public BoundPair sockets() {
    return sockets;
  }

  public LegConfig config() {
    return config;
  }

  public StreamCounters rtp() {
    return rtp;
  }

  public StreamCounters rtcp() {
    return rtcp;
  }

  public InetSocketAddress learnedRtp() {
    return learnedRtp;
  }

  public InetSocketAddress learnedRtcp() {
    return learnedRtcp;
  }

  /** SSRC of the last valid RTP packet received (raw 32 bits), meaningful once rtp().packets() > 0. */
  public int lastSsrc() {
    return lastSsrc;
  }

  /** Latest of the last RTP and RTCP packet times, 0 if none. */
  public long lastPacket() {
    return Math.max(rtp.last(), rtcp.last());
  }
}
