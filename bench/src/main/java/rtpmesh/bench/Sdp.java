package rtpmesh.bench;

import java.net.InetSocketAddress;
import rtpmesh.media.srtp.CryptoAttribute;

/** The SDP a plain G.711 phone sends, and the media address read back from a relay's SDP. */
final class Sdp {
  private Sdp() {}

  static String phone(String address, int port, long sessionId) {
    return phone(address, port, sessionId, null);
  }

  /** With {@code crypto}, an SDES-SRTP phone: RTP/SAVP and that a=crypto line (RFC 4568). */
  static String phone(String address, int port, long sessionId, CryptoAttribute crypto) {
    return "v=0\r\n"
        + "o=- " + sessionId + " 1 IN IP4 " + address + "\r\n"
        + "s=-\r\n"
        + "c=IN IP4 " + address + "\r\n"
        + "t=0 0\r\n"
        + "m=audio " + port + (crypto == null ? " RTP/AVP" : " RTP/SAVP") + " 0 101\r\n"
        + "a=rtpmap:0 PCMU/8000\r\n"
        + "a=rtpmap:101 telephone-event/8000\r\n"
        + "a=fmtp:101 0-16\r\n"
        + "a=ptime:20\r\n"
        + "a=sendrecv\r\n"
        + (crypto == null ? "" : crypto.format() + "\r\n");
  }

  /** The transport profile of the first m= line, e.g. RTP/AVP. */
  static String profile(String sdp) {
    for (String line : sdp.split("\r?\n")) {
      if (line.startsWith("m=")) {
        String[] f = line.split(" ");
        return f.length > 2 ? f[2] : "";
      }
    }
    throw new IllegalArgumentException("no m= line in SDP:\n" + sdp);
  }

  /**
   * The first m= line's profile and first a=crypto line, which must be RTP/SAVP with a suite we
   * offered; throws otherwise (a relay that answered an SRTP phone with plain RTP).
   */
  static CryptoAttribute answeredCrypto(String sdp, CryptoAttribute offered) {
    boolean inMedia = false;
    for (String line : sdp.split("\r?\n")) {
      if (line.startsWith("m=")) {
        if (inMedia) {
          break;
        }
        inMedia = true;
        if (!line.split(" ")[2].equals("RTP/SAVP")) {
          throw new IllegalArgumentException("relay answered an SRTP phone with " + line);
        }
      } else if (inMedia && line.startsWith("a=crypto:")) {
        CryptoAttribute c = CryptoAttribute.parse(line);
        if (c.suite() != offered.suite()) {
          throw new IllegalArgumentException("relay answered suite " + c.suite() + ", offered " + offered.suite());
        }
        return c;
      }
    }
    throw new IllegalArgumentException("no a=crypto in the relay's SDP:\n" + sdp);
  }

  /**
   * The RTP address of the first m= line: its port, and the media-level c= if present, else the
   * session-level one. Throws if either is missing.
   */
  static InetSocketAddress mediaAddress(String sdp) {
    String addr = null;
    int port = -1;
    for (String line : sdp.split("\r?\n")) {
      if (line.startsWith("m=")) {
        if (port >= 0) {
          break;
        }
        port = Integer.parseInt(line.split(" ")[1]);
      } else if (line.startsWith("c=")) {
        addr = line.substring(line.lastIndexOf(' ') + 1).trim();
      }
    }
    if (addr == null || port <= 0) {
      throw new IllegalArgumentException("no media address in SDP:\n" + sdp);
    }
    return new InetSocketAddress(addr, port);
  }
}
