package rtpmesh.media.srtp;

import io.netty.buffer.ByteBuf;

/**
 * SRTP and SRTCP for one direction of one stream (RFC 3711, RFC 6188, RFC 7714): use an instance
 * either to protect (sender) or to unprotect (receiver), never both. Per-SSRC state (ROC, replay
 * window, SRTCP index) is created on the first protected or authenticated packet of an SSRC, so
 * one context serves every SSRC the stream carries.
 *
 * <p>Owned by one event loop, not thread-safe: it reuses its Cipher, Mac and scratch arrays.
 *
 * <p>Packets are processed in place. The {@link ByteBuf} methods take the readable bytes as the
 * packet and move {@code writerIndex} to the new end; on any status but OK both indexes and the
 * content are left as they were and the packet must be dropped. {@link #protect} and {@link
 * #protectRtcp} need {@link SrtpSuite#rtpTrailerLength()} / {@link SrtpSuite#rtcpTrailerLength()}
 * writable bytes after the packet (the caller reserves them, as receive buffers should); without
 * them the result is NO_TAILROOM, the buffer is not grown. Heap buffers are worked on through
 * their array; direct buffers through a scratch copy (two copies of the packet).
 *
 * <p>No MKI is sent or expected; key derivation rate 0 only.
 */
public final class SrtpContext {
  private static final int RTP_PROTECT = 0;
  private static final int RTP_UNPROTECT = 1;
  private static final int RTCP_PROTECT = 2;
  private static final int RTCP_UNPROTECT = 3;

  private final SrtpSuite suite;
  private final PacketTransform rtp;
  private final PacketTransform rtcp;
  private final SsrcTable rtpStreams = new SsrcTable();
  private final SsrcTable rtcpStreams = new SsrcTable();
  private byte[] scratch = new byte[1500];
  private int rollovers;

  SrtpContext(SrtpSuite suite, SessionKeys rtpKeys, SessionKeys rtcpKeys) {
    if (!suite.isSupported()) {
      throw new IllegalArgumentException(suite + " is not supported");
    }
    this.suite = suite;
    if (suite.isAead()) {
      this.rtp = new AesGcmTransform(rtpKeys);
      this.rtcp = new AesGcmTransform(rtcpKeys);
    } else {
      this.rtp = new AesCmHmacTransform(rtpKeys, suite.rtpTagLength());
      this.rtcp = new AesCmHmacTransform(rtcpKeys, suite.rtcpTagLength());
    }
  }

  /** A context keyed by a master key and salt, e.g. from an SDES inline key or DTLS-SRTP. */
  public static SrtpContext create(SrtpSuite suite, byte[] masterKey, byte[] masterSalt) {
    return new SrtpContext(
        suite,
        KeyDerivation.srtp(suite, masterKey, masterSalt),
        KeyDerivation.srtcp(suite, masterKey, masterSalt));
  }

  /**
   * A context keyed by an {@code a=crypto} line's first inline key. Throws IllegalArgumentException
   * for a key with an MKI, which this context would neither send nor expect.
   */
  public static SrtpContext create(CryptoAttribute crypto) {
    SdesKey key = crypto.keys().get(0);
    if (key.mkiLength() != 0) {
      throw new IllegalArgumentException("MKI is not supported, got MKI length " + key.mkiLength());
    }
    return create(crypto.suite(), key.masterKey(), key.masterSalt());
  }

  public SrtpSuite suite() {
    return suite;
  }

  /** Protects the readable RTP packet in place, appending the tag (RFC 3711 §3.3). */
  public SrtpStatus protect(ByteBuf rtpPacket) {
    return run(rtpPacket, RTP_PROTECT, suite.rtpTrailerLength());
  }

  /** Verifies and decrypts the readable SRTP packet in place, removing the tag. */
  public SrtpStatus unprotect(ByteBuf srtpPacket) {
    return run(srtpPacket, RTP_UNPROTECT, 0);
  }

  /** Protects the readable (compound) RTCP packet, appending E + SRTCP index and tag (§3.4). */
  public SrtpStatus protectRtcp(ByteBuf rtcpPacket) {
    return run(rtcpPacket, RTCP_PROTECT, suite.rtcpTrailerLength());
  }

  /** Verifies and decrypts the readable SRTCP packet, removing index and tag. */
  public SrtpStatus unprotectRtcp(ByteBuf srtcpPacket) {
    return run(srtcpPacket, RTCP_UNPROTECT, 0);
  }

  /**
   * Protects {@code a[off, off+len)}; {@code a} must hold the trailer after it. Returns the new
   * length, or a negative {@link SrtpStatus#code()} with {@code a} unchanged.
   */
  public int protect(byte[] a, int off, int len) {
    return a.length - off - len < suite.rtpTrailerLength()
        ? SrtpStatus.NO_TAILROOM.code()
        : protectRtp(a, off, len);
  }

  /** Unprotects {@code a[off, off+len)}; returns the plain length or a negative status code. */
  public int unprotect(byte[] a, int off, int len) {
    return unprotectRtp(a, off, len);
  }

  /** As {@link #protect(byte[], int, int)} for RTCP. */
  public int protectRtcp(byte[] a, int off, int len) {
    return a.length - off - len < suite.rtcpTrailerLength()
        ? SrtpStatus.NO_TAILROOM.code()
        : protectRtcpArray(a, off, len);
  }

  /** As {@link #unprotect(byte[], int, int)} for SRTCP. */
  public int unprotectRtcp(byte[] a, int off, int len) {
    return unprotectRtcpArray(a, off, len);
  }

  /** The ROC of {@code ssrc} (RFC 3711 §3.2.1), 0 before its first packet. */
  public int roc(int ssrc) {
    StreamState s = rtpStreams.get(ssrc);
    return s == null ? 0 : s.roc();
  }

  /**
   * How many times an RTP stream's ROC rolled over so far: the packet path compares it after each
   * packet to learn, at the cost of one int compare, that a ROC moved (and so goes to the record).
   */
  public int rollovers() {
    return rollovers;
  }

  /** Sets the ROC of {@code ssrc}, e.g. when a node takes over the stream from the call record. */
  public void setRoc(int ssrc, int roc) {
    rtpStreams.getOrCreate(ssrc).setRoc(roc);
  }

  /** The SRTCP index the next protected RTCP packet of {@code ssrc} will carry. */
  public int nextSrtcpIndex(int ssrc) {
    StreamState s = rtcpStreams.get(ssrc);
    return s == null ? 0 : s.nextSrtcpIndex();
  }

  /** Continues the SRTCP index of {@code ssrc} (never reuse one: it is part of the IV). */
  public void setNextSrtcpIndex(int ssrc, int index) {
    rtcpStreams.getOrCreate(ssrc).setNextSrtcpIndex(index);
  }

  private SrtpStatus run(ByteBuf buf, int op, int trailer) {
    int start = buf.readerIndex();
    int len = buf.readableBytes();
    if (buf.writableBytes() < trailer) {
      return SrtpStatus.NO_TAILROOM;
    }
    boolean direct = !buf.hasArray();
    byte[] a;
    int off;
    if (direct) {
      a = scratch(len + trailer);
      off = 0;
      buf.getBytes(start, a, 0, len);
    } else {
      a = buf.array();
      off = buf.arrayOffset() + start;
    }
    int result = apply(op, a, off, len);
    if (result < 0) {
      return SrtpStatus.ofCode(result);
    }
    if (direct) {
      buf.setBytes(start, a, 0, result);
    }
    buf.writerIndex(start + result);
    return SrtpStatus.OK;
  }

  private int apply(int op, byte[] a, int off, int len) {
    switch (op) {
      case RTP_PROTECT:
        return protectRtp(a, off, len);
      case RTP_UNPROTECT:
        return unprotectRtp(a, off, len);
      case RTCP_PROTECT:
        return protectRtcpArray(a, off, len);
      default:
        return unprotectRtcpArray(a, off, len);
    }
  }

  private int protectRtp(byte[] a, int off, int len) {
    int hdr = RtpLayout.rtpHeaderLength(a, off, len);
    if (hdr < 0) {
      return (len < RtpLayout.RTP_FIXED_HEADER ? SrtpStatus.TOO_SHORT : SrtpStatus.BAD_HEADER).code();
    }
    StreamState s = rtpStreams.getOrCreate(RtpLayout.rtpSsrc(a, off));
    long index = s.estimateIndex(RtpLayout.sequence(a, off));
    // Never encrypt two packets under one index: a keystream (or GCM nonce) reused is broken.
    if (s.isReplay(index)) {
      return SrtpStatus.REPLAY.code();
    }
    int result = rtp.protectRtp(a, off, hdr, len, s.ssrc, index);
    if (result >= 0 && s.accept(index)) {
      rollovers++;
    }
    return result;
  }

  private int unprotectRtp(byte[] a, int off, int len) {
    int plain = len - suite.rtpTagLength();
    if (plain < RtpLayout.RTP_FIXED_HEADER) {
      return SrtpStatus.TOO_SHORT.code();
    }
    int hdr = RtpLayout.rtpHeaderLength(a, off, plain);
    if (hdr < 0) {
      return SrtpStatus.BAD_HEADER.code();
    }
    int ssrc = RtpLayout.rtpSsrc(a, off);
    int seq = RtpLayout.sequence(a, off);
    StreamState s = rtpStreams.get(ssrc);
    long index = s != null ? s.estimateIndex(seq) : seq; // unknown SSRC: ROC 0
    if (s != null && s.isReplay(index)) {
      return SrtpStatus.REPLAY.code();
    }
    int result = rtp.unprotectRtp(a, off, hdr, len, ssrc, index);
    if (result >= 0 && (s != null ? s : rtpStreams.getOrCreate(ssrc)).accept(index)) {
      rollovers++;
    }
    return result;
  }

  private int protectRtcpArray(byte[] a, int off, int len) {
    if (len < RtpLayout.RTCP_HEADER) {
      return SrtpStatus.TOO_SHORT.code();
    }
    if (!RtpLayout.isRtcpV2(a, off)) {
      return SrtpStatus.BAD_HEADER.code();
    }
    StreamState s = rtcpStreams.getOrCreate(RtpLayout.rtcpSsrc(a, off));
    int index = s.takeSrtcpIndex();
    return rtcp.protectRtcp(a, off, len, s.ssrc, index);
  }

  private int unprotectRtcpArray(byte[] a, int off, int len) {
    if (len < RtpLayout.RTCP_HEADER + suite.rtcpTrailerLength()) {
      return SrtpStatus.TOO_SHORT.code();
    }
    if (!RtpLayout.isRtcpV2(a, off)) {
      return SrtpStatus.BAD_HEADER.code();
    }
    int ssrc = RtpLayout.rtcpSsrc(a, off);
    int word = RtpLayout.i32(a, off + rtcp.srtcpIndexOffset(len));
    long index = word & 0x7fff_ffffL;
    StreamState s = rtcpStreams.get(ssrc);
    if (s != null && s.isReplay(index)) {
      return SrtpStatus.REPLAY.code();
    }
    int result = rtcp.unprotectRtcp(a, off, len, ssrc, word);
    if (result >= 0) {
      (s != null ? s : rtcpStreams.getOrCreate(ssrc)).accept(index);
    }
    return result;
  }

  private byte[] scratch(int n) {
    if (scratch.length < n) {
      scratch = new byte[Math.max(n, 2 * scratch.length)];
    }
    return scratch;
  }
}
