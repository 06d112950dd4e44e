package rtpmesh.node.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An ng client over UDP ({@code cookie SP bencode-dict}), as a SIP proxy talks to rtpengine. Its
 * bencode is written here, not borrowed from the code under test, so an encoder bug on either side
 * shows. Replies with another cookie (late answers to an earlier, timed-out request) are skipped.
 * Not thread-safe: one client per thread.
 */
final class NgClient implements AutoCloseable {
  /** Cookies are unique across clients: a node replays its cached reply to a repeated cookie. */
  private static final AtomicLong NEXT = new AtomicLong();
  private static final String RUN = Long.toString(System.nanoTime() & 0xffffff, 36);

  private final DatagramSocket socket;

  NgClient() throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  /** Sends {@code dict} to 127.0.0.1:{@code port}; the reply dict, or SocketTimeoutException. */
  Map<String, Object> command(int port, Map<String, Object> dict, int timeoutMs)
      throws IOException {
    String cookie = RUN + "_" + NEXT.incrementAndGet();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((cookie + " ").getBytes(StandardCharsets.US_ASCII));
    encode(dict, out);
    byte[] req = out.toByteArray();
    socket.send(new DatagramPacket(req, req.length, InetAddress.getLoopbackAddress(), port));
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    byte[] buf = new byte[65535];
    while (true) {
      int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
      if (deadline - System.nanoTime() <= 0) {
        throw new SocketTimeoutException("no ng reply from port " + port + " in " + timeoutMs
            + " ms to " + dict.get("command"));
      }
      socket.setSoTimeout(left);
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      socket.receive(p);
      byte[] reply = Arrays.copyOf(p.getData(), p.getLength());
      int sp = indexOf(reply, (byte) ' ');
      if (sp < 0 || !cookie.equals(new String(reply, 0, sp, StandardCharsets.US_ASCII))) {
        continue;
      }
      Object v = new Decoder(reply, sp + 1).value();
      if (!(v instanceof Map<?, ?>)) {
        throw new IOException("reply is not a dictionary: " + new String(reply, StandardCharsets.UTF_8));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) v;
      return m;
    }
  }

  /** A dict from alternating keys and values, in order. */
  static Map<String, Object> dict(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Override
  public void close() {
    socket.close();
  }

  private static int indexOf(byte[] b, byte x) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  // BEP 3 bencode: strings as UTF-8, dictionary keys sorted as raw strings.
  private static void encode(Object v, ByteArrayOutputStream out) {
    if (v instanceof String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeBytes((b.length + ":").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(b);
    } else if (v instanceof Number n) {
      out.writeBytes(("i" + n.longValue() + "e").getBytes(StandardCharsets.US_ASCII));
    } else if (v instanceof List<?> l) {
      out.write('l');
      l.forEach(e -> encode(e, out));
      out.write('e');
    } else if (v instanceof Map<?, ?> m) {
      out.write('d');
      new TreeMap<>(m).forEach((k, e) -> {
        encode(k, out);
        encode(e, out);
      });
      out.write('e');
    } else {
      throw new IllegalArgumentException("cannot bencode " + v);
    }
  }

  private static final class Decoder {
    private final byte[] b;
    private int i;

    Decoder(byte[] b, int start) {
      this.b = b;
      this.i = start;
    }

    Object value() throws IOException {
      if (i >= b.length) {
        throw new IOException("bencode truncated at " + i);
      }
      switch (b[i]) {
        case 'i' -> {
          int e = find('e');
          long n = Long.parseLong(new String(b, i + 1, e - i - 1, StandardCharsets.US_ASCII));
          i = e + 1;
          return n;
        }
        case 'l' -> {
          i++;
          List<Object> l = new ArrayList<>();
          while (b[i] != 'e') {
            l.add(value());
          }
          i++;
          return l;
        }
        case 'd' -> {
          i++;
          Map<String, Object> m = new LinkedHashMap<>();
          while (b[i] != 'e') {
            String k = (String) value();
            m.put(k, value());
          }
          i++;
          return m;
        }
        default -> {
          int colon = find(':');
          int len = Integer.parseInt(new String(b, i, colon - i, StandardCharsets.US_ASCII));
          String s = new String(b, colon + 1, len, StandardCharsets.UTF_8);
          i = colon + 1 + len;
          return s;
        }
      }
    }

    private int find(char c) throws IOException {
      for (int j = i; j < b.length; j++) {
        if (b[j] == c) {
          return j;
        }
      }
      throw new IOException("bencode: no '" + c + "' after " + i);
    }
  }
}
