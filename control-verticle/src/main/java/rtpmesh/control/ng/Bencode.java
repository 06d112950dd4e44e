package rtpmesh.control.ng;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bencode as rtpengine's ng protocol uses it. Byte strings decode to {@link String} in ISO-8859-1,
 * one char per byte, so any bytes (UTF-8 SDP included) round-trip unchanged; integers to
 * {@link Long}; lists to {@link List}; dictionaries to insertion-ordered {@link Map}.
 *
 * <p>Written here rather than taken from a library: the ng dialect needs rtpengine's leniency (a
 * top-level dictionary missing its final {@code e}, trailing bytes after it) and a cheap
 * "where does this value end" for framing ng over TCP; the Java bencode libraries we looked at are
 * strict or decode strings to UTF-8, which is not binary-safe.
 */
public final class Bencode {
  private Bencode() {}

  /** Thrown for input that is not bencode; {@code truncated} when a value runs past the end. */
  public static final class DecodeException extends Exception {
    public final boolean truncated;

    DecodeException(String message, boolean truncated) {
      super(message, null, false, false);
      this.truncated = truncated;
    }
  }

  /** Decodes the first value of {@code data}; trailing bytes are ignored as rtpengine does. */
  public static Object decode(byte[] data) throws DecodeException {
    return new Reader(data, 0, data.length, true).value(0);
  }

  /**
   * Returns the index just past the complete value starting at {@code from}, or -1 if the value is
   * not complete yet (used to frame ng over TCP, which has no length prefix).
   */
  public static int end(byte[] data, int from, int to) throws DecodeException {
    Reader r = new Reader(data, from, to, false);
    try {
      r.value(0);
      return r.pos;
    } catch (DecodeException e) {
      if (e.truncated) return -1;
      throw e;
    }
  }

  public static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    write(out, value);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, Object v) {
    if (v instanceof String s) {
      byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
      out.writeBytes(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
      out.write(':');
      out.writeBytes(b);
    } else if (v instanceof byte[] b) {
      out.writeBytes(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
      out.write(':');
      out.writeBytes(b);
    } else if (v instanceof Number n) {
      out.write('i');
      out.writeBytes(Long.toString(n.longValue()).getBytes(StandardCharsets.US_ASCII));
      out.write('e');
    } else if (v instanceof Boolean b) {
      write(out, b ? 1L : 0L);
    } else if (v instanceof List<?> list) {
      out.write('l');
      for (Object o : list) write(out, o);
      out.write('e');
    } else if (v instanceof Map<?, ?> map) {
      // Insertion order, as rtpengine emits its replies; the SIP proxies do not require sorting.
      out.write('d');
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (e.getValue() == null) continue;
        write(out, String.valueOf(e.getKey()));
        write(out, e.getValue());
      }
      out.write('e');
    } else if (v == null) {
      write(out, "");
    } else {
      write(out, v.toString());
    }
  }

  private static final int MAX_DEPTH = 64;

  private static final class Reader {
    final byte[] d;
    final int end;
    final boolean lenientTopDict;
    int pos;

    Reader(byte[] d, int from, int to, boolean lenientTopDict) {
      this.d = d;
      this.pos = from;
      this.end = to;
      this.lenientTopDict = lenientTopDict;
    }

    Object value(int depth) throws DecodeException {
      if (depth > MAX_DEPTH) throw new DecodeException("nesting deeper than " + MAX_DEPTH, false);
      if (pos >= end) throw new DecodeException("unexpected end of input", true);
      byte c = d[pos];
      if (c == 'd') return dict(depth);
      if (c == 'l') return list(depth);
      if (c == 'i') return integer();
      if (c >= '0' && c <= '9') return string();
      throw new DecodeException("unexpected byte 0x" + Integer.toHexString(c & 0xff) + " at " + pos, false);
    }

    Map<String, Object> dict(int depth) throws DecodeException {
      pos++;
      Map<String, Object> m = new LinkedHashMap<>();
      while (true) {
        if (pos >= end) {
          // rtpengine accepts a top-level dictionary whose closing 'e' is missing.
          if (depth == 0 && lenientTopDict) return m;
          throw new DecodeException("dictionary not closed", true);
        }
        if (d[pos] == 'e') {
          pos++;
          return m;
        }
        if (d[pos] < '0' || d[pos] > '9') throw new DecodeException("dictionary key is not a string at " + pos, false);
        String key = string();
        m.put(key, value(depth + 1));
      }
    }

    List<Object> list(int depth) throws DecodeException {
      pos++;
      List<Object> l = new ArrayList<>();
      while (true) {
        if (pos >= end) throw new DecodeException("list not closed", true);
        if (d[pos] == 'e') {
          pos++;
          return l;
        }
        l.add(value(depth + 1));
      }
    }

    Long integer() throws DecodeException {
      int start = ++pos;
      while (pos < end && d[pos] != 'e') {
        if ((d[pos] < '0' || d[pos] > '9') && d[pos] != '-') throw new DecodeException("bad integer at " + pos, false);
        pos++;
      }
      if (pos >= end) throw new DecodeException("integer not closed", true);
      String s = new String(d, start, pos - start, StandardCharsets.US_ASCII);
      pos++;
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw new DecodeException("bad integer '" + s + "'", false);
      }
    }

    String string() throws DecodeException {
      long len = 0;
      while (pos < end && d[pos] != ':') {
        byte c = d[pos];
        if (c < '0' || c > '9') throw new DecodeException("bad string length at " + pos, false);
        len = len * 10 + (c - '0');
        if (len > Integer.MAX_VALUE) throw new DecodeException("string length overflow", false);
        pos++;
      }
      if (pos >= end) throw new DecodeException("string length not terminated", true);
      pos++;
      if (len > end - pos) throw new DecodeException("string of " + len + " bytes runs past the end", true);
      String s = new String(d, pos, (int) len, StandardCharsets.ISO_8859_1);
      pos += (int) len;
      return s;
    }
  }
}
