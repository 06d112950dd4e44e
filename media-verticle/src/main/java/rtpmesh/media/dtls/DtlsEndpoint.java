package rtpmesh.media.dtls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSTransport;

/**
 * DTLS-SRTP (RFC 5764) for one stream: runs the handshake as client or server, checks the peer's
 * certificate against its SDP fingerprint, and hands the exported SRTP keys to the owner.
 *
 * <h2>Why a worker pool</h2>
 * BouncyCastle 1.81 has no non-blocking DTLS handshake: {@code DTLSClientProtocol.connect} and
 * {@code DTLSServerProtocol.accept} read with a wait until the handshake ends, and drive
 * retransmission from inside that wait. Rather than re-implement a DTLS state machine, the
 * handshake runs on a shared {@link DtlsHandshakePool} thread that reads from a per-stream queue
 * the event loop fills ({@link #receive}) and whose writes are posted back to the event loop
 * ({@link DatagramSink}). The pool is bounded (extra handshakes fail as {@link
 * DtlsError#OVERLOADED}, counted), every handshake ends by its deadline, and a server endpoint takes
 * no thread until a DTLS datagram arrives. Once connected, the association moves to the event loop:
 * late records (a retransmitted Finished, close_notify, alerts) are processed there in
 * non-blocking mode, so an established stream holds no thread at all.
 *
 * <h2>Contract</h2>
 * Owned by one event loop ({@code loop}): every public method must be called on it, and the sink
 * and listener are only called on it. Not thread-safe, holds no lock. No method throws on bad
 * input or a failed handshake; outcomes arrive as {@link DtlsResult}s, drops are counted.
 */
public final class DtlsEndpoint {
  /** Where our DTLS datagrams go (the stream's socket, towards the peer). Takes ownership. */
  @FunctionalInterface
  public interface DatagramSink {
    void send(ByteBuf datagram);
  }

  /** Life of an endpoint; only ever moves down this list. */
  public enum State {
    NEW,
    /** Server role: waiting for the peer's ClientHello. Holds no thread. */
    WAITING,
    HANDSHAKING,
    CONNECTED,
    FAILED,
    CLOSED
  }

  // A handshake flight is a handful of datagrams; more queued than this is a flood.
  private static final int QUEUE_CAPACITY = 64;
  private static final DtlsDropReason[] DROPS = DtlsDropReason.values();

  private final DtlsHandshakePool pool;
  private final DtlsCertificate certificate;
  private final DtlsParams params;
  private final LoopPoster loop;
  private final DatagramSink sink;
  private final Consumer<DtlsResult> listener;
  private final SrtpNegotiation negotiation;
  private final HandoffTransport transport;
  private final long[] drops = new long[DROPS.length];

  private State state = State.NEW;
  private DTLSTransport association;
  private DtlsSrtpKeys keys;
  private long startNanos;
  private long received;
  private long sent;
  private byte[] scratch;

  public DtlsEndpoint(DtlsHandshakePool pool, DtlsCertificate certificate, DtlsParams params,
      Executor loop, DatagramSink sink, Consumer<DtlsResult> listener) {
    this.pool = pool;
    this.certificate = certificate;
    this.params = params;
    this.loop = new LoopPoster(loop);
    this.sink = sink;
    this.listener = listener;
    this.negotiation = new SrtpNegotiation(params);
    this.transport = new HandoffTransport(QUEUE_CAPACITY, this::onOutbound);
  }

  /** Starts the handshake (client) or starts listening for a ClientHello (server). */
  public void start() {
    if (state != State.NEW) {
      return;
    }
    if (params.role() == DtlsRole.CLIENT) {
      beginHandshake();
    } else {
      state = State.WAITING;
    }
  }

  /**
   * Takes a datagram the demultiplexer classified as DTLS ({@link Dtls#isDtls}). Always consumes
   * and releases {@code datagram}, whatever happens to it.
   */
  public void receive(ByteBuf datagram) {
    try {
      received++;
      int offset = datagram.readerIndex();
      int length = datagram.readableBytes();
      if (state == State.NEW || state == State.FAILED || state == State.CLOSED) {
        drop(DtlsDropReason.NOT_OPEN);
      } else if (!Dtls.isDtls(datagram, offset, length)) {
        drop(DtlsDropReason.NOT_DTLS);
      } else if (!Dtls.isWellFormed(datagram, offset, length)) {
        drop(DtlsDropReason.MALFORMED);
      } else {
        byte[] copy = new byte[length];
        datagram.getBytes(offset, copy);
        if (!transport.offer(copy)) {
          drop(DtlsDropReason.QUEUE_FULL);
        } else if (state == State.WAITING) {
          beginHandshake();
        } else if (state == State.CONNECTED) {
          pumpAssociation();
        }
      }
    } finally {
      datagram.release();
    }
  }

  /**
   * Ends the association: close_notify if connected (RFC 5246 §7.2.1), abandons a running
   * handshake. Reports {@link DtlsResult.Closed} once; later calls do nothing.
   */
  public void close() {
    State was = state;
    if (was == State.FAILED || was == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    if (was == State.CONNECTED) {
      try {
        association.close(); // sends close_notify through the sink, right here on the loop
      } catch (IOException | RuntimeException e) {
        // Closing anyway; the peer will notice by timeout.
      }
    }
    transport.close();
    listener.accept(new DtlsResult.Closed(false));
  }

  public State state() {
    return state;
  }

  /** The exported keys once {@link State#CONNECTED}, else null. */
  public DtlsSrtpKeys keys() {
    return keys;
  }

  /** Datagrams handed to {@link #receive}. */
  public long received() {
    return received;
  }

  /** Datagrams given to the sink. */
  public long sent() {
    return sent;
  }

  public long dropped(DtlsDropReason reason) {
    return drops[reason.ordinal()];
  }

  private void beginHandshake() {
    state = State.HANDSHAKING;
    startNanos = System.nanoTime();
    long deadline = startNanos + params.handshakeTimeout().toNanos();
    transport.setDeadline(deadline);
    DtlsHandshake handshake = new DtlsHandshake(certificate, negotiation, transport, deadline, loop,
        new DtlsHandshake.Outcome() {
          @Override
          public void connected(DTLSTransport association, DtlsSrtpKeys keys) {
            onConnected(association, keys);
          }

          @Override
          public void failed(DtlsError error, String detail) {
            if (state == State.HANDSHAKING) {
              fail(error, detail);
            }
          }
        });
    if (!pool.submit(handshake)) {
      fail(DtlsError.OVERLOADED, "handshake pool full");
    }
  }

  private void onConnected(DTLSTransport association, DtlsSrtpKeys keys) {
    if (state != State.HANDSHAKING) {
      return; // closed while the handshake finished; the transport is closed, nothing goes out
    }
    this.association = association;
    this.keys = keys;
    transport.makeNonBlocking();
    state = State.CONNECTED;
    pool.countConnected();
    listener.accept(new DtlsResult.Connected(keys, System.nanoTime() - startNanos));
    if (transport.hasQueued()) {
      pumpAssociation(); // records that arrived while the result was on its way here
    }
  }

  /**
   * Lets BC's record layer process queued records on the event loop. It never waits: an empty
   * queue ends its read with {@link HandoffTransport.WouldBlock}. Handshake records after the
   * handshake make BC resend its last flight (RFC 6347 §4.2.4); application data is dropped.
   */
  private void pumpAssociation() {
    if (scratch == null) {
      scratch = new byte[transport.getReceiveLimit()];
    }
    try {
      // Bounded: each call consumes at least one queued datagram or record.
      for (int i = 0; i <= QUEUE_CAPACITY * 4 && state == State.CONNECTED; i++) {
        int n = association.receive(scratch, 0, scratch.length, 1);
        if (n >= 0) {
          drop(DtlsDropReason.APPLICATION_DATA);
        }
        if (negotiation.peerClosed()) {
          closedByPeer();
          return;
        }
      }
    } catch (HandoffTransport.WouldBlock e) {
      // Queue drained.
    } catch (IOException | RuntimeException e) {
      short alert = negotiation.receivedFatalAlert();
      if (alert >= 0) {
        fail(DtlsError.ALERT_RECEIVED, "peer sent fatal alert " + AlertDescription.getText(alert));
      } else {
        fail(DtlsError.HANDSHAKE_FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    if (state == State.CONNECTED && negotiation.peerClosed()) {
      closedByPeer();
    }
  }

  private void closedByPeer() {
    state = State.CLOSED;
    transport.close(); // BC already answered with its own close_notify
    listener.accept(new DtlsResult.Closed(true));
  }

  private void fail(DtlsError error, String detail) {
    state = State.FAILED;
    transport.close();
    pool.countFailed(error);
    listener.accept(new DtlsResult.Failed(error, detail));
  }

  /**
   * Called by BC: on the pool thread during the handshake (so posted to the loop), on the loop once
   * the association is handed over (so sent at once, which also lets close() flush close_notify).
   */
  private void onOutbound(byte[] datagram) {
    if (transport.isNonBlocking()) {
      emit(datagram);
    } else {
      loop.post(() -> {
        if (state != State.CLOSED) {
          emit(datagram);
        }
      });
    }
  }

  private void emit(byte[] datagram) {
    sent++;
    sink.send(Unpooled.wrappedBuffer(datagram));
  }

  private void drop(DtlsDropReason reason) {
    drops[reason.ordinal()]++;
  }
}
