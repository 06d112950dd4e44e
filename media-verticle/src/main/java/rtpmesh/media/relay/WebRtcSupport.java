package rtpmesh.media.relay;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import rtpmesh.media.dtls.DtlsCertificate;
import rtpmesh.media.dtls.DtlsHandshakePool;
import rtpmesh.media.dtls.DtlsSrtpProfile;
import rtpmesh.media.srtp.SrtpSuite;

/**
 * What the ICE and DTLS legs of one block share: the node's certificate and handshake pool, the
 * loop that DTLS results are posted back to, where finished handshakes are reported, and the small
 * set of legs whose ICE agent has timer work (so the block's tick visits only those).
 *
 * <p>Owned by one event loop; holds no lock (the pool and certificate are thread-safe).
 */
final class WebRtcSupport {
  /** The profiles we offer and accept, in {@link rtpmesh.media.dtls.DtlsParams} order, that SRTP implements. */
  static final List<DtlsSrtpProfile> PROFILES = supportedProfiles();

  final Executor loop;
  final DtlsHandshakePool pool;
  final DtlsCertificate certificate;
  final Consumer<LegReport> reports;
  /** RFC 8445 §5.3 and RFC 7675 §5.1: credentials, tie-breakers and transaction ids must be unpredictable. */
  final SecureRandom random = new SecureRandom();
  final Set<Leg> iceTicking = new LinkedHashSet<>();

  WebRtcSupport(Executor loop, DtlsHandshakePool pool, DtlsCertificate certificate, Consumer<LegReport> reports) {
    this.loop = loop;
    this.pool = pool;
    this.certificate = certificate;
    this.reports = reports;
  }

  private static List<DtlsSrtpProfile> supportedProfiles() {
    List<DtlsSrtpProfile> out = new ArrayList<>();
    for (DtlsSrtpProfile p : rtpmesh.media.dtls.DtlsParams.DEFAULT_PROFILES) {
      SrtpSuite suite = SrtpSuite.fromDtlsProfile(p.code());
      if (suite != null && suite.isSupported()) {
        out.add(p);
      }
    }
    return List.copyOf(out);
  }
}
