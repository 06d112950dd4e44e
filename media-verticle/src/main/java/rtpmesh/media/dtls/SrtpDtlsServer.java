package rtpmesh.media.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;

/**
 * Our DTLS 1.2 server (we are {@code a=setup:passive}): picks an SRTP profile from the client's
 * {@code use_srtp}, requires a client certificate and accepts it only by the client's SDP
 * fingerprint (RFC 5763 §5). BouncyCastle calls it on the thread that runs the handshake.
 */
final class SrtpDtlsServer extends DefaultTlsServer {
  private final DtlsCertificate certificate;
  private final SrtpNegotiation negotiation;
  private volatile int timeoutMillis;
  private UseSRTPData chosen;

  SrtpDtlsServer(DtlsCertificate certificate, SrtpNegotiation negotiation) {
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

  @Override
  public boolean shouldCheckSigAlgOfPeerCerts() {
    return false;
  }

  @Override
  protected TlsCredentialedSigner getECDSASignerCredentials() {
    return certificate.signer(context);
  }

  @Override
  public void processClientExtensions(Hashtable clientExtensions) throws IOException {
    super.processClientExtensions(clientExtensions);
    chosen = negotiation.choose(TlsSRTPUtils.getUseSRTPExtension(clientExtensions));
  }

  @Override
  public Hashtable getServerExtensions() throws IOException {
    Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
    if (chosen != null) {
      TlsSRTPUtils.addUseSRTPExtension(extensions, chosen);
    }
    return extensions;
  }

  @Override
  public CertificateRequest getCertificateRequest() {
    short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
    return new CertificateRequest(types, TlsUtils.getDefaultSupportedSignatureAlgorithms(context),
        null);
  }

  @Override
  public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
    negotiation.checkPeerCertificate(clientCertificate);
  }

  @Override
  public void notifyAlertReceived(short level, short description) {
    negotiation.alertReceived(level, description);
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    negotiation.exportKeys(context, DtlsRole.SERVER);
  }
}
