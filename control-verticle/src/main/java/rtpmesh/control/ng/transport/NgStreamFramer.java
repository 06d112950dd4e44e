package rtpmesh.control.ng.transport;

import java.util.Arrays;
import java.util.function.Consumer;
import rtpmesh.control.ng.Bencode;

/**
 * Cuts a TCP byte stream into ng messages. rtpengine's {@code --listen-tcp-ng} has no length prefix:
 * a message is everything up to the first space (the cookie), the space, then exactly one bencode
 * value, found with {@link Bencode#end} (as rtpengine's {@code chunk_message} uses
 * {@code bencode_valid}). Partial data is buffered until the value is complete.
 *
 * <p>Not thread-safe: one per connection, used on its event loop.
 */
final class NgStreamFramer {
  /** Why a connection must be closed: its bytes cannot be framed. */
  static final class FramingException extends Exception {
    FramingException(String message) {
      super(message, null, false, false);
    }
  }

  private final int maxBuffered;
  private byte[] buf = new byte[4096];
  private int len;

  NgStreamFramer(int maxBuffered) {
    this.maxBuffered = maxBuffered;
  }

  /**
   * Appends {@code data} and hands each message it completed, {@code cookie SP value}, to
   * {@code onMessage}; the messages before a framing error are still delivered.
   */
  void feed(byte[] data, Consumer<byte[]> onMessage) throws FramingException {
    append(data);
    int start = 0;
    while (true) {
      int space = indexOf(buf, (byte) ' ', start, len);
      if (space < 0) break;
      int end;
      try {
        end = Bencode.end(buf, space + 1, len);
      } catch (Bencode.DecodeException e) {
        compact(start);
        throw new FramingException("not bencode after cookie: " + e.getMessage());
      }
      if (end < 0) break;
      byte[] message = Arrays.copyOfRange(buf, start, end);
      start = end;
      onMessage.accept(message);
    }
    compact(start);
    if (len > maxBuffered) {
      throw new FramingException(len + " bytes buffered without a complete message, limit " + maxBuffered);
    }
  }

  int buffered() {
    return len;
  }

  private void append(byte[] data) {
    if (len + data.length > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + data.length));
    }
    System.arraycopy(data, 0, buf, len, data.length);
    len += data.length;
  }

  private void compact(int consumed) {
    if (consumed == 0) return;
    System.arraycopy(buf, consumed, buf, 0, len - consumed);
    len -= consumed;
  }

  private static int indexOf(byte[] b, byte value, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == value) return i;
    }
    return -1;
  }
}
