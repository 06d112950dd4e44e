package rtpmesh.media.dtls;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;

/**
 * One blocking BouncyCastle handshake, run on a {@link DtlsHandshakePool} thread. It reads and
 * writes only through its {@link HandoffTransport}, and reports exactly once back to the event
 * loop: the association and its keys, or a named error. Nothing here throws to anyone.
 */
final class DtlsHandshake implements Runnable {
  /** Receives the outcome on the event loop. */
  interface Outcome {
    void connected(DTLSTransport association, DtlsSrtpKeys keys);

    void failed(DtlsError error, String detail);
  }

  private final DtlsCertificate certificate;
  private final SrtpNegotiation negotiation;
  private final HandoffTransport transport;
  private final long deadlineNanos;
  private final LoopPoster loop;
  private final Outcome outcome;

  DtlsHandshake(DtlsCertificate certificate, SrtpNegotiation negotiation,
      HandoffTransport transport, long deadlineNanos, LoopPoster loop, Outcome outcome) {
    this.certificate = certificate;
    this.negotiation = negotiation;
    this.transport = transport;
    this.deadlineNanos = deadlineNanos;
    this.loop = loop;
    this.outcome = outcome;
  }

  @Override
  public void run() {
    long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    if (leftMillis <= 0) {
      loop.post(() -> outcome.failed(DtlsError.TIMEOUT, "deadline passed while queued"));
      return;
    }
    int timeout = (int) Math.min(Integer.MAX_VALUE, leftMillis);
    boolean reported = false;
    try {
      DTLSTransport association = negotiation.params().role() == DtlsRole.CLIENT
          ? connect(timeout)
          : accept(timeout);
      DtlsSrtpKeys keys = negotiation.keys();
      reported = true;
      loop.post(() -> outcome.connected(association, keys));
    } catch (Exception e) {
      DtlsError error = classify(e);
      String detail = negotiation.failure() != null ? negotiation.failureDetail() : describe(e);
      reported = true;
      loop.post(() -> outcome.failed(error, detail));
    } finally {
      if (!reported) {
        // An Error (linkage, out of memory) must still end the handshake on the loop.
        loop.post(() -> outcome.failed(DtlsError.HANDSHAKE_FAILED, "handshake thread died"));
      }
    }
  }

  private DTLSTransport connect(int timeoutMillis) throws IOException {
    SrtpDtlsClient client = new SrtpDtlsClient(certificate, negotiation);
    client.setHandshakeTimeoutMillis(timeoutMillis);
    return new DTLSClientProtocol().connect(client, transport);
  }

  private DTLSTransport accept(int timeoutMillis) throws IOException {
    SrtpDtlsServer server = new SrtpDtlsServer(certificate, negotiation);
    server.setHandshakeTimeoutMillis(timeoutMillis);
    DTLSServerProtocol protocol = new DTLSServerProtocol();
    // No HelloVerifyRequest cookie: ICE connectivity checks already proved the peer's address.
    protocol.setVerifyRequests(false);
    return protocol.accept(server, transport);
  }

  private DtlsError classify(Exception e) {
    if (negotiation.failure() != null) {
      return negotiation.failure();
    }
    if (e instanceof TlsTimeoutException) {
      return DtlsError.TIMEOUT;
    }
    // BC 1.81 reports a received fatal alert as a plain TlsFatalAlert; the peer hook knows better.
    if (e instanceof TlsFatalAlertReceived || negotiation.receivedFatalAlert() >= 0) {
      return DtlsError.ALERT_RECEIVED;
    }
    return DtlsError.HANDSHAKE_FAILED;
  }

  private String describe(Exception e) {
    if (negotiation.receivedFatalAlert() >= 0) {
      return "peer sent fatal alert " + AlertDescription.getText(negotiation.receivedFatalAlert());
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
