package rtpmesh.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import rtpmesh.media.srtp.SrtpContext;

/**
 * Sets up and tears down the calls of one run over ng: per call an offer from side 0 and, on its
 * reply, an answer from side 1; each side is then connected to the relay port it was told (the
 * caller the one in the answer reply, the callee the one in the offer reply).
 */
final class Calls {
  /** ng figures of a setup: round-trip latency of every offer and answer, and the wall time. */
  record SetupStats(Histograms.Latency latency, long wallNs, int calls) {
    double callsPerSecond() {
      return calls / (wallNs / 1e9);
    }
  }

  private final InetSocketAddress ng;
  private final int window;
  private final String runId;
  /** With {@code --fork}: each call's caller is also copied to a subscriber at this port, else 0. */
  private final int forkSink;

  Calls(InetSocketAddress ng, int window, String runId) {
    this(ng, window, runId, 0);
  }

  Calls(InetSocketAddress ng, int window, String runId, int forkSink) {
    this.ng = ng;
    this.window = window;
    this.runId = runId;
    this.forkSink = forkSink;
  }

  String callId(int call) {
    return "bench-" + runId + "-" + call;
  }

  SetupStats setup(PhoneSide[] sides) throws IOException {
    int calls = sides.length / 2;
    Histograms.Latency latency = new Histograms.Latency();
    Queue<NgPipeline.Step> jobs = new ArrayDeque<>();
    for (int c = 0; c < calls; c++) {
      jobs.add(offer(c, sides[2 * c], sides[2 * c + 1]));
    }
    long t0 = System.nanoTime();
    try (NgPipeline p = new NgPipeline(ng, window, latency)) {
      p.run(jobs);
    }
    return new SetupStats(latency, System.nanoTime() - t0, calls);
  }

  void delete(int calls) throws IOException {
    Queue<NgPipeline.Step> jobs = new ArrayDeque<>();
    for (int c = 0; c < calls; c++) {
      Map<String, Object> r = request("delete", c);
      r.put("delete-delay", 0);
      jobs.add(new NgPipeline.Step(r, reply -> null));
    }
    try (NgPipeline p = new NgPipeline(ng, window, new Histograms.Latency())) {
      p.run(jobs);
    }
  }

  private NgPipeline.Step offer(int call, PhoneSide caller, PhoneSide callee) {
    Map<String, Object> r = request("offer", call);
    r.put("sdp", Sdp.phone(ng.getAddress().getHostAddress(), caller.port, 1000L + call, caller.crypto));
    if (caller.crypto != null) {
      r.put("transport-protocol", "RTP/AVP"); // the callee stays plain: the relay translates
    }
    return new NgPipeline.Step(r, reply -> {
      if (caller.crypto != null && !Sdp.profile((String) reply.get("sdp")).equals("RTP/AVP")) {
        throw new IllegalStateException("relay offered the plain callee " + Sdp.profile((String) reply.get("sdp")));
      }
      connect(callee, reply);
      Map<String, Object> a = request("answer", call);
      a.put("to-tag", "b" + call);
      a.put("sdp", Sdp.phone(ng.getAddress().getHostAddress(), callee.port, 2000L + call));
      return new NgPipeline.Step(a, answerReply -> {
        connect(caller, answerReply);
        if (caller.crypto != null) {
          // the relay protects towards the caller with the key it answered with
          caller.srtpIn = SrtpContext.create(Sdp.answeredCrypto((String) answerReply.get("sdp"), caller.crypto));
        }
        return forkSink == 0 ? null : subscribe(call);
      });
    });
  }

  /** A media fork of the caller (ng subscribe request + subscribe answer) to the sink; plain RTP. */
  private NgPipeline.Step subscribe(int call) {
    Map<String, Object> r = request("subscribe request", call);
    r.put("to-tag", "r" + call);
    r.put("transport-protocol", "RTP/AVP");
    return new NgPipeline.Step(r, reply -> {
      Map<String, Object> a = request("subscribe answer", call);
      a.remove("from-tag");
      a.put("to-tag", "r" + call);
      a.put("sdp", Sdp.phone(ng.getAddress().getHostAddress(), forkSink, 3000L + call).replace("a=sendrecv", "a=recvonly"));
      return new NgPipeline.Step(a, done -> null);
    });
  }

  private Map<String, Object> request(String command, int call) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("command", command);
    r.put("call-id", callId(call));
    r.put("from-tag", "a" + call);
    return r;
  }

  private static void connect(PhoneSide side, Map<String, Object> reply) {
    InetSocketAddress relay = Sdp.mediaAddress((String) reply.get("sdp"));
    if (!relay.getAddress().isLoopbackAddress()) {
      throw new IllegalStateException("relay offered " + relay + ", not a loopback address");
    }
    side.connect(relay);
  }
}
