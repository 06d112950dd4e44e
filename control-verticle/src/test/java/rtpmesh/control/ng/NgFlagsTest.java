package rtpmesh.control.ng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Option words as Kamailio and OpenSIPS send them. */
class NgFlagsTest {
  private static NgFlags parse(Object... kv) {
    Map<String, Object> d = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) d.put((String) kv[i], kv[i + 1]);
    return NgFlags.parse(new NgMessage(d, false));
  }

  @Test
  void webrtcIsRtpenginesShortcutForTalkingToABrowser() {
    NgFlags f = parse("flags", List.of("WebRTC"));
    assertEquals("UDP/TLS/RTP/SAVPF", f.transportProtocol());
    assertEquals("force", f.ice());
    assertTrue(f.has("trickle-ice") && f.has("no-rtcp-attribute") && f.has("generate-mid"), f.flags()::toString);
    assertTrue(f.rtcpMux().containsAll(Set.of("offer", "require")));
    assertTrue(f.sdes().contains("off"));
  }

  @Test
  void explicitKeysWinOverTheWebrtcShortcut() {
    NgFlags f = parse("flags", List.of("WebRTC"), "ICE", "force-relay", "transport-protocol", "RTP/SAVPF");
    assertEquals("force-relay", f.ice());
    assertEquals("RTP/SAVPF", f.transportProtocol());
  }

  @Test
  void bundleAsKeyListStringOrFlag() {
    assertEquals(Set.of("accept"), parse("BUNDLE", List.of("accept")).bundle());
    assertEquals(Set.of("offer", "require"), parse("BUNDLE", "offer require").bundle());
    assertEquals(Set.of("strict"), parse("flags", List.of("BUNDLE-strict")).bundle());
  }

  @Test
  void padCryptoIsSdesPad() {
    assertTrue(parse("flags", List.of("pad crypto")).sdes().contains("pad"));
  }
}
