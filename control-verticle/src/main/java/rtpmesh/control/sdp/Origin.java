package rtpmesh.control.sdp;

/** An {@code o=} value (RFC 8866 §5.2): username, session id, version, and the address. */
public record Origin(String username, String sessionId, String version, String netType, String addrType, String address) {

  public static Origin parse(String value) throws SdpException {
    String[] f = value.trim().split(" +");
    if (f.length != 6) throw new SdpException("o= needs 6 fields: '" + value + "'");
    return new Origin(f[0], f[1], f[2], f[3], f[4], f[5]);
  }

  public Origin withVersion(String v) {
    return new Origin(username, sessionId, v, netType, addrType, address);
  }

  public Origin withUsername(String u) {
    return new Origin(u, sessionId, version, netType, addrType, address);
  }

  public Origin withAddress(String addrType, String a) {
    return new Origin(username, sessionId, version, netType, addrType, a);
  }

  public String format() {
    return username + " " + sessionId + " " + version + " " + netType + " " + addrType + " " + address;
  }
}
