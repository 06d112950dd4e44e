package rtpmesh.control.admin;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An integer argument read as C's {@code strtol} reads it, as rtpengine's CLI does: leading blanks,
 * a sign and digits; what follows the digits is ignored ({@code "12abc"} is 12).
 *
 * @param overflow the digits do not fit in a long ({@code ERANGE})
 */
record CliNumber(long value, boolean overflow) {
  private static final Pattern LEADING = Pattern.compile("^\\s*([+-]?\\d+)");

  /** The number, or null when there are no digits where it should start. */
  static CliNumber parse(String s) {
    Matcher m = LEADING.matcher(s);
    if (!m.find()) return null;
    BigInteger v = new BigInteger(m.group(1));
    if (v.bitLength() > 63) return new CliNumber(v.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE, true);
    return new CliNumber(v.longValue(), false);
  }
}
