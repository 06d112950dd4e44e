package rtpmesh.media;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

/**
 * Seeded garbage for media ports: random bytes and damaged RTP, RTCP, STUN and DTLS (truncated,
 * lengths that overrun, odd counts). {@code -Dfuzz.seed=N} replays a run, {@code -Dfuzz.iterations=N}
 * runs longer.
 */
final class PacketFuzz {
  static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());

  static int iterations(int dflt) {
    return Integer.getInteger("fuzz.iterations", dflt);
  }

  enum Kind { RANDOM, RTP, RTCP, STUN, DTLS, EMPTY }

  final Random rnd;

  PacketFuzz(long seed) {
    rnd = new Random(seed);
  }

  Kind kind() {
    Kind[] k = Kind.values();
    return k[rnd.nextInt(k.length)];
  }

  byte[] packet(Kind kind) {
    byte[] p = switch (kind) {
      case RANDOM -> random(rnd.nextInt(1500));
      case RTP -> rtp();
      case RTCP -> rtcp();
      case STUN -> stun();
      case DTLS -> dtls();
      case EMPTY -> new byte[0];
    };
    if (p.length > 0 && rnd.nextInt(3) == 0) p = Arrays.copyOf(p, rnd.nextInt(p.length)); // truncated
    if (p.length > 0 && rnd.nextInt(4) == 0) p[rnd.nextInt(p.length)] ^= (byte) (1 << rnd.nextInt(8));
    return p;
  }

  private byte[] random(int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  /** RFC 3550 §5.1 header with CSRC count, extension and padding that may overrun the packet. */
  private byte[] rtp() {
    int cc = rnd.nextInt(16);
    boolean x = rnd.nextBoolean();
    boolean pad = rnd.nextBoolean();
    ByteBuffer b = ByteBuffer.allocate(12 + 4 * cc + 4 + rnd.nextInt(200));
    b.put((byte) (0x80 | (pad ? 0x20 : 0) | (x ? 0x10 : 0) | cc)).put((byte) rnd.nextInt(256))
        .putShort((short) rnd.nextInt()).putInt(rnd.nextInt()).putInt(rnd.nextInt());
    int csrcs = rnd.nextInt(cc + 1); // fewer CSRCs than the count says, sometimes
    for (int i = 0; i < csrcs; i++) b.putInt(rnd.nextInt());
    if (x) b.putShort((short) 0xBEDE).putShort((short) rnd.nextInt(65536));
    byte[] out = Arrays.copyOf(b.array(), b.position() + rnd.nextInt(b.remaining() + 1));
    if (pad && out.length > 0) out[out.length - 1] = (byte) rnd.nextInt(256);
    return out;
  }

  /** RFC 3550 §6.4: a compound of reports whose length fields lie. */
  private byte[] rtcp() {
    ByteBuffer b = ByteBuffer.allocate(400);
    int n = 1 + rnd.nextInt(4);
    for (int i = 0; i < n && b.remaining() >= 8; i++) {
      b.put((byte) (0x80 | rnd.nextInt(32))).put((byte) (192 + rnd.nextInt(20)))
          .putShort((short) rnd.nextInt(65536)).putInt(rnd.nextInt());
      int body = Math.min(b.remaining(), rnd.nextInt(40));
      b.put(random(body));
    }
    return Arrays.copyOf(b.array(), b.position());
  }

  /** RFC 5389 §6: magic cookie, a type, attributes with lengths past the end, bogus integrity. */
  private byte[] stun() {
    ByteBuffer b = ByteBuffer.allocate(600);
    int[] types = {0x0001, 0x0101, 0x0111, 0x0011, rnd.nextInt(0x4000)};
    b.putShort((short) types[rnd.nextInt(types.length)]).putShort((short) rnd.nextInt(600))
        .putInt(0x2112A442).put(random(12));
    int attrs = rnd.nextInt(6);
    int[] attrTypes = {0x0006, 0x0008, 0x8028, 0x0024, 0x8029, 0x802A, 0x0025, 0x0020, 0x0001, rnd.nextInt(65536)};
    for (int i = 0; i < attrs && b.remaining() > 4; i++) {
      int len = rnd.nextInt(120);
      b.putShort((short) attrTypes[rnd.nextInt(attrTypes.length)]).putShort((short) (rnd.nextInt(5) == 0 ? 65535 : len));
      b.put(random(Math.min(b.remaining(), (len + 3) & ~3)));
    }
    return Arrays.copyOf(b.array(), b.position());
  }

  /** RFC 6347 §4.1: records (often a ClientHello) whose length fields may not add up. */
  private byte[] dtls() {
    ByteBuffer b = ByteBuffer.allocate(800);
    int records = 1 + rnd.nextInt(3);
    for (int i = 0; i < records && b.remaining() > 13; i++) {
      int type = rnd.nextInt(4) == 0 ? 20 + rnd.nextInt(44) : 22;
      int len = Math.min(b.remaining() - 13, rnd.nextInt(200));
      b.put((byte) type).put((byte) 0xFE).put((byte) (rnd.nextBoolean() ? 0xFD : 0xFF))
          .putShort((short) 0).putShort((short) 0).putInt(rnd.nextInt())
          .putShort((short) (rnd.nextInt(5) == 0 ? rnd.nextInt(65536) : len));
      if (type == 22 && len >= 12) {
        b.put((byte) 1).put((byte) 0).putShort((short) (len - 12)).putShort((short) 0)
            .put((byte) 0).putShort((short) 0).put((byte) 0).putShort((short) (len - 12));
        b.put(random(len - 12));
      } else {
        b.put(random(len));
      }
    }
    return Arrays.copyOf(b.array(), b.position());
  }
}
