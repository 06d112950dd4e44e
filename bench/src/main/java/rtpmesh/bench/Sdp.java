package rtpmesh.bench;

import java.net.InetSocketAddress;

/** The SDP a plain G.711 phone sends, and the media address read back from a relay's SDP. */
final class Sdp {
  private Sdp() {}

  static String phone(String address, int port, long sessionId) {
    return "v=0\r\n"
        + "o=- " + sessionId + " 1 IN IP4 " + address + "\r\n"
        + "s=-\r\n"
        + "c=IN IP4 " + address + "\r\n"
        + "t=0 0\r\n"
        + "m=audio " + port + " RTP/AVP 0 101\r\n"
        + "a=rtpmap:0 PCMU/8000\r\n"
        + "a=rtpmap:101 telephone-event/8000\r\n"
        + "a=fmtp:101 0-16\r\n"
        + "a=ptime:20\r\n"
        + "a=sendrecv\r\n";
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
