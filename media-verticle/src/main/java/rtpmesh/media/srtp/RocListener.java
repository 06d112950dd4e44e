package rtpmesh.media.srtp;

/**
 * Told when an SSRC's rollover counter (RFC 3711 §3.3.1) advances: once per 65536 packets, so a
 * listener may allocate and report; it runs on the packet path of the context's owner.
 */
@FunctionalInterface
public interface RocListener {
  void rocChanged(int ssrc, int roc);
}
