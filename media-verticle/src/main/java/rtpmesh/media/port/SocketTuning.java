package rtpmesh.media.port;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.util.Locale;

/**
 * How the media sockets read, chosen for a relay where each socket gets about one packet per
 * wakeup (one RTP stream at 50 packets/s): read once per readiness instead of until EAGAIN, which
 * halves the receive syscalls per packet. That needs level-triggered epoll (NIO's selector is
 * level-triggered anyway), so a socket with more queued is simply reported again on the next
 * poll. On epoll that one read becomes a {@code recvmmsg} of up to {@code recvmmsg} datagrams
 * while the block is behind ({@link ReadBatch}, {@code batching}).
 *
 * <p>Settable with system properties for measurements ({@code -Drtpmesh.media.epollMode=et}, {@code
 * -Drtpmesh.media.readsPerWakeup=16}, {@code -Drtpmesh.media.recvmmsg=4}, {@code
 * -Drtpmesh.media.readBatching=adaptive|on|off}; {@code -Drtpmesh.media.sendmmsg=off} is read by
 * {@code relay/Leg}); bench/README.md has the figures behind the defaults.
 */
public record SocketTuning(boolean levelTriggered, int readsPerWakeup, int recvmmsg, ReadBatch.Mode batching) {

  public static final SocketTuning DEFAULT = fromSystemProperties();

  /** Edge-triggered epoll must read until EAGAIN, so it keeps Netty's 16 reads per wakeup. */
  private static SocketTuning fromSystemProperties() {
    boolean lt = !"et".equalsIgnoreCase(System.getProperty("rtpmesh.media.epollMode", "lt"));
    return new SocketTuning(lt,
        Integer.getInteger("rtpmesh.media.readsPerWakeup", lt ? 1 : 16),
        Integer.getInteger("rtpmesh.media.recvmmsg", 8),
        ReadBatch.Mode.valueOf(System.getProperty("rtpmesh.media.readBatching", "adaptive").toUpperCase(Locale.ROOT)));
  }

  public SocketTuning {
    if (readsPerWakeup < 1 || recvmmsg < 1) {
      throw new IllegalArgumentException("readsPerWakeup " + readsPerWakeup + " and recvmmsg "
          + recvmmsg + ", expected both >= 1");
    }
  }

  /** The read batching of one block, shared by all its epoll sockets; {@code maxDatagram} per datagram. */
  public ReadBatch newReadBatch(int maxDatagram) {
    return new ReadBatch(batching, maxDatagram, recvmmsg, readsPerWakeup);
  }

  /**
   * Sets the receive buffer and the read mode of a channel before it is registered: the block's
   * {@code batch} on epoll, one {@code batch.datagramSize()} buffer (pooled) elsewhere. Other transports
   * (io_uring) keep Netty's read loop, which submits its reads ahead.
   */
  public void apply(DatagramChannel channel, ReadBatch batch) {
    int maxDatagram = batch.datagramSize();
    if (channel instanceof EpollDatagramChannel epoll) {
      epoll.config().setEpollMode(levelTriggered ? EpollMode.LEVEL_TRIGGERED : EpollMode.EDGE_TRIGGERED);
      if (batch.batches()) {
        epoll.config().setOption(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, maxDatagram);
      }
      channel.config().setRecvByteBufAllocator(batch);
      batch.usedByEpoll();
    } else if (channel instanceof NioDatagramChannel) {
      channel.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(maxDatagram).maxMessagesPerRead(readsPerWakeup));
    } else {
      channel.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(maxDatagram));
    }
    if (!(channel instanceof EpollDatagramChannel)) {
      // io_uring keeps a receive buffer submitted on every socket, for as long as the socket is
      // quiet. Netty's default (adaptive) allocator carves buffers out of 256 KB chunks and frees
      // a chunk only when all of it is free: at 500 calls (2000 sockets) direct memory reached its
      // 256 MB limit and the loop died of OutOfMemoryError. The pooled allocator reuses freed runs.
      channel.config().setAllocator(PooledByteBufAllocator.DEFAULT);
      // Epoll sends at once, or queues a batch read's packets until that read ends (relay/Leg.send).
      // The others queue every packet, and a queued datagram holds its whole receive buffer while
      // Netty's estimate counts only the payload. Count the buffer, drop beyond a few.
      channel.config().setMessageSizeEstimator(HELD_BUFFER);
      // Unwritable (Leg drops for backpressure) after 8 queued datagrams, writable again at 4.
      channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(4 * maxDatagram, 8 * maxDatagram));
    }
  }

  /** A queued datagram's size is the buffer it keeps alive: its capacity, not its payload. */
  static final MessageSizeEstimator HELD_BUFFER = () -> message -> {
    ByteBuf buf = message instanceof ByteBufHolder holder ? holder.content() : message instanceof ByteBuf b ? b : null;
    return buf == null ? 0 : buf.capacity();
  };
}
