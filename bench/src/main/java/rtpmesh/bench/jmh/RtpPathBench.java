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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import rtpmesh.media.rtp.Rtcp;
import rtpmesh.media.rtp.RtpHeader;

/**
 * The Java pieces a plain relayed packet goes through besides the socket calls: the RTP header
 * view (wrap, validate, SSRC) and the rtcp-mux test (RFC 5761 §4). They cost nanoseconds against
 * the microseconds of the kernel's recv/send (see bench/README.md), which is the point: the
 * relay's per-packet CPU is in the syscalls, not here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RtpPathBench {
  private final RtpHeader view = new RtpHeader();
  private ByteBuf packet;

  @Setup(Level.Trial)
  public void setUp() {
    packet = PooledByteBufAllocator.DEFAULT.directBuffer(2048);
    packet.writeByte(0x80).writeByte(0).writeShort(1).writeInt(160).writeInt(0x12345678);
    packet.writeZero(160);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    packet.release();
  }

  @Benchmark
  public int rtpHeaderParse() {
    RtpHeader h = view.wrap(packet);
    return h.isValid() ? h.ssrc() : 0;
  }

  @Benchmark
  public boolean rtcpMuxTest() {
    return Rtcp.isRtcp(packet);
  }
}
