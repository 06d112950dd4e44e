/**
 * STUN (RFC 5389) messages as views over a {@code ByteBuf} ({@link rtpmesh.media.stun.StunMessage})
 * and an encoder ({@link rtpmesh.media.stun.StunWriter}), with the attributes ICE needs (RFC 8445
 * §16.1). Decoding never throws on bad input: it returns a {@link rtpmesh.media.stun.StunError}.
 */
package rtpmesh.media.stun;
