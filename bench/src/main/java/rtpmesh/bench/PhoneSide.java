package rtpmesh.bench;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import rtpmesh.media.srtp.CryptoAttribute;
import rtpmesh.media.srtp.SdesKey;
import rtpmesh.media.srtp.SrtpContext;
import rtpmesh.media.srtp.SrtpSuite;

/**
 * One side of one call, as a phone: side index {@code 2 * call + dir} (dir 0 the caller, 1 the
 * callee), the shared socket pair it sends and receives on ({@link PhoneSockets}), and where it
 * sends: the relay ports it was told in SDP (RTP, and RTCP on the next port), or with {@code
 * --direct} the other side's sockets.
 *
 * <p>An SRTP side ({@code --srtp}: the callers) offers RTP/SAVP with its own SDES key: it
 * protects what it sends with that key ({@link #srtpOut}) and unprotects what it receives with
 * the key the relay answered with ({@link #srtpIn}, set at setup).
 */
final class PhoneSide {
  final int index;
  final int pair;
  final int port;
  InetSocketAddress rtpTo;
  InetSocketAddress rtcpTo;
  /** The a=crypto this side offers, null for a plain RTP side. */
  CryptoAttribute crypto;
  SrtpContext srtpOut;
  SrtpContext srtpIn;

  PhoneSide(int index, int pair, int port) {
    this.index = index;
    this.pair = pair;
    this.port = port;
  }

  static PhoneSide[] of(PhoneSockets sockets, int count) {
    PhoneSide[] sides = new PhoneSide[count];
    for (int i = 0; i < count; i++) {
      int pair = i % sockets.count();
      sides[i] = new PhoneSide(i, pair, sockets.ports[pair]);
    }
    return sides;
  }

  static final SrtpSuite SUITE = SrtpSuite.AES_CM_128_HMAC_SHA1_80;

  /** Makes this an SRTP side with a fresh random master key and salt. */
  void srtp(SecureRandom random) {
    byte[] key = new byte[SUITE.masterKeyLength()];
    byte[] salt = new byte[SUITE.masterSaltLength()];
    random.nextBytes(key);
    random.nextBytes(salt);
    crypto = CryptoAttribute.of(1, SUITE, SdesKey.of(key, salt));
    srtpOut = SrtpContext.create(crypto);
  }

  /** Points this side at {@code to}: RTP there, RTCP to the next port (RFC 3550 11). */
  void connect(InetSocketAddress to) {
    rtpTo = to;
    rtcpTo = new InetSocketAddress(to.getAddress(), to.getPort() + 1);
  }
}
