package rtpmesh.media.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;

/**
 * Our DTLS 1.2 client (we are {@code a=setup:active}): offers {@code use_srtp}, presents our
 * certificate when asked, and accepts the server only by its SDP fingerprint (RFC 5763 §5).
 * BouncyCastle calls it on the thread that runs the handshake.
 */
final class SrtpDtlsClient extends DefaultTlsClient {
  private final DtlsCertificate certificate;
  private final SrtpNegotiation negotiation;
  private volatile int timeoutMillis;

  SrtpDtlsClient(DtlsCertificate certificate, SrtpNegotiation negotiation) {
    super(certificate.crypto());
    this.certificate = certificate;
    this.negotiation = negotiation;
  }

  void setHandshakeTimeoutMillis(int millis) {
    this.timeoutMillis = millis;
  }

  @Override
  public int getHandshakeTimeoutMillis() {
    return timeoutMillis;
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return ProtocolVersion.DTLSv12.only();
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    return TlsUtils.getSupportedCipherSuites(getCrypto(), SrtpCipherSuites.SUITES);
  }

  // The peer is authenticated by fingerprint, so the algorithm it self-signed with is irrelevant.
  @Override
  public boolean shouldCheckSigAlgOfPeerCerts() {
    return false;
  }

  @Override
  public Hashtable getClientExtensions() throws IOException {
    Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
    TlsSRTPUtils.addUseSRTPExtension(extensions, negotiation.offer());
    return extensions;
  }

  @Override
  public void processServerExtensions(Hashtable serverExtensions) throws IOException {
    super.processServerExtensions(serverExtensions);
    negotiation.accept(TlsSRTPUtils.getUseSRTPExtension(serverExtensions));
  }

  @Override
  public TlsAuthentication getAuthentication() {
    return new TlsAuthentication() {
      @Override
      public void notifyServerCertificate(TlsServerCertificate serverCertificate)
          throws IOException {
        negotiation.checkPeerCertificate(serverCertificate.getCertificate());
      }

      @Override
      public TlsCredentials getClientCredentials(CertificateRequest request) {
        return certificate.signer(context);
      }
    };
  }

  @Override
  public void notifyAlertReceived(short level, short description) {
    negotiation.alertReceived(level, description);
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    negotiation.exportKeys(context, DtlsRole.CLIENT);
  }
}
