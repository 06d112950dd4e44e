package rtpmesh.media.port;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.Errors;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;

/**
 * A party's own socket: a second socket on a pair's RTP port, connected to the party
 * ({@link PairBinder#connect}), registered with the block's epoll loop as a bare handle instead of
 * a Netty channel. After learning, nearly every packet of a call arrives on one of these, so its
 * read is the relay's hot path: one {@code recv} into a pooled buffer, handed to the {@link Reader}
 * as it is. Netty's channel read around the same syscall (its allocator handle, read loop and
 * pipeline) cost ~0.5 µs per packet more in user time (bench/README.md, "Own reads for a party's
 * socket").
 *
 * <p>Level-triggered, one read per wakeup while the block keeps up, so a woken socket costs one
 * {@code recv} and never a second that finds it empty; while the block batches ({@link ReadBatch}),
 * up to a batch per wakeup, one {@code recv} each.
 *
 * <p>Owned by the block's event loop; holds no lock.
 */
public final class ConnectedSocket implements EpollIoHandle {
  /** Gets what the socket reads, on the loop. */
  public interface Reader {
    /** One datagram from the party; the reader owns it. */
    void read(DatagramPacket packet);

    /** The reads of one wakeup are over: flush what they queued. */
    void readComplete();

    /**
     * A read failed for another reason than the party's port being closed (ICMP port unreachable),
     * or {@link #read} threw: what a channel's pipeline would report as {@code exceptionCaught}.
     */
    void readFailed(Throwable cause);
  }

  private final LinuxSocket socket;
  private final InetSocketAddress local;
  private final InetSocketAddress remote;
  private final ByteBufAllocator alloc;
  private final ReadBatch reads;
  private final Reader reader;
  private IoRegistration registration;

  ConnectedSocket(LinuxSocket socket, InetSocketAddress local, InetSocketAddress remote, ByteBufAllocator alloc,
      ReadBatch reads, Reader reader) {
    this.socket = socket;
    this.local = local;
    this.remote = remote;
    this.alloc = alloc;
    this.reads = reads;
    this.reader = reader;
  }

  /** Registered with the loop: reading starts (level-triggered). */
  void start(IoRegistration registration) {
    this.registration = registration;
    registration.submit(EpollIoOps.EPOLLIN);
  }

  @Override
  public FileDescriptor fd() {
    return socket;
  }

  @Override
  public void handle(IoRegistration registration, IoEvent event) {
    int batch = reads.batch();
    int n = 0;
    while (n < batch && socket.isOpen()) { // the reader may close this socket (a relearn)
      ByteBuf buf = alloc.directBuffer(reads.datagramSize());
      int length;
      try {
        length = buf.hasMemoryAddress()
            ? socket.recvAddress(buf.memoryAddress(), 0, buf.capacity())
            : socket.recv(buf.internalNioBuffer(0, buf.capacity()), 0, buf.capacity());
      } catch (IOException e) {
        buf.release();
        if (!refused(e)) {
          reader.readFailed(e);
        }
        break; // the read took the pending error; epoll wakes us again for what is queued
      }
      if (length <= 0) { // nothing queued (0), or an empty datagram (-1): no RTP either way
        buf.release();
        break;
      }
      buf.writerIndex(length);
      n++;
      try {
        reader.read(new DatagramPacket(buf, local, remote));
      } catch (RuntimeException e) {
        // Thrown out of here it would reach the loop, which logs and sleeps a second: every call
        // of the block would stall. A channel's pipeline catches it the same way.
        reader.readFailed(e);
      }
    }
    if (batch > 1) {
      reads.record(n);
    }
    reader.readComplete();
  }

  /**
   * A connected socket hears ICMP port unreachable and reports it at its next read or send. The
   * pair's socket, like rtpengine's, never does, so it is no error here either.
   */
  private static boolean refused(IOException e) {
    return e instanceof PortUnreachableException
        || (e instanceof Errors.NativeIoException n && n.expectedErr() == Errors.ERROR_ECONNREFUSED_NEGATIVE);
  }

  /**
   * One {@code send} to the party; false when the pair's socket must send it instead: refused for a
   * pending ICMP port unreachable (nothing went out), or the socket buffer is full.
   */
  public boolean send(ByteBuf buf) {
    try {
      return socket.sendAddress(buf.memoryAddress(), buf.readerIndex(), buf.writerIndex()) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Leaves the loop's epoll set and closes the socket: the port is the pair's alone again at once. */
  @Override
  public void close() {
    if (registration != null) {
      registration.cancel();
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // closed already
    }
  }
}
