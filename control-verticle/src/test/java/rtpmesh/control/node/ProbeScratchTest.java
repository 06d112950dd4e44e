package rtpmesh.control.node;

import org.junit.jupiter.api.Test;

class ProbeScratchTest {
  @Test
  void probe() {
    try (TestNode node = TestNode.start()) {
      NgClient ng = node.ng();
      Phone a = Phone.open(), b = Phone.open();
      TwoPartyCall call = TwoPartyCall.establish(ng, a, b);
      StringBuilder sdp = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n");
      for (int i = 0; i < 200; i++) sdp.append("m=audio ").append(a.rtpPort()).append(" RTP/AVP 0\r\n");
      for (int round = 0; round < 3; round++) {
        System.out.println("PROBE huge new: " + ng.request("command", "offer", "call-id", call.callId + "x", "from-tag", "f", "sdp", sdp.toString()));
        System.out.println("PROBE small new right after: " + ng.request("command", "offer", "call-id", call.callId + "x", "from-tag", "f", "sdp", a.sdp().toString()).get("result"));
        ng.request("command", "delete", "call-id", call.callId + "x", "delete-delay", 0);
      }
      System.out.println("PROBE huge reoffer: " + ng.request("command", "offer", "call-id", call.callId, "from-tag", call.tagA, "sdp", sdp.toString()));
      System.out.println("PROBE small new right after: " + ng.request("command", "offer", "call-id", call.callId + "y", "from-tag", "f", "sdp", a.sdp().toString()).get("result"));
      long free = 0; for (int p = 41000; p < 42000; p++) if (TwoPartyCall.bindable(p)) free++;
      System.out.println("PROBE bindable before delete " + free);
      try { ng.request("command", "delete", "call-id", call.callId, "delete-delay", 0); } catch (AssertionError e) { System.out.println("PROBE delete no reply"); }
      TwoPartyCall.sleep(500);
      free = 0; for (int p = 41000; p < 42000; p++) if (TwoPartyCall.bindable(p)) free++;
      System.out.println("PROBE bindable after delete " + free + " query: " + ng.request("command", "query", "call-id", call.callId));
      System.out.println("PROBE small after: " + ng.request("command", "offer", "call-id", call.callId + "z", "from-tag", "f", "sdp", a.sdp().toString()).get("result"));
      a.close(); b.close();
    }
  }
}
