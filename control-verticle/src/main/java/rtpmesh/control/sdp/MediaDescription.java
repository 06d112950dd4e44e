package rtpmesh.control.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * One media description: the {@code m=} line (RFC 8866 §5.14) and the lines below it up to the next
 * {@code m=}. Mutable; the offer/answer code edits a copy.
 */
public final class MediaDescription {
  public String type;
  public int port;
  /** The {@code /<number of ports>} of the m= line, or 0 when absent. */
  public int portCount;
  public String proto;
  public List<String> formats;
  public final List<SdpLine> lines;

  public MediaDescription(String type, int port, int portCount, String proto, List<String> formats, List<SdpLine> lines) {
    this.type = type;
    this.port = port;
    this.portCount = portCount;
    this.proto = proto;
    this.formats = new ArrayList<>(formats);
    this.lines = new ArrayList<>(lines);
  }

  static MediaDescription parseMLine(String value) throws SdpException {
    String[] f = value.trim().split(" +");
    if (f.length < 3) throw new SdpException("m= line needs media, port and proto: '" + value + "'");
    String portField = f[1];
    int count = 0;
    int slash = portField.indexOf('/');
    if (slash >= 0) {
      count = parsePort(portField.substring(slash + 1), value);
      portField = portField.substring(0, slash);
    }
    int port = parsePort(portField, value);
    List<String> fmts = new ArrayList<>();
    for (int i = 3; i < f.length; i++) fmts.add(f[i]);
    return new MediaDescription(f[0], port, count, f[2], fmts, List.of());
  }

  private static int parsePort(String s, String line) throws SdpException {
    if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
      throw new SdpException("m= port is not a number: '" + line + "'");
    }
    int p = Integer.parseInt(s);
    if (p > 65535) throw new SdpException("m= port out of range: '" + line + "'");
    return p;
  }

  public MediaDescription copy() {
    return new MediaDescription(type, port, portCount, proto, formats, lines);
  }

  public String mLine() {
    StringBuilder b = new StringBuilder();
    b.append(type).append(' ').append(port);
    if (portCount > 0) b.append('/').append(portCount);
    b.append(' ').append(proto);
    for (String f : formats) b.append(' ').append(f);
    return b.toString();
  }

  public SdpLine first(char type) {
    for (SdpLine l : lines) if (l.type() == type) return l;
    return null;
  }

  public SdpLine attr(String name) {
    for (SdpLine l : lines) if (l.isAttr(name)) return l;
    return null;
  }

  public List<SdpLine> attrs(String name) {
    List<SdpLine> out = new ArrayList<>();
    for (SdpLine l : lines) if (l.isAttr(name)) out.add(l);
    return out;
  }

  public boolean hasAttr(String name) {
    return attr(name) != null;
  }

  public void removeAttrs(String name) {
    lines.removeIf(l -> l.isAttr(name));
  }
}
