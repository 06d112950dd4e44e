package rtpmesh.media.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The node's DTLS identity: one self-signed ECDSA P-256 certificate, generated at start-up and
 * shared by every stream. ECDSA rather than rtpengine's RSA-2048: browsers generate ECDSA P-256
 * themselves, it is generated in milliseconds, and it makes the handshake flights small.
 *
 * <p>Its fingerprint goes into every SDP we write ({@code a=fingerprint:sha-256 XX:...}); a peer
 * authenticates us by it, so the certificate's own validity dates are not checked by anyone
 * (RFC 8827 §6.5); we still give it a sane window. Immutable and thread-safe.
 */
public final class DtlsCertificate {
  private static final Duration VALIDITY = Duration.ofDays(365);
  // RFC 8122 §5 recommends the hash of the certificate's signature; SHA-256 is what browsers send.
  private static final SignatureAndHashAlgorithm SIGNATURE =
      new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

  private final BcTlsCrypto crypto;
  private final byte[] der;
  private final Certificate chain;
  private final AsymmetricKeyParameter privateKey;
  private final DtlsFingerprint sha256;

  private DtlsCertificate(BcTlsCrypto crypto, byte[] der, AsymmetricKeyParameter privateKey)
      throws IOException {
    this.crypto = crypto;
    this.der = der.clone();
    TlsCertificate tlsCert = crypto.createCertificate(der);
    this.chain = new Certificate(new TlsCertificate[] {tlsCert});
    this.privateKey = privateKey;
    this.sha256 = DtlsFingerprint.of("sha-256", der);
  }

  /**
   * The certificate of this node process, generated on first use and shared by every media block:
   * the control plane puts its one fingerprint into every SDP (the {@code fingerprint} op).
   */
  public static DtlsCertificate node() {
    return NodeHolder.CERTIFICATE;
  }

  // Lazy holder: the JVM runs the generation once, on first access, without a lock of ours.
  private static final class NodeHolder {
    static final DtlsCertificate CERTIFICATE = generate("rtpmesh");
  }

  /** Generates a fresh key pair and a self-signed certificate with common name {@code cn}. */
  public static DtlsCertificate generate(String cn) {
    try {
      SecureRandom random = new SecureRandom();
      KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
      kpg.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair kp = kpg.generateKeyPair();
      Instant now = Instant.now();
      X500Name name = new X500Name("CN=" + cn);
      // Positive 63-bit serial: unique enough for a self-signed, per-process certificate.
      BigInteger serial = BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE);
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          name, serial, Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)),
          name, kp.getPublic());
      byte[] der = builder
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()))
          .getEncoded();
      AsymmetricKeyParameter key = PrivateKeyFactory.createKey(kp.getPrivate().getEncoded());
      return new DtlsCertificate(new BcTlsCrypto(random), der, key);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      // Only a broken JRE lands here; start-up should fail loudly.
      throw new IllegalStateException("cannot generate the DTLS certificate", e);
    }
  }

  /** Our {@code a=fingerprint} value with SHA-256: {@code sha-256 AB:CD:...}. */
  public String sdpFingerprint() {
    return sha256.toSdp();
  }

  /** The fingerprint with another hash function ("sha-1", "sha-384", "sha-512", ...). */
  public DtlsFingerprint fingerprint(String hashFunction) {
    return "sha-256".equalsIgnoreCase(hashFunction)
        ? sha256
        : DtlsFingerprint.of(hashFunction, der);
  }

  /** The DER encoding of the certificate. */
  public byte[] der() {
    return der.clone();
  }

  BcTlsCrypto crypto() {
    return crypto;
  }

  /** Signing credentials for one handshake; BC binds them to the handshake's context. */
  TlsCredentialedSigner signer(TlsContext context) {
    return new BcDefaultTlsCredentialedSigner(
        new TlsCryptoParameters(context), crypto, privateKey, chain, SIGNATURE);
  }
}
