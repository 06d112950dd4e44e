package rtpmesh.media.dtls;

import java.io.IOException;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;

/**
 * The DTLS-SRTP rules both our client and our server apply: which {@code use_srtp} profiles to
 * offer or pick (RFC 5764 §4.1), how to check the peer's certificate against its SDP fingerprint
 * (RFC 5763 §5), and how to export the SRTP keys (RFC 5764 §4.2). It also remembers why a
 * handshake failed, so the endpoint reports a named error instead of BC's alert code.
 *
 * <p>Used by one handshake on one thread at a time (a pool thread, then the event loop).
 */
final class SrtpNegotiation {
  private final DtlsParams params;
  private DtlsSrtpProfile chosen;
  private DtlsSrtpKeys keys;
  private DtlsError failure;
  private String failureDetail;
  private boolean peerClosed;
  private short receivedFatalAlert = -1;

  SrtpNegotiation(DtlsParams params) {
    this.params = params;
  }

  DtlsParams params() {
    return params;
  }

  /** The {@code use_srtp} extension we offer as client: our profiles, no MKI. */
  UseSRTPData offer() {
    int[] codes = params.profiles().stream().mapToInt(DtlsSrtpProfile::code).toArray();
    return new UseSRTPData(codes, TlsUtils.EMPTY_BYTES);
  }

  /**
   * Server side: the first of our profiles that the client offered (RFC 5764 §4.1.1). With none in
   * common we answer without {@code use_srtp}, as §4.1.1 says, and remember the failure: an SRTP
   * client then aborts with an alert (BC sends nothing before its ServerHello), and should the
   * client carry on regardless, {@link #exportKeys} fails the handshake.
   */
  UseSRTPData choose(UseSRTPData clientOffer) {
    if (clientOffer == null) {
      record(DtlsError.NO_SRTP_PROFILE, "client sent no use_srtp extension");
      return null;
    }
    for (DtlsSrtpProfile p : params.profiles()) {
      for (int code : clientOffer.getProtectionProfiles()) {
        if (code == p.code()) {
          chosen = p;
          return new UseSRTPData(new int[] {code}, TlsUtils.EMPTY_BYTES);
        }
      }
    }
    record(DtlsError.NO_SRTP_PROFILE, "no common SRTP profile in client offer");
    return null;
  }

  /** Client side: the server must pick exactly one of the profiles we offered, without MKI. */
  void accept(UseSRTPData serverChoice) throws TlsFatalAlert {
    if (serverChoice == null) {
      throw fail(DtlsError.NO_SRTP_PROFILE, "server sent no use_srtp extension");
    }
    int[] codes = serverChoice.getProtectionProfiles();
    if (codes.length != 1) {
      throw fail(DtlsError.NO_SRTP_PROFILE, "server chose " + codes.length + " profiles, expected 1");
    }
    // RFC 5764 §4.1.1: an MKI we did not offer is a protocol error.
    if (serverChoice.getMki().length != 0) {
      throw fail(DtlsError.NO_SRTP_PROFILE, "server sent an MKI we did not offer");
    }
    chosen = params.profiles().stream()
        .filter(p -> p.code() == codes[0])
        .findFirst()
        .orElseThrow(() -> fail(DtlsError.NO_SRTP_PROFILE,
            "server chose profile " + codes[0] + ", not one we offered"));
  }

  /** RFC 5763 §5: the peer's end-entity certificate must hash to one of its SDP fingerprints. */
  void checkPeerCertificate(Certificate chain) throws IOException {
    if (chain == null || chain.isEmpty()) {
      throw fail(DtlsError.NO_PEER_CERTIFICATE, "peer sent no certificate");
    }
    byte[] der = chain.getCertificateAt(0).getEncoded();
    List<DtlsFingerprint> expected = params.remoteFingerprints();
    for (DtlsFingerprint fp : expected) {
      if (fp.matches(der)) {
        return;
      }
    }
    throw fail(DtlsError.FINGERPRINT_MISMATCH,
        "peer certificate " + DtlsFingerprint.of("sha-256", der) + " matches none of " + expected);
  }

  /** RFC 5764 §4.2: export the keys once the handshake is complete. */
  void exportKeys(TlsContext context, DtlsRole ourRole) throws TlsFatalAlert {
    if (chosen == null) {
      throw fail(DtlsError.NO_SRTP_PROFILE, "handshake completed without an SRTP profile");
    }
    byte[] material = context.exportKeyingMaterial(
        DtlsSrtpKeys.EXPORTER_LABEL, null, DtlsSrtpKeys.materialLength(chosen));
    keys = DtlsSrtpKeys.fromKeyingMaterial(chosen, material, ourRole);
  }

  /** Called by BC for every alert the peer sends. */
  void alertReceived(short level, short description) {
    if (level == AlertLevel.fatal) {
      receivedFatalAlert = description;
    } else if (description == AlertDescription.close_notify) {
      peerClosed = true;
    }
  }

  /** The fatal alert the peer sent, or -1. */
  short receivedFatalAlert() {
    return receivedFatalAlert;
  }

  DtlsSrtpKeys keys() {
    return keys;
  }

  /** Why our own checks failed the handshake, or null when they did not. */
  DtlsError failure() {
    return failure;
  }

  String failureDetail() {
    return failureDetail;
  }

  boolean peerClosed() {
    return peerClosed;
  }

  private void record(DtlsError error, String detail) {
    if (failure == null) {
      failure = error;
      failureDetail = detail;
    }
  }

  private TlsFatalAlert fail(DtlsError error, String detail) {
    record(error, detail);
    short alert = error == DtlsError.FINGERPRINT_MISMATCH || error == DtlsError.NO_PEER_CERTIFICATE
        ? AlertDescription.bad_certificate
        : AlertDescription.handshake_failure;
    return new TlsFatalAlert(alert, detail);
  }
}
