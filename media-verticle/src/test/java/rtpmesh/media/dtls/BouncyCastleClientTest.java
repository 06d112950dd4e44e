package rtpmesh.media.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Date;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Our server endpoint against BouncyCastle's stock blocking {@link DTLSClientProtocol}, driven by
 * a plain {@link DefaultTlsClient} written here, with an RSA certificate as rtpengine uses: the
 * unit-test layer's "DTLS handshake against BouncyCastle's client" (ARCHITECTURE.md).
 */
class BouncyCastleClientTest {
  private static final DtlsCertificate OURS = DtlsCertificate.generate("rtpmesh");
  private final DtlsHandshakePool pool = new DtlsHandshakePool(2, 4);
  private LoopedEndpoint server;

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
    pool.close();
  }

  /** The client's end of the pipe: BC reads with a wait, like on a socket. */
  private static final class QueueTransport implements DatagramTransport {
    final LinkedBlockingQueue<byte[]> in = new LinkedBlockingQueue<>();
    final Consumer<byte[]> out;

    QueueTransport(Consumer<byte[]> out) {
      this.out = out;
    }

    @Override
    public int getReceiveLimit() {
      return 1500;
    }

    @Override
    public int getSendLimit() {
      return 1200;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
      try {
        byte[] d = in.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (d == null) {
          return -1;
        }
        System.arraycopy(d, 0, buf, off, Math.min(len, d.length));
        return Math.min(len, d.length);
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
    }

    @Override
    public void send(byte[] buf, int off, int len) {
      out.accept(Arrays.copyOfRange(buf, off, off + len));
    }

    @Override
    public void close() {}
  }

  /** A stock BC client that offers use_srtp with one profile and exports the keys itself. */
  private static final class SrtpClient extends DefaultTlsClient {
    private final Certificate chain;
    private final org.bouncycastle.crypto.params.AsymmetricKeyParameter key;
    private final int profile;
    final CompletableFuture<byte[]> material = new CompletableFuture<>();
    volatile Certificate serverChain;

    SrtpClient(BcTlsCrypto crypto, byte[] der,
        org.bouncycastle.crypto.params.AsymmetricKeyParameter key, int profile) throws IOException {
      super(crypto);
      this.chain = new Certificate(new TlsCertificate[] {crypto.createCertificate(der)});
      this.key = key;
      this.profile = profile;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return ProtocolVersion.DTLSv12.only();
    }

    @Override
    public Hashtable getClientExtensions() throws IOException {
      Hashtable ext = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
      TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(new int[] {profile}, new byte[0]));
      return ext;
    }

    @Override
    public TlsAuthentication getAuthentication() {
      return new TlsAuthentication() {
        @Override
        public void notifyServerCertificate(TlsServerCertificate sc) {
          serverChain = sc.getCertificate();
        }

        @Override
        public TlsCredentials getClientCredentials(CertificateRequest request) {
          return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context),
              (BcTlsCrypto) getCrypto(), key, chain,
              new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.rsa));
        }
      };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
      super.notifyHandshakeComplete();
      // RFC 5764 §4.2, done by the client itself.
      material.complete(context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, 60));
    }
  }

  @Test
  void rfc5764HandshakeAgainstBouncyCastlesClient() throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
    kpg.initialize(2048);
    KeyPair kp = kpg.generateKeyPair();
    X500Name cn = new X500Name("CN=bc-client");
    byte[] clientDer = new JcaX509v3CertificateBuilder(cn, BigInteger.ONE,
        new Date(System.currentTimeMillis() - 86_400_000L),
        new Date(System.currentTimeMillis() + 86_400_000L), cn, kp.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate()))
        .getEncoded();
    SrtpClient bcClient = new SrtpClient(new BcTlsCrypto(new SecureRandom()), clientDer,
        PrivateKeyFactory.createKey(kp.getPrivate().getEncoded()),
        SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80);

    server = new LoopedEndpoint("s", pool, OURS, DtlsParams.of(DtlsRole.SERVER,
        List.of(DtlsFingerprint.of("sha-256", clientDer))));
    QueueTransport pipe = new QueueTransport(d -> server.deliver(Unpooled.wrappedBuffer(d)));
    server.wire = d -> {
      pipe.in.add(ByteBufUtil.getBytes(d));
      d.release();
    };
    server.start();

    DTLSTransport association = new DTLSClientProtocol().connect(bcClient, pipe);

    DtlsSrtpKeys ours = server.connected(10).keys();
    byte[] m = bcClient.material.get(1, TimeUnit.SECONDS);
    assertEquals(DtlsSrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, ours.profile());
    // client_key | server_key | client_salt | server_salt; we are the server.
    assertArrayEquals(Arrays.copyOfRange(m, 0, 16), ours.remoteKey());
    assertArrayEquals(Arrays.copyOfRange(m, 16, 32), ours.localKey());
    assertArrayEquals(Arrays.copyOfRange(m, 32, 46), ours.remoteSalt());
    assertArrayEquals(Arrays.copyOfRange(m, 46, 60), ours.localSalt());
    // And BC saw the certificate whose fingerprint we publish.
    assertEquals(OURS.sdpFingerprint(),
        DtlsFingerprint.of("sha-256", bcClient.serverChain.getCertificateAt(0).getEncoded())
            .toSdp());

    association.close(); // close_notify from BC
    assertEquals(new DtlsResult.Closed(true), server.next(5));
  }
}
