package rtpmesh.recording;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * What the recorder did, for {@code statistics} and {@code /metrics}: read from any thread.
 * Packets dropped at the hand-over (every batch in flight: the disk is too slow) are summed from
 * the blocks' rings when read.
 */
public final class RecordingCounters {
  private static final Logger LOG = Logger.getLogger(RecordingCounters.class.getName());

  final AtomicLong active = new AtomicLong();
  final LongAdder started = new LongAdder();
  final LongAdder packets = new LongAdder();
  final LongAdder bytes = new LongAdder();
  final LongAdder writeErrors = new LongAdder();
  final LongAdder files = new LongAdder();
  LongSupplier ringDrops = () -> 0;
  final AtomicLong forwarding = new AtomicLong();
  final LongAdder forwarded = new LongAdder();
  final LongAdder forwardDropped = new LongAdder();

  /** Calls whose audio is forwarded now. */
  public long forwarding() {
    return forwarding.get();
  }

  /** 20 ms chunks sent to forwarding sockets. */
  public long forwarded() {
    return forwarded.sum();
  }

  /** Chunks not sent: the receiver was slow, absent or refused (the media went on). */
  public long forwardDropped() {
    return forwardDropped.sum();
  }

  /** Recordings open now. */
  public long active() {
    return active.get();
  }

  /** Recordings started since the node started. */
  public long started() {
    return started.sum();
  }

  /** Packets written (to pcap or decoded to WAV). */
  public long packets() {
    return packets.sum();
  }

  public long bytes() {
    return bytes.sum();
  }

  /** Packets the recorder lost because it fell behind (the media went on). */
  public long dropped() {
    return ringDrops.getAsLong();
  }

  /** Files that failed to open or write (disk full, permissions, I/O errors). */
  public long writeErrors() {
    return writeErrors.sum();
  }

  public long files() {
    return files.sum();
  }

  /** On the writer thread: one log line per failing file. */
  void writeError(Path path, Exception e) {
    writeErrors.increment();
    LOG.warning("recording file " + path + ": " + e + " (this file stops here; media goes on)");
  }
}
