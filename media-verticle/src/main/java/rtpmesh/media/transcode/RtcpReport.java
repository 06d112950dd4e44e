package rtpmesh.media.transcode;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The RTCP a transcoded stream gets from us instead of the other party's (RFC 3550 §6.4.1 SR,
 * §6.5 SDES CNAME, as one compound packet): the other side's reports describe a stream that no
 * longer exists after transcoding, so forwarding them would mislead the receiver.
 */
final class RtcpReport {
  private RtcpReport() {}

  private static final byte[] CNAME = "rtpmesh".getBytes(StandardCharsets.US_ASCII);
  /** Seconds from 1900 (NTP) to 1970 (Unix). */
  private static final long NTP_EPOCH_OFFSET = 2208988800L;

  /** Bytes {@link #writeSr} writes. */
  static int length() {
    int sdes = 4 + 4 + 2 + CNAME.length + 1;
    return 28 + ((sdes + 3) & ~3);
  }

  static void writeSr(ByteBuf out, int ssrc, long nowMs, int rtpTs, long packets, long octets) {
    out.writeByte(0x80); // V=2, P=0, RC=0
    out.writeByte(200);
    out.writeShort(6);
    out.writeInt(ssrc);
    long secs = nowMs / 1000 + NTP_EPOCH_OFFSET;
    long frac = ((nowMs % 1000) << 32) / 1000;
    out.writeInt((int) secs);
    out.writeInt((int) frac);
    out.writeInt(rtpTs);
    out.writeInt((int) packets);
    out.writeInt((int) octets);
    int sdes = 4 + 4 + 2 + CNAME.length + 1;
    int padded = (sdes + 3) & ~3;
    out.writeByte(0x81); // V=2, SC=1
    out.writeByte(202);
    out.writeShort(padded / 4 - 1);
    out.writeInt(ssrc);
    out.writeByte(1); // CNAME
    out.writeByte(CNAME.length);
    out.writeBytes(CNAME);
    out.writeZero(padded - sdes + 1); // END item and padding to a 32-bit boundary
  }
}
