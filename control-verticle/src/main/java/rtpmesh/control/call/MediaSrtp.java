package rtpmesh.control.call;

import rtpmesh.media.srtp.SrtpSuite;

/** The SRTP suites the media plane can translate: asked of the media plane's own suite table. */
final class MediaSrtp {
  private MediaSrtp() {}

  static boolean supported(String suite) {
    SrtpSuite s = suite == null ? null : SrtpSuite.fromSdesName(suite);
    return s != null && s.isSupported();
  }
}
