package rtpmesh.media.srtp;

/**
 * The cryptographic transform of one packet kind (SRTP or SRTCP) under one set of session keys,
 * chosen once when the context is built so the packet path makes one indirect call.
 *
 * <p>All methods work in place on {@code a[off, off + len)}; protect methods write their trailer
 * after it and the caller guarantees the room. They return the new packet length, or a negative
 * {@link SrtpStatus#code()}; they never throw on bad input. Index and SSRC come from the caller,
 * which owns ROC estimation and replay protection.
 */
interface PacketTransform {
  /** RFC 3711 §3.3 / RFC 7714 §7.1: header of {@code hdr} bytes stays clear; appends the tag. */
  int protectRtp(byte[] a, int off, int hdr, int len, int ssrc, long index);

  /** {@code len} includes the tag; returns the plain length or AUTH_FAIL, leaving a unchanged. */
  int unprotectRtp(byte[] a, int off, int hdr, int len, int ssrc, long index);

  /** RFC 3711 §3.4 / RFC 7714 §9: appends E-bit + SRTCP index and the tag (in suite order). */
  int protectRtcp(byte[] a, int off, int len, int ssrc, int srtcpIndex);

  /** Offset, from the packet start, of the E-bit + SRTCP index word in a protected packet. */
  int srtcpIndexOffset(int len);

  /** {@code eAndIndex} is the word at {@link #srtcpIndexOffset}; returns the plain length. */
  int unprotectRtcp(byte[] a, int off, int len, int ssrc, int eAndIndex);
}
