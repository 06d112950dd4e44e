package rtpmesh.media.srtp;

/**
 * The few RTP/RTCP header fields SRTP needs, read from a byte array at an offset (RFC 3550 §5.1,
 * §6.4.1). Kept here rather than borrowed from {@code rtpmesh.media.rtp} so this package depends
 * on nothing but the JDK and netty-buffer.
 */
final class RtpLayout {
  static final int RTP_FIXED_HEADER = 12;
  /** SRTCP leaves the first 8 bytes (V..length, sender SSRC) in the clear (RFC 3711 §3.4). */
  static final int RTCP_HEADER = 8;

  private RtpLayout() {}

  /**
   * Length of the RTP header including CSRCs and extension (RFC 3550 §5.3.1), or -1 when the
   * version is not 2 or the header does not fit in {@code len} bytes.
   */
  static int rtpHeaderLength(byte[] a, int off, int len) {
    if (len < RTP_FIXED_HEADER || (a[off] & 0xc0) != 0x80) {
      return -1;
    }
    int hdr = RTP_FIXED_HEADER + 4 * (a[off] & 0x0f);
    if ((a[off] & 0x10) != 0) {
      if (len < hdr + 4) {
        return -1;
      }
      hdr += 4 + 4 * u16(a, off + hdr + 2);
    }
    return hdr <= len ? hdr : -1;
  }

  static boolean isRtcpV2(byte[] a, int off) {
    return (a[off] & 0xc0) == 0x80;
  }

  static int sequence(byte[] a, int off) {
    return u16(a, off + 2);
  }

  static int rtpSsrc(byte[] a, int off) {
    return i32(a, off + 8);
  }

  static int rtcpSsrc(byte[] a, int off) {
    return i32(a, off + 4);
  }

  static int u16(byte[] a, int p) {
    return ((a[p] & 0xff) << 8) | (a[p + 1] & 0xff);
  }

  static int i32(byte[] a, int p) {
    return (a[p] << 24) | ((a[p + 1] & 0xff) << 16) | ((a[p + 2] & 0xff) << 8) | (a[p + 3] & 0xff);
  }

  static void putI32(byte[] a, int p, int v) {
    a[p] = (byte) (v >>> 24);
    a[p + 1] = (byte) (v >>> 16);
    a[p + 2] = (byte) (v >>> 8);
    a[p + 3] = (byte) v;
  }
}
