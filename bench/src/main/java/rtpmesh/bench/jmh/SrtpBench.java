package rtpmesh.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import rtpmesh.media.srtp.SrtpContext;
import rtpmesh.media.srtp.SrtpStatus;
import rtpmesh.media.srtp.SrtpSuite;

/**
 * SRTP cost per G.711 packet (12-byte header + 160-byte payload) and suite, on a pooled direct
 * buffer as the relay receives into. {@code protect} is what a leg towards an SRTP party pays per
 * packet; {@code protectUnprotect} adds the receiving side, so unprotect ≈ the difference (a
 * receiver cannot be fed the same packet twice: its replay window would drop it). Each invocation
 * rewrites the plain packet with the next sequence number first (a 172-byte copy, in both).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SrtpBench {
  static final int PAYLOAD = 160;

  @Param({"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AES_256_CM_HMAC_SHA1_80",
      "AEAD_AES_128_GCM", "AEAD_AES_256_GCM"})
  public String suite;

  private SrtpContext sender;
  private SrtpContext receiver;
  private ByteBuf packet;
  private final byte[] plain = new byte[12 + PAYLOAD];
  private int seq;

  @Setup(Level.Trial)
  public void setUp() {
    SrtpSuite s = SrtpSuite.valueOf(suite);
    byte[] key = new byte[s.masterKeyLength()];
    byte[] salt = new byte[s.masterSaltLength()];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i * 7 + 1);
    }
    for (int i = 0; i < salt.length; i++) {
      salt[i] = (byte) (i * 13 + 5);
    }
    sender = SrtpContext.create(s, key, salt);
    receiver = SrtpContext.create(s, key, salt);
    plain[0] = (byte) 0x80;
    plain[8] = 0x12; // SSRC 0x12345678
    plain[9] = 0x34;
    plain[10] = 0x56;
    plain[11] = 0x78;
    java.util.Arrays.fill(plain, 12, plain.length, (byte) 0xFF);
    packet = PooledByteBufAllocator.DEFAULT.directBuffer(2048);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    packet.release();
  }

  private ByteBuf next() {
    int s = seq++;
    plain[2] = (byte) (s >>> 8);
    plain[3] = (byte) s;
    plain[4] = (byte) (s >>> 14); // timestamp = 160 * seq
    plain[5] = (byte) (s >>> 6);
    plain[6] = (byte) (s << 2);
    packet.clear().writeBytes(plain);
    return packet;
  }

  @Benchmark
  public SrtpStatus protect() {
    return sender.protect(next());
  }

  @Benchmark
  public SrtpStatus protectUnprotect() {
    ByteBuf p = next();
    SrtpStatus s = sender.protect(p);
    if (s != SrtpStatus.OK) {
      throw new IllegalStateException("protect: " + s);
    }
    s = receiver.unprotect(p);
    if (s != SrtpStatus.OK) {
      throw new IllegalStateException("unprotect: " + s);
    }
    return s;
  }
}
