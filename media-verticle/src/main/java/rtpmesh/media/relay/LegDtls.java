package rtpmesh.media.relay;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.function.BiConsumer;
import rtpmesh.media.dtls.DtlsEndpoint;
import rtpmesh.media.dtls.DtlsParams;
import rtpmesh.media.dtls.DtlsResult;
import rtpmesh.media.dtls.DtlsRole;

/**
 * DTLS-SRTP (RFC 5764) towards one leg's party, over the leg's RTP socket: one
 * {@link DtlsEndpoint} started when it can be (a server listens at once, a client waits until the
 * party's address is known) and the keys it exported once connected.
 *
 * <p>Owned by one event loop; holds no lock. Results arrive on that loop.
 */
final class LegDtls {
  private final DtlsSettings settings;
  private final DtlsEndpoint endpoint;
  private SrtpKeys keys;

  LegDtls(DtlsSettings settings, WebRtcSupport shared, DtlsEndpoint.DatagramSink sink,
          BiConsumer<LegDtls, DtlsResult> listener) {
    this.settings = settings;
    DtlsParams params = DtlsParams.of(settings.role(), List.of(settings.remoteFingerprint()))
        .withProfiles(WebRtcSupport.PROFILES);
    this.endpoint = new DtlsEndpoint(shared.pool, shared.certificate, params, shared.loop, sink,
        result -> listener.accept(this, result)); // called later, on the loop, never from here
  }

  DtlsSettings settings() {
    return settings;
  }

  /** Starts listening (server) or the handshake (client, once {@code partyKnown}); once only. */
  void startIfReady(boolean partyKnown) {
    if (endpoint.state() == DtlsEndpoint.State.NEW && (settings.role() == DtlsRole.SERVER || partyKnown)) {
      endpoint.start();
    }
  }

  /** Takes a DTLS datagram from the party; always consumes and releases it. */
  void receive(ByteBuf datagram) {
    endpoint.receive(datagram);
  }

  /** Keeps the keys of a finished handshake; false when its profile maps to no SRTP suite we run. */
  boolean connected(DtlsResult.Connected result) {
    keys = SrtpKeys.fromDtls(result.keys());
    return keys != null;
  }

  /** The exported keys once connected, else null. */
  SrtpKeys keys() {
    return keys;
  }

  DtlsEndpoint.State state() {
    return endpoint.state();
  }

  /** close_notify if connected; abandons a running handshake. */
  void close() {
    endpoint.close();
  }
}
