package rtpmesh.media.dtls;

import java.util.Optional;

/** Our side of the DTLS handshake: the client sends the ClientHello. */
public enum DtlsRole {
  CLIENT,
  SERVER;

  /**
   * Our role given the peer's {@code a=setup} (RFC 5763 §5): the {@code active} side is the DTLS
   * client. For {@code actpass} we choose {@code active}, as JSEP (RFC 8829 §5.3.1) asks of an
   * answerer; it also lets us start the handshake as soon as ICE allows instead of waiting.
   * {@code holdconn} has no role.
   */
  public static Optional<DtlsRole> forRemoteSetup(DtlsSetup remote) {
    switch (remote) {
      case ACTIVE:
        return Optional.of(SERVER);
      case PASSIVE:
      case ACTPASS:
        return Optional.of(CLIENT);
      default:
        return Optional.empty();
    }
  }

  /** What we write in our own {@code a=setup} once the role is fixed. */
  public DtlsSetup localSetup() {
    return this == CLIENT ? DtlsSetup.ACTIVE : DtlsSetup.PASSIVE;
  }
}
