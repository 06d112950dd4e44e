package rtpmesh.control.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.zip.CRC32;

/**
 * Highest-random-weight hashing: every survivor computes the same new owner for a dead node's call
 * from nothing but the call-id and the set of live nodes, so no coordination is needed, and the
 * calls spread evenly.
 */
public final class Rendezvous {
  private Rendezvous() {}

  public static String owner(String callId, Collection<String> nodes) {
    String best = null;
    long bestWeight = -1;
    for (String n : nodes) {
      long w = weight(callId, n);
      if (w > bestWeight || (w == bestWeight && n.compareTo(best) < 0)) {
        best = n;
        bestWeight = w;
      }
    }
    return best;
  }

  private static long weight(String callId, String node) {
    CRC32 crc = new CRC32();
    crc.update(node.getBytes(StandardCharsets.UTF_8));
    crc.update(0);
    crc.update(callId.getBytes(StandardCharsets.UTF_8));
    // Mix so that nearby CRCs do not favour one node.
    long x = crc.getValue() * 0x9E3779B97F4A7C15L;
    return (x ^ (x >>> 29)) & Long.MAX_VALUE;
  }
}
