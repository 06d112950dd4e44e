package rtpmesh.recording;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Recording file names: the {@code recording-pattern} expansion and what a file name may contain. */
final class FileNames {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private FileNames() {}

  /** The default pattern: call-id and 16 random hex digits, as rtpengine names its pcaps. */
  static final String DEFAULT_PATTERN = "%c-%r";

  /**
   * {@code %c} call-id, {@code %r} 16 random hex digits, {@code %t} start time (UTC,
   * yyyyMMddHHmmss), {@code %n} node id, {@code %%} a percent sign; the result is made safe for a file name.
   */
  static String expand(String pattern, String callId, String nodeId, long nowMs) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char ch = pattern.charAt(i);
      if (ch != '%' || i + 1 == pattern.length()) {
        sb.append(ch);
        continue;
      }
      char f = pattern.charAt(++i);
      switch (f) {
        case 'c' -> sb.append(callId);
        case 'r' -> sb.append(String.format("%016x", ThreadLocalRandom.current().nextLong()));
        case 't' -> sb.append(TIME.format(Instant.ofEpochMilli(nowMs)));
        case 'n' -> sb.append(nodeId);
        case '%' -> sb.append('%');
        default -> sb.append('%').append(f);
      }
    }
    return safe(sb.toString());
  }

  /** Keeps letters, digits, '.', '-', '_', '@', '+'; anything else (a '/' above all) becomes '_'. */
  static String safe(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
          || ch == '.' || ch == '-' || ch == '_' || ch == '@' || ch == '+';
      sb.append(ok ? ch : '_');
    }
    String out = sb.toString();
    return out.isEmpty() || out.startsWith(".") ? "_" + out : out;
  }
}
