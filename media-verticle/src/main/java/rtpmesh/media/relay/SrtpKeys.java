package rtpmesh.media.relay;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import rtpmesh.media.dtls.DtlsSrtpKeys;
import rtpmesh.media.srtp.SdesKey;
import rtpmesh.media.srtp.SrtpContext;
import rtpmesh.media.srtp.SrtpSuite;

/**
 * The SRTP keys a leg negotiated with its party: what we protect with before sending to it and
 * what it protects with. Both are {@code base64(master key || salt)} as SDES carries them. {@code
 * sendRoc}/{@code recvRoc}: the streams' ROCs (by SSRC) to start from, as the call record keeps
 * them, so a node taking over a call that ran past a sequence number wrap protects and
 * authenticates with the right packet index (RFC 3711 §3.3.1).
 */
public record SrtpKeys(SrtpSuite suite, String sendKey, String recvKey, Map<Integer, Integer> sendRoc,
                       Map<Integer, Integer> recvRoc) {

  public SrtpKeys {
    sendRoc = Map.copyOf(sendRoc);
    recvRoc = Map.copyOf(recvRoc);
  }

  public SrtpKeys(SrtpSuite suite, String sendKey, String recvKey) {
    this(suite, sendKey, recvKey, Map.of(), Map.of());
  }

  /** Equal keys keep a leg's contexts (and so their ROC and replay state): the ROCs to start from do not count. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SrtpKeys k && suite == k.suite && sendKey.equals(k.sendKey) && recvKey.equals(k.recvKey);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(suite, sendKey, recvKey);
  }

  /** These keys with the ROCs to start from. */
  public SrtpKeys withRocs(Map<Integer, Integer> send, Map<Integer, Integer> recv) {
    return new SrtpKeys(suite, sendKey, recvKey, send, recv);
  }

  /** Parses the {@code srtp} object of a leg's config; IllegalArgumentException names what is wrong. */
  public static SrtpKeys of(String suiteName, String sendKey, String recvKey) {
    SrtpSuite suite = SrtpSuite.fromSdesName(suiteName);
    if (suite == null || !suite.isSupported()) throw new IllegalArgumentException("SRTP suite not supported: " + suiteName);
    SrtpKeys k = new SrtpKeys(suite, sendKey, recvKey);
    k.outbound();
    k.inbound();
    return k;
  }

  /**
   * The keys a DTLS-SRTP handshake exported (RFC 5764 §4.2), in SDES form: we send with our write
   * key and salt, the party with its own. Null when the profile has no supported suite.
   */
  static SrtpKeys fromDtls(DtlsSrtpKeys keys) {
    SrtpSuite suite = SrtpSuite.fromDtlsProfile(keys.profile().code());
    if (suite == null || !suite.isSupported()) return null;
    return new SrtpKeys(suite, base64(keys.localKey(), keys.localSalt()), base64(keys.remoteKey(), keys.remoteSalt()));
  }

  private static String base64(byte[] key, byte[] salt) {
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(key.length + salt.length).put(key).put(salt).array());
  }

  /** A context that protects what we send to the party. */
  SrtpContext outbound() {
    SdesKey key = SdesKey.parse("inline:" + sendKey, suite);
    SrtpContext c = SrtpContext.create(suite, key.masterKey(), key.masterSalt());
    sendRoc.forEach(c::setRoc);
    return c;
  }

  /** A context that authenticates and decrypts what the party sends. */
  SrtpContext inbound() {
    SdesKey key = SdesKey.parse("inline:" + recvKey, suite);
    SrtpContext c = SrtpContext.create(suite, key.masterKey(), key.masterSalt());
    recvRoc.forEach(c::setRoc);
    return c;
  }
}
