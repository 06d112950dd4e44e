package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import rtpmesh.control.ng.Bencode;

/**
 * A SIP proxy's side of ng over UDP: {@code cookie SP bencode-dict}, a fresh random cookie per
 * request, the reply matched by cookie. No retransmission: a request the node does not answer
 * within {@link #REPLY_MS} fails the test.
 */
final class NgClient implements AutoCloseable {
  /** rtpengine answers in well under a millisecond; this is for a loaded 2-core CI box. */
  static final int REPLY_MS = 3000;

  private final DatagramSocket socket;
  private final InetSocketAddress node;

  private NgClient(DatagramSocket socket, InetSocketAddress node) {
    this.socket = socket;
    this.node = node;
  }

  /** A client whose socket is bound to {@code localAddress} (another source address on loopback). */
  static NgClient openFrom(String localAddress, int ngPort) {
    try {
      return new NgClient(new DatagramSocket(new InetSocketAddress(localAddress, 0)),
          new InetSocketAddress(InetAddress.getLoopbackAddress(), ngPort));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static NgClient open(int ngPort) {
    try {
      return new NgClient(new DatagramSocket(new InetSocketAddress("127.0.0.1", 0)),
          new InetSocketAddress(InetAddress.getLoopbackAddress(), ngPort));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends a bencoded request and returns the decoded reply dictionary. */
  Map<String, Object> request(Map<String, Object> dict) {
    return decode(raw(Bencode.encode(dict)));
  }

  /** Sends {@code key, value, ...} as a dictionary. */
  Map<String, Object> request(Object... keyValues) {
    return request(dict(keyValues));
  }

  /** A request that must succeed: {@code result: ok}. */
  Map<String, Object> ok(Object... keyValues) {
    Map<String, Object> r = request(keyValues);
    assertEquals("ok", r.get("result"), () -> "reply to " + keyValues[1] + ": " + r);
    return r;
  }

  /** A request that must fail: returns the {@code error-reason}. */
  String error(Object... keyValues) {
    Map<String, Object> r = request(keyValues);
    return errorReason(r);
  }

  static String errorReason(Map<String, Object> reply) {
    assertEquals("error", reply.get("result"), () -> "expected an error, got " + reply);
    Object reason = reply.get("error-reason");
    assertTrue(reason instanceof String s && !s.isEmpty(), () -> "error without error-reason: " + reply);
    return (String) reason;
  }

  /** Sends {@code cookie SP payload} and returns the reply payload (after the cookie). */
  byte[] raw(byte[] payload) {
    String cookie = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    byte[] c = (cookie + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] msg = Arrays.copyOf(c, c.length + payload.length);
    System.arraycopy(payload, 0, msg, c.length, payload.length);
    send(msg);
    long deadline = System.currentTimeMillis() + REPLY_MS;
    while (true) {
      byte[] reply = receive((int) Math.max(1, deadline - System.currentTimeMillis()));
      if (reply == null) fail("no ng reply within " + REPLY_MS + " ms to " + preview(payload));
      // A late reply to an earlier request carries another cookie: skip it.
      if (reply.length >= c.length && Arrays.equals(Arrays.copyOf(reply, c.length), c)) {
        return Arrays.copyOfRange(reply, c.length, reply.length);
      }
    }
  }

  /** Sends a datagram as is (no cookie added) and returns whatever comes back within {@code ms}, or null. */
  byte[] sendRawAndListen(byte[] datagram, int ms) {
    send(datagram);
    return receive(ms);
  }

  static Map<String, Object> decode(byte[] reply) {
    try {
      Object v = Bencode.decode(reply);
      if (!(v instanceof Map<?, ?>)) fail("reply is not a dictionary: " + preview(reply));
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) v;
      return m;
    } catch (Bencode.DecodeException e) {
      throw new AssertionError("reply is not bencode: " + preview(reply), e);
    }
  }

  static Map<String, Object> dict(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
    return m;
  }

  private void send(byte[] datagram) {
    try {
      socket.send(new DatagramPacket(datagram, datagram.length, node));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] receive(int ms) {
    byte[] buf = new byte[65_536];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    try {
      socket.setSoTimeout(ms);
      socket.receive(p);
      return Arrays.copyOf(buf, p.getLength());
    } catch (SocketTimeoutException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String preview(byte[] b) {
    String s = new String(b, 0, Math.min(b.length, 120), StandardCharsets.ISO_8859_1);
    return b.length > 120 ? s + "... (" + b.length + " bytes)" : s;
  }

  @Override
  public void close() {
    socket.close();
  }

  /** Typed navigation in a reply: {@code path(reply, "tags", "abc", "medias", 0)}. */
  static Object path(Object root, Object... keys) {
    Object cur = root;
    for (Object k : keys) {
      if (k instanceof Integer i) {
        if (!(cur instanceof List<?> l) || l.size() <= i) return null;
        cur = l.get(i);
      } else {
        if (!(cur instanceof Map<?, ?> m)) return null;
        cur = m.get(k);
      }
    }
    return cur;
  }
}
