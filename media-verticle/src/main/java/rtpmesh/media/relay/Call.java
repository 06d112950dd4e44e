package rtpmesh.media.relay;

import java.util.ArrayList;
import java.util.List;

/**
 * The legs one call holds in this block and when the control plane last touched it.
 *
 * <p>Owned by one event loop; holds no lock.
 */
final class Call {
  static final String TIMEOUT = "timeout";
  static final String SILENT_TIMEOUT = "silent-timeout";

  final String id;
  final List<Leg> legs = new ArrayList<>(2);
  long lastSignal;
  /** The call's conference room, when some of its legs mix; null otherwise. */
  RoomMixer mixer;
  /** The recording tap of every leg of the call, or null. */
  MediaTap tap;
  private boolean timeoutReported;

  Call(String id, long now) {
    this.id = id;
    this.lastSignal = now;
  }

  Leg leg(int port) {
    for (Leg leg : legs) {
      if (leg.port() == port) {
        return leg;
      }
    }
    return null;
  }

  /**
   * The timeout reason to report now, or null. A leg stays alive while its last activity (its last
   * packet, or the last allocate/configure of the call) is within its limit; a leg whose party does
   * not send (hold, sendonly, inactive) gets the longer silent limit, as rtpengine's silent-timeout.
   * The call expires when no leg is alive, and is reported once until it shows activity again.
   */
  String expired(long now, long timeoutMs, long silentMs) {
    if (legs.isEmpty()) {
      return null;
    }
    boolean silent = false;
    for (Leg leg : legs) {
      boolean legSilent = !leg.config().send();
      silent |= legSilent;
      long lastActivity = Math.max(lastSignal, leg.lastPacket());
      if (now - lastActivity <= (legSilent ? silentMs : timeoutMs)) {
        timeoutReported = false;
        return null;
      }
    }
    if (timeoutReported) {
      return null;
    }
    timeoutReported = true;
    return silent ? SILENT_TIMEOUT : TIMEOUT;
  }
}
