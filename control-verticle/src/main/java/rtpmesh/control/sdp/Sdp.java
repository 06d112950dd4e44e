package rtpmesh.control.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * An SDP session description (RFC 8866) as a list of session-level lines and media descriptions.
 * {@link #parse} then {@link #toString} gives back the input byte for byte when the input used one
 * line ending throughout (the writer uses the first line ending it saw). Pure: no call model here.
 */
public final class Sdp {
  public final List<SdpLine> session;
  public final List<MediaDescription> media;
  public String eol;

  public Sdp(List<SdpLine> session, List<MediaDescription> media, String eol) {
    this.session = new ArrayList<>(session);
    this.media = new ArrayList<>(media);
    this.eol = eol;
  }

  public static Sdp parse(String text) throws SdpException {
    if (text == null || text.isBlank()) throw new SdpException("empty SDP");
    String eol = text.contains("\r\n") ? "\r\n" : "\n";
    List<SdpLine> session = new ArrayList<>();
    List<MediaDescription> media = new ArrayList<>();
    MediaDescription current = null;
    int lineNo = 0;
    for (String raw : text.split("\r?\n", -1)) {
      lineNo++;
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      if (line.isEmpty()) continue;
      if (line.length() < 2 || line.charAt(1) != '=' || !Character.isLetter(line.charAt(0))) {
        throw new SdpException("line " + lineNo + " is not <type>=<value>: '" + abbreviate(line) + "'");
      }
      char type = line.charAt(0);
      String value = line.substring(2);
      if (type == 'm') {
        current = MediaDescription.parseMLine(value);
        media.add(current);
      } else if (current == null) {
        session.add(new SdpLine(type, value));
      } else {
        current.lines.add(new SdpLine(type, value));
      }
    }
    if (session.isEmpty() || session.get(0).type() != 'v') throw new SdpException("SDP does not start with v=");
    Sdp sdp = new Sdp(session, media, eol);
    sdp.validateConnections();
    return sdp;
  }

  private void validateConnections() throws SdpException {
    for (SdpLine l : session) if (l.type() == 'c') Connection.parse(l.value());
    for (MediaDescription m : media) for (SdpLine l : m.lines) if (l.type() == 'c') Connection.parse(l.value());
    for (SdpLine l : session) if (l.type() == 'o') Origin.parse(l.value());
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  public Sdp copy() {
    List<MediaDescription> m = new ArrayList<>();
    for (MediaDescription d : media) m.add(d.copy());
    return new Sdp(session, m, eol);
  }

  public SdpLine sessionLine(char type) {
    for (SdpLine l : session) if (l.type() == type) return l;
    return null;
  }

  public SdpLine sessionAttr(String name) {
    for (SdpLine l : session) if (l.isAttr(name)) return l;
    return null;
  }

  /** The connection that applies to a media description: its own c= or the session's. */
  public Connection connectionOf(MediaDescription m) {
    SdpLine c = m.first('c');
    if (c == null) c = sessionLine('c');
    if (c == null) return null;
    try {
      return Connection.parse(c.value());
    } catch (SdpException e) {
      return null; // validated in parse()
    }
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(512);
    for (SdpLine l : session) b.append(l.type()).append('=').append(l.value()).append(eol);
    for (MediaDescription m : media) {
      b.append("m=").append(m.mLine()).append(eol);
      for (SdpLine l : m.lines) b.append(l.type()).append('=').append(l.value()).append(eol);
    }
    return b.toString();
  }
}
