package rtpmesh.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class TapRingTest {
  private static final byte[] LOCAL = {127, 0, 0, 1};

  @Test
  void packetsGoOverInBatchesAndAreDroppedAndCountedWhenEveryBatchIsInFlight() throws Exception {
    TapRing ring = new TapRing(0, 2, Batch.HEADER + 100);
    ByteBuf pkt = Unpooled.wrappedBuffer(new byte[60]);
    InetAddress src = InetAddress.getByName("10.1.2.3");
    ring.append(7, 30000, false, pkt, src, 5000, LOCAL, false, 30000, 1000); // batch 1
    ring.append(7, 30000, false, pkt, src, 5000, LOCAL, false, 30000, 1000); // full: batch 1 goes, batch 2
    ring.append(7, 30000, true, pkt, src, 5001, LOCAL, false, 30001, 1000); // batch 2 goes, none left: dropped
    assertEquals(1, ring.dropped());
    assertEquals(0, pkt.readerIndex(), "the packet is untouched");
    Batch b = ring.poll();
    assertNotNull(b);
    assertEquals(Batch.HEADER + 60, b.buffer.position());
    assertEquals(Batch.HEADER + 60, b.buffer.getInt(0));
    assertEquals(7, b.buffer.getInt(4));
    assertEquals(30000, b.buffer.getShort(8) & 0xffff);
    assertEquals(1000, b.buffer.getLong(12));
    assertEquals(0x0a010203, b.buffer.getInt(20));
    assertEquals(5000, b.buffer.getInt(36));
    assertEquals(0x7f000001, b.buffer.getInt(40));
    assertNotNull(ring.poll());
    assertNull(ring.poll());
    ring.recycle(b);
    ring.append(8, 30002, false, pkt, src, 5000, LOCAL, false, 30002, 1001);
    assertNull(ring.poll(), "held until full, old or handed over");
    ring.handOver();
    assertEquals(8, ring.poll().buffer.getInt(4));
  }

  @Test
  void aBatchOlderThanTheHoldTimeIsHandedOverWithTheNextPacket() throws Exception {
    TapRing ring = new TapRing(0, 4, 65536);
    ByteBuf pkt = Unpooled.wrappedBuffer(new byte[10]);
    InetAddress src = InetAddress.getByName("10.1.2.3");
    ring.append(1, 2, false, pkt, src, 3, LOCAL, false, 4, 1000);
    ring.append(1, 2, false, pkt, src, 3, LOCAL, false, 4, 1000 + TapRing.MAX_HOLD_MS + 1);
    Batch b = ring.poll();
    assertEquals(Batch.HEADER + 10, b.buffer.position(), "one packet in the first batch");
  }

  @Test
  void spscQueueKeepsOrderAndCapacity() {
    SpscQueue<Integer> q = new SpscQueue<>(4);
    for (int i = 0; i < 4; i++) assertEquals(true, q.offer(i));
    assertEquals(false, q.offer(9));
    for (int i = 0; i < 4; i++) assertEquals(i, q.poll());
    assertNull(q.poll());
  }
}
