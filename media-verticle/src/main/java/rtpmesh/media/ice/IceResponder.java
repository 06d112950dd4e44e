package rtpmesh.media.ice;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import rtpmesh.media.stun.MessageIntegrity;
import rtpmesh.media.stun.Stun;
import rtpmesh.media.stun.StunAttribute;
import rtpmesh.media.stun.StunError;
import rtpmesh.media.stun.StunMessage;
import rtpmesh.media.stun.StunWriter;

/**
 * Authenticates incoming Binding requests with the short-term credential of RFC 8445 §7.3 and
 * writes the answers: a success response with XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY (local
 * password) and FINGERPRINT (§7.3.1), or the error response of an {@link IceError}. Holds no
 * call state; role and nomination are the {@link IceAgent}'s business. Owned by one event loop.
 */
public final class IceResponder {
  private final byte[] localKey;
  private final byte[] usernamePrefix;
  private final MessageIntegrity integrity;
  private final StunWriter writer;
  private byte[] expectedUsername;

  public IceResponder(IceCredentials local, MessageIntegrity integrity) {
    this.localKey = MessageIntegrity.shortTermKey(local.pwd());
    this.usernamePrefix = (local.ufrag() + ":").getBytes(StandardCharsets.UTF_8);
    this.integrity = integrity;
    this.writer = new StunWriter(integrity);
  }

  /**
   * Sets the peer's ufrag; until then only the "localUfrag:" half of USERNAME is checked, since
   * checks may arrive before the answer carrying the peer's credentials (RFC 8445 §7.3).
   */
  public void remoteUfrag(String ufrag) {
    expectedUsername = ufrag == null
        ? null
        : (new String(usernamePrefix, StandardCharsets.UTF_8) + ufrag).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Checks a decoded Binding request in RFC 5389 §7.3 order (fingerprint, authentication, then
   * unknown attributes); null when it may be answered with success.
   */
  public IceError check(StunMessage request) {
    if (request.verifyFingerprint(false) != StunError.NONE) {
      return IceError.BAD_FINGERPRINT;
    }
    if (!request.has(StunAttribute.USERNAME) || request.integrityAttribute() < 0) {
      return IceError.MISSING_CREDENTIALS;
    }
    if (expectedUsername != null
        ? !request.usernameEquals(expectedUsername)
        : !request.usernameStartsWith(usernamePrefix)) {
      return IceError.BAD_USERNAME;
    }
    if (request.verify(integrity, localKey) != StunError.NONE) {
      return IceError.BAD_INTEGRITY;
    }
    return request.unknownRequiredCount() > 0 ? IceError.UNKNOWN_ATTRIBUTE : null;
  }

  /** RFC 8445 §7.3.1: a Binding success response telling the sender its address as we see it. */
  public void writeSuccess(StunMessage request, InetSocketAddress from, ByteBuf out) {
    writer.startResponse(out, Stun.BINDING_SUCCESS, request)
        .xorMappedAddress(from)
        .messageIntegrity(localKey)
        .fingerprint();
  }

  /** The error response for {@code error}, which must have a {@link IceError#reply()}. */
  public void writeError(StunMessage request, IceError error, ByteBuf out) {
    writer.startResponse(out, Stun.BINDING_ERROR, request).errorCode(error.reply());
    if (error == IceError.UNKNOWN_ATTRIBUTE) {
      int[] types = new int[request.unknownRequiredCount()];
      for (int i = 0; i < types.length; i++) {
        types[i] = request.unknownRequired(i);
      }
      writer.unknownAttributes(types, types.length);
    }
    if (error.authenticated()) {
      writer.messageIntegrity(localKey);
    }
    writer.fingerprint();
  }
}
