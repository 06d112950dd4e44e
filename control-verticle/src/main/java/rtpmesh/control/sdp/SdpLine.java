package rtpmesh.control.sdp;

/**
 * One {@code <type>=<value>} line of an SDP body (RFC 8866 §5). For attributes, {@link #name()}
 * and {@link #attrValue()} split {@code a=name:value}.
 */
public record SdpLine(char type, String value) {

  public static SdpLine attr(String name, String value) {
    return new SdpLine('a', value == null ? name : name + ":" + value);
  }

  public boolean isAttr() {
    return type == 'a';
  }

  /** The attribute name ({@code rtpmap} of {@code a=rtpmap:0 PCMU/8000}); the whole value otherwise. */
  public String name() {
    int colon = value.indexOf(':');
    return colon < 0 ? value : value.substring(0, colon);
  }

  /** The attribute value after the first colon, or null for a property attribute. */
  public String attrValue() {
    int colon = value.indexOf(':');
    return colon < 0 ? null : value.substring(colon + 1);
  }

  public boolean isAttr(String attrName) {
    return type == 'a' && name().equalsIgnoreCase(attrName);
  }

  @Override
  public String toString() {
    return type + "=" + value;
  }
}
