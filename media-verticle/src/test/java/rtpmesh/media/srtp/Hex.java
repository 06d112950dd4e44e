package rtpmesh.media.srtp;

import java.util.HexFormat;

/** Hex text (whitespace ignored) to bytes and back, for vectors copied from the RFCs. */
final class Hex {
  private Hex() {}

  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
  }

  static String of(byte[] b, int off, int len) {
    return HexFormat.of().formatHex(b, off, off + len);
  }

  static String of(byte[] b) {
    return of(b, 0, b.length);
  }
}
