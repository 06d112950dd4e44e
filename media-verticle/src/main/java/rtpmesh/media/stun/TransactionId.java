package rtpmesh.media.stun;

import io.netty.buffer.ByteBuf;
import java.util.Random;

/**
 * The 96-bit transaction id (RFC 5389 §6) as a value, for matching responses to requests.
 * {@code high} holds the first 8 bytes, {@code low} the last 4.
 */
public record TransactionId(long high, int low) {
  public static final int LENGTH = 12;

  /** RFC 5389 §6 wants it uniformly random; RFC 7675 §5.1 relies on that for consent. */
  public static TransactionId random(Random random) {
    return new TransactionId(random.nextLong(), random.nextInt());
  }

  /** Reads the id of the message whose header starts at absolute index {@code messageOffset}. */
  public static TransactionId read(ByteBuf buf, int messageOffset) {
    return new TransactionId(buf.getLong(messageOffset + 8), buf.getInt(messageOffset + 16));
  }

  /** True when the message at {@code messageOffset} carries this id; allocation-free. */
  public boolean matches(ByteBuf buf, int messageOffset) {
    return buf.getLong(messageOffset + 8) == high && buf.getInt(messageOffset + 16) == low;
  }

  public void write(ByteBuf buf) {
    buf.writeLong(high).writeInt(low);
  }

  @Override
  public String toString() {
    return String.format("%016x%08x", high, low);
  }
}
