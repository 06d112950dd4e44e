package rtpmesh.media.ice;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Random;

/**
 * One SDP candidate attribute (RFC 8839 §5.1):
 *
 * <pre>
 * candidate:&lt;foundation&gt; &lt;component&gt; &lt;transport&gt; &lt;priority&gt; &lt;address&gt; &lt;port&gt; typ &lt;type&gt;
 *     [raddr &lt;address&gt;] [rport &lt;port&gt;] *(&lt;extension-name&gt; &lt;extension-value&gt;)
 * </pre>
 *
 * Unknown extensions ({@code generation 0 network-id 1 ...}) are kept verbatim in
 * {@code extensions} so a candidate writes back as it was read. {@code relatedPort} is -1 and
 * {@code relatedAddress} null when absent; {@code extensions} is empty when there are none.
 */
public record Candidate(
    String foundation,
    int component,
    String transport,
    long priority,
    String address,
    int port,
    CandidateType type,
    String relatedAddress,
    int relatedPort,
    String extensions) {

  public static final String ATTRIBUTE = "candidate:";
  public static final int MAX_LOCAL_PREFERENCE = 65535;
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /**
   * RFC 8445 §5.1.2.1: priority = 2^24 * type preference + 2^8 * local preference + (256 - component).
   * A host RTP candidate is 2130706431, a relay one 16777215.
   */
  public static long priority(CandidateType type, int localPreference, int component) {
    return ((long) type.typePreference() << 24) + ((long) localPreference << 8) + (256 - component);
  }

  /** A UDP candidate with the RFC 8445 priority for a single-homed host (local preference 65535). */
  public static Candidate of(
      String foundation, int component, CandidateType type, String address, int port) {
    return new Candidate(foundation, component, "UDP", priority(type, MAX_LOCAL_PREFERENCE, component),
        address, port, type, null, -1, "");
  }

  /** A 16-character foundation, the length rtpengine uses. */
  public static String randomFoundation(Random random) {
    char[] chars = new char[16];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = ALNUM.charAt(random.nextInt(ALNUM.length()));
    }
    return new String(chars);
  }

  /**
   * Parses the value of a candidate attribute, with or without the leading {@code a=} and
   * {@code candidate:}.
   *
   * @throws IllegalArgumentException naming the field that is wrong and what was found
   */
  public static Candidate parse(String line) {
    String s = line.strip();
    if (s.startsWith("a=")) {
      s = s.substring(2);
    }
    if (s.regionMatches(true, 0, ATTRIBUTE, 0, ATTRIBUTE.length())) {
      s = s.substring(ATTRIBUTE.length());
    }
    String[] t = s.split("\\s+");
    if (t.length < 8 || !t[6].equalsIgnoreCase("typ")) {
      throw new IllegalArgumentException(
          "candidate needs '<foundation> <component> <transport> <priority> <address> <port> typ <type>', got '"
              + line + "'");
    }
    CandidateType type = CandidateType.of(t[7]);
    if (type == null) {
      throw new IllegalArgumentException("candidate type must be host, srflx, prflx or relay, got " + t[7]);
    }
    String relatedAddress = null;
    int relatedPort = -1;
    int i = 8;
    for (; i + 1 < t.length; i += 2) {
      if (t[i].equalsIgnoreCase("raddr")) {
        relatedAddress = t[i + 1];
      } else if (t[i].equalsIgnoreCase("rport")) {
        relatedPort = number(t[i + 1], "rport", 0, 65535);
      } else {
        break;
      }
    }
    return new Candidate(t[0], number(t[1], "component", 1, 256), t[2],
        number(t[3], "priority", 1, 0xFFFFFFFFL), t[4], number(t[5], "port", 0, 65535), type,
        relatedAddress, relatedPort, String.join(" ", java.util.Arrays.copyOfRange(t, i, t.length)));
  }

  private static int number(String token, String field, int min, int max) {
    return (int) number(token, field, min, (long) max);
  }

  private static long number(String token, String field, long min, long max) {
    long value;
    try {
      value = Long.parseLong(token);
    } catch (NumberFormatException e) {
      value = Long.MIN_VALUE;
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + " must be " + min + ".." + max + ", got '" + token + "'");
    }
    return value;
  }

  /** The attribute value, starting with {@code candidate:}. */
  public String format() {
    StringBuilder b = new StringBuilder(96).append(ATTRIBUTE).append(foundation).append(' ')
        .append(component).append(' ').append(transport).append(' ').append(priority).append(' ')
        .append(address).append(' ').append(port).append(" typ ").append(type.sdpName());
    if (relatedAddress != null) {
      b.append(" raddr ").append(relatedAddress);
    }
    if (relatedPort >= 0) {
      b.append(" rport ").append(relatedPort);
    }
    if (!extensions.isEmpty()) {
      b.append(' ').append(extensions);
    }
    return b.toString();
  }

  /** The SDP line, {@code a=candidate:...}. */
  public String toSdpLine() {
    return "a=" + format();
  }

  public boolean isUdp() {
    return transport.equalsIgnoreCase("UDP");
  }

  /**
   * The address to send checks to, or null when it is not an IP literal (an mDNS {@code .local}
   * name, say): resolving a name here would block the event loop.
   */
  public InetSocketAddress socketAddress() {
    InetAddress ip = NetUtil.createInetAddressFromIpAddressString(address);
    return ip == null ? null : new InetSocketAddress(ip, port);
  }
}
