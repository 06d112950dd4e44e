package rtpmesh.control.ng;

import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;

/**
 * What every ng transport hands a message to. {@code payload} is the message without its cookie
 * (a bencode or JSON dictionary, possibly malformed); the reply is the encoded dictionary, in the
 * request's encoding, without cookie. Never fails: bad input becomes a {@code result: error} reply.
 */
public interface NgHandler {
  Future<byte[]> handle(byte[] payload, SocketAddress from);
}
