package rtpmesh.media.dtls;

/**
 * What a {@link DtlsEndpoint} reports to its owner, on the owner's event loop. A stream gets at most
 * one {@link Connected} or {@link Failed}, possibly followed by one {@link Closed}.
 */
public sealed interface DtlsResult {

  /** The handshake finished and SRTP keys were exported. */
  record Connected(DtlsSrtpKeys keys, long handshakeNanos) implements DtlsResult {}

  /** The handshake or association failed; {@code detail} is for logs, never for the wire. */
  record Failed(DtlsError error, String detail) implements DtlsResult {}

  /** The association was closed: by the peer's close_notify, or by us ({@link DtlsEndpoint#close}). */
  record Closed(boolean byPeer) implements DtlsResult {}
}
