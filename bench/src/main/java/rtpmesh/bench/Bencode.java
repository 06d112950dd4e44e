package rtpmesh.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bencode subset ng uses: dictionaries, lists, integers and byte strings. Strings are decoded
 * as ISO-8859-1 so every byte survives; SDP is ASCII anyway. Not a general codec: just enough for
 * the load generator (rtpmesh's own codec lives in control-verticle, which bench does not depend on).
 */
final class Bencode {
  private Bencode() {}

  static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    write(out, value);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, Object v) {
    if (v instanceof String s) {
      byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
      out.writeBytes((b.length + ":").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(b);
    } else if (v instanceof Number n) {
      out.writeBytes(("i" + n.longValue() + "e").getBytes(StandardCharsets.US_ASCII));
    } else if (v instanceof List<?> l) {
      out.write('l');
      l.forEach(e -> write(out, e));
      out.write('e');
    } else if (v instanceof Map<?, ?> m) {
      out.write('d');
      m.forEach((k, e) -> {
        write(out, (String) k);
        write(out, e);
      });
      out.write('e');
    } else {
      throw new IllegalArgumentException("cannot bencode " + v);
    }
  }

  /** Decodes one value starting at {@code from}; throws IllegalArgumentException on bad input. */
  static Object decode(byte[] b, int from, int to) {
    int[] pos = {from};
    Object v = read(b, pos, to);
    return v;
  }

  private static Object read(byte[] b, int[] pos, int to) {
    if (pos[0] >= to) {
      throw new IllegalArgumentException("bencode: truncated at " + pos[0]);
    }
    byte c = b[pos[0]];
    switch (c) {
      case 'i': {
        int end = indexOf(b, 'e', pos[0] + 1, to);
        long n = Long.parseLong(new String(b, pos[0] + 1, end - pos[0] - 1, StandardCharsets.US_ASCII));
        pos[0] = end + 1;
        return n;
      }
      case 'l': {
        pos[0]++;
        List<Object> l = new ArrayList<>();
        while (pos[0] < to && b[pos[0]] != 'e') {
          l.add(read(b, pos, to));
        }
        pos[0]++;
        return l;
      }
      case 'd': {
        pos[0]++;
        Map<String, Object> m = new LinkedHashMap<>();
        while (pos[0] < to && b[pos[0]] != 'e') {
          String k = (String) read(b, pos, to);
          m.put(k, read(b, pos, to));
        }
        pos[0]++;
        return m;
      }
      default: {
        if (c < '0' || c > '9') {
          throw new IllegalArgumentException("bencode: unexpected '" + (char) c + "' at " + pos[0]);
        }
        int colon = indexOf(b, ':', pos[0], to);
        int len = Integer.parseInt(new String(b, pos[0], colon - pos[0], StandardCharsets.US_ASCII));
        if (colon + 1 + len > to) {
          throw new IllegalArgumentException("bencode: string of " + len + " bytes truncated");
        }
        String s = new String(b, colon + 1, len, StandardCharsets.ISO_8859_1);
        pos[0] = colon + 1 + len;
        return s;
      }
    }
  }

  private static int indexOf(byte[] b, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    throw new IllegalArgumentException("bencode: missing '" + c + "' after " + from);
  }
}
