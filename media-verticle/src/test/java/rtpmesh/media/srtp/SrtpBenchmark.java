package rtpmesh.media.srtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.management.ManagementFactory;

/**
 * Micro-benchmark, not a test: ns and heap bytes per protect + unprotect of a 172-byte RTP packet
 * (12-byte header, 160 bytes of PCMU), through the direct-ByteBuf path a socket would use and the
 * byte[] path. Warm-up 2 s, measurement 5 s per case. Run with
 * {@code java -cp <test classpath> rtpmesh.media.srtp.SrtpBenchmark}.
 */
public final class SrtpBenchmark {
  private static final int SSRC = 0x5501a0b2;
  private static volatile int sink;

  public static void main(String[] args) {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (SrtpSuite suite : new SrtpSuite[] {SrtpSuite.AES_CM_128_HMAC_SHA1_80, SrtpSuite.AEAD_AES_128_GCM}) {
      for (boolean direct : new boolean[] {true, false}) {
        SrtpContext tx = SrtpContextTest.context(suite);
        SrtpContext rx = SrtpContextTest.context(suite);
        byte[] packet = SrtpContextTest.rtp(0, 160, SSRC);
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(2048);
        byte[] array = new byte[2048];
        int[] seq = {0};
        run(tx, rx, buf, array, packet, seq, direct, 2_000_000_000L);
        long bytes0 = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        long t0 = System.nanoTime();
        long n = run(tx, rx, buf, array, packet, seq, direct, 5_000_000_000L);
        long ns = System.nanoTime() - t0;
        long bytes = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - bytes0;
        System.out.printf("%-24s %-7s %7.0f ns/packet (protect+unprotect)  %5.0f B/packet  %,d packets%n",
            suite, direct ? "direct" : "byte[]", (double) ns / n, (double) bytes / n, n);
        buf.release();
      }
    }
  }

  private static long run(SrtpContext tx, SrtpContext rx, ByteBuf buf, byte[] array, byte[] packet,
      int[] seq, boolean direct, long nanos) {
    long end = System.nanoTime() + nanos;
    long n = 0;
    System.arraycopy(packet, 0, array, 0, packet.length);
    buf.clear().writeBytes(packet);
    while (true) {
      for (int i = 0; i < 1000; i++, n++) {
        int s = seq[0]++ & 0xffff;
        int r;
        if (direct) {
          buf.setShort(2, s);
          r = tx.protect(buf).ordinal() + rx.unprotect(buf).ordinal();
        } else {
          array[2] = (byte) (s >>> 8);
          array[3] = (byte) s;
          int len = tx.protect(array, 0, packet.length);
          r = rx.unprotect(array, 0, len) - packet.length;
        }
        if (r != 0) {
          throw new IllegalStateException("round trip failed at seq " + s + ": " + r);
        }
        sink += r;
      }
      if (System.nanoTime() > end) {
        return n;
      }
    }
  }
}
