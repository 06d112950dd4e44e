package rtpmesh.media;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import rtpmesh.media.dtls.DtlsCertificate;
import rtpmesh.media.dtls.DtlsEndpoint;
import rtpmesh.media.dtls.DtlsFingerprint;
import rtpmesh.media.dtls.DtlsHandshakePool;
import rtpmesh.media.dtls.DtlsParams;
import rtpmesh.media.dtls.DtlsResult;
import rtpmesh.media.dtls.DtlsRole;
import rtpmesh.media.dtls.DtlsSrtpKeys;
import rtpmesh.media.ice.Candidate;
import rtpmesh.media.ice.CandidateType;
import rtpmesh.media.ice.IceAgent;
import rtpmesh.media.ice.IceCredentials;
import rtpmesh.media.ice.IceRole;
import rtpmesh.media.ice.IceTransmission;
import rtpmesh.media.srtp.SrtpContext;
import rtpmesh.media.srtp.SrtpSuite;

/**
 * A WebRTC party built from the media packages, as a browser offerer behaves: a controlling ICE
 * agent checking the relay's one host candidate, DTLS once ICE selected the pair (as client) or
 * from the start (as server), then SRTP with the exported keys. One UDP socket; everything runs
 * on one "event loop" thread, fed by a reader thread and a 20 ms tick.
 */
public final class Browser implements AutoCloseable {
  public static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate("browser");

  final DatagramSocket socket;
  final IceCredentials credentials;
  final List<Integer> stunTypes = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger dtlsReceived = new java.util.concurrent.atomic.AtomicInteger();
  private final ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "browser-loop"));
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final LinkedBlockingQueue<DtlsResult> dtlsResults = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<byte[]> media = new LinkedBlockingQueue<>();
  private final DtlsRole role;
  private final DtlsHandshakePool pool;
  private InetSocketAddress relay;
  private final IceAgent ice;
  private DtlsEndpoint dtls;
  private Thread reader;
  private boolean dtlsStarted;
  private SrtpContext outbound;
  private SrtpContext inbound;

  /** A browser that checks {@code relay} with the leg's credentials and expects its fingerprint. */
  Browser(DtlsHandshakePool pool, DtlsRole role, InetSocketAddress relay, IceCredentials legCredentials,
          String relayFingerprint) throws IOException {
    this(pool, role, relay.getAddress());
    peer(relay, legCredentials, relayFingerprint);
  }

  /** A browser on {@code local} that knows its peer only later, from an SDP answer ({@link #peer}). */
  public Browser(DtlsHandshakePool pool, DtlsRole role, java.net.InetAddress local) throws IOException {
    this.socket = new DatagramSocket(new InetSocketAddress(local, 0));
    this.role = role;
    this.pool = pool;
    this.ice = IceAgent.create(IceRole.CONTROLLING, 1, new SecureRandom());
    this.credentials = ice.localCredentials();
  }

  /** What the relay's SDP said: its candidate, ICE credentials and certificate fingerprint. */
  public void peer(InetSocketAddress relay, IceCredentials legCredentials, String relayFingerprint) {
    this.relay = relay;
    this.ice.setRemoteCredentials(legCredentials);
    this.ice.addRemoteAddress(relay, Candidate.priority(CandidateType.HOST, Candidate.MAX_LOCAL_PREFERENCE, 1));
    this.dtls = new DtlsEndpoint(pool, CERTIFICATE,
        DtlsParams.of(role, List.of(DtlsFingerprint.parse(relayFingerprint))), loop, this::sendDtls, dtlsResults::add);
  }

  /** The browser's ICE credentials (for its SDP). */
  public IceCredentials credentials() {
    return credentials;
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** Starts reading, ICE checks, and DTLS as server; as client, DTLS starts once ICE connects. */
  public void start() {
    reader = new Thread(this::read, "browser-reader");
    reader.setDaemon(true);
    reader.start();
    if (role == DtlsRole.SERVER) {
      loop.execute(dtls::start);
    }
    timer.scheduleAtFixedRate(() -> loop.execute(this::tick), 0, 20, TimeUnit.MILLISECONDS);
  }

  private void read() {
    byte[] buf = new byte[2048];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        return;
      }
      byte[] data = Arrays.copyOf(buf, p.getLength());
      InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
      loop.execute(() -> onDatagram(data, from));
    }
  }

  private void tick() {
    for (IceTransmission t : ice.tick(System.currentTimeMillis())) {
      send(t.packet(), t.to());
    }
    startDtlsIfConnected();
  }

  private void onDatagram(byte[] data, InetSocketAddress from) {
    int first = data.length == 0 ? -1 : data[0] & 0xff;
    if (first >= 0 && first <= 3) {
      stunTypes.add(data.length >= 2 ? ((data[0] & 0xff) << 8 | (data[1] & 0xff)) : -1);
      ByteBuf in = Unpooled.wrappedBuffer(data);
      ByteBuf out = Unpooled.buffer(256);
      try {
        if (ice.handle(in, from, System.currentTimeMillis(), out).hasReply()) {
          send(ByteBufUtil.getBytes(out), from);
        }
      } finally {
        in.release();
        out.release();
      }
      startDtlsIfConnected();
    } else if (first >= 20 && first <= 63) {
      dtlsReceived.incrementAndGet();
      dtls.receive(Unpooled.wrappedBuffer(data));
    } else if (first >= 128 && first <= 191) {
      media.add(data);
    }
  }

  private void startDtlsIfConnected() {
    if (!dtlsStarted && role == DtlsRole.CLIENT && ice.selectedAddress() != null) {
      dtlsStarted = true;
      dtls.start();
    }
  }

  private void sendDtls(ByteBuf datagram) {
    try {
      send(ByteBufUtil.getBytes(datagram), relay);
    } finally {
      datagram.release();
    }
  }

  private void send(byte[] data, InetSocketAddress to) {
    try {
      socket.send(new DatagramPacket(data, data.length, to));
    } catch (IOException e) {
      // closed; the test is over
    }
  }

  /** Waits for the handshake and builds the SRTP contexts from the keys; returns the keys. */
  public DtlsSrtpKeys connected(double seconds) throws InterruptedException {
    DtlsResult r = dtlsResults.poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
    if (!(r instanceof DtlsResult.Connected c)) {
      throw new AssertionError("expected a DTLS connection, got " + r);
    }
    DtlsSrtpKeys keys = c.keys();
    SrtpSuite suite = SrtpSuite.fromDtlsProfile(keys.profile().code());
    outbound = SrtpContext.create(suite, keys.localKey(), keys.localSalt());
    inbound = SrtpContext.create(suite, keys.remoteKey(), keys.remoteSalt());
    return keys;
  }

  /** Protects {@code rtp} and sends it to the relay. */
  public void sendSrtp(byte[] rtp) {
    send(protect(rtp), relay);
  }

  /** {@code rtp} as SRTP with the browser's keys (the next packet of its context). */
  public byte[] protect(byte[] rtp) {
    byte[] buf = Arrays.copyOf(rtp, rtp.length + 16);
    int n = outbound.protect(buf, 0, rtp.length);
    if (n < 0) {
      throw new AssertionError("protect failed: " + n);
    }
    return Arrays.copyOf(buf, n);
  }

  /** Sends bytes as they are to the relay (plain RTP, garbage). */
  void sendRaw(byte[] data) {
    send(data, relay);
  }

  /** The next media datagram, unprotected; fails when none comes or it does not authenticate. */
  public byte[] receiveSrtp(double seconds) throws InterruptedException {
    byte[] data = media.poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
    if (data == null) {
      throw new AssertionError("no media at the browser within " + seconds + " s");
    }
    int n = inbound.unprotect(data, 0, data.length);
    if (n < 0) {
      throw new AssertionError("unprotect failed: " + n);
    }
    return Arrays.copyOf(data, n);
  }

  /** The next media datagram as received, or null after {@code ms}. */
  public byte[] pollMedia(long ms) throws InterruptedException {
    return media.poll(ms, TimeUnit.MILLISECONDS);
  }

  /** Unprotects an SRTP datagram in place: the plain length, or a negative status when it fails. */
  public int unprotect(byte[] srtp) {
    return inbound.unprotect(srtp, 0, srtp.length);
  }

  /** DTLS datagrams received so far (a new handshake after {@link #connected} would show here). */
  public int dtlsReceived() {
    return dtlsReceived.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    socket.close();
    loop.execute(dtls::close);
    loop.shutdown();
    try {
      loop.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
