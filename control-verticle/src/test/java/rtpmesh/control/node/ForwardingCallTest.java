package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.EOFException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rtpmesh.media.codec.Signals;
import rtpmesh.recording.ForwardChunk;

/**
 * start/stop forwarding over real sockets: caller A sends 440 Hz, callee B 1 kHz (PCMU, 20 ms); a
 * sink socket in the test receives the decoded PCM chunks of each party's stream and finds each tone
 * (Goertzel) in its stream; stop forwarding (or the call's end) ends the streams, media goes on.
 */
class ForwardingCallTest {
  private static final int RATE = 8000;

  /** What a sink got of one stream. */
  private static final class Stream {
    final List<ForwardChunk.Header> headers = new ArrayList<>();
    final List<short[]> chunks = new ArrayList<>();
    boolean ended;

    void add(ForwardChunk.Header h, short[] s) {
      headers.add(h);
      if (h.end()) ended = true;
      else chunks.add(s);
    }

    short[] pcm() {
      short[] all = new short[chunks.stream().mapToInt(c -> c.length).sum()];
      int at = 0;
      for (short[] c : chunks) {
        System.arraycopy(c, 0, all, at, c.length);
        at += c.length;
      }
      return all;
    }
  }

  @Test
  void udpSinkGetsEachPartysToneUntilStopForwarding() throws Exception {
    try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      sink.setReceiveBufferSize(1 << 20);
      // a node that forwards but records nothing: no --recording-dir
      JsonObject rec = new JsonObject().put("forwardTo", "udp:127.0.0.1:" + sink.getLocalPort());
      try (TestNode node = TestNode.startRecording(rec); Phone a = Phone.open(); Phone b = Phone.open()) {
        NgClient ng = node.ng();
        TwoPartyCall call = TwoPartyCall.establish(ng, a, b);
        Map<String, Object> r = ng.ok("command", "start forwarding", "call-id", call.callId);
        assertEquals("udp:127.0.0.1:" + sink.getLocalPort(), r.get("forward-to"));
        Map<String, Object> rr = ng.ok("command", "start recording", "call-id", call.callId);
        assertTrue(String.valueOf(rr.get("warning")).startsWith("Call recording not enabled"), rr.toString());

        RecordingCallTest.Tones tones = new RecordingCallTest.Tones(call);
        tones.send(50, new ArrayList<>(), new ArrayList<>()); // 1 s
        Map<Integer, Stream> streams = new HashMap<>();
        sink.setSoTimeout(3000);
        while (!(has(streams, call.tagA, 40) && has(streams, call.tagB, 40))) {
          receive(sink, streams, call.callId); // a timeout here fails the test: chunks missing
        }
        Map<String, Object> stats = ng.ok("command", "statistics");
        checkTone(byTag(streams, call.tagA), 440, 1000, "A's stream");
        checkTone(byTag(streams, call.tagB), 1000, 440, "B's stream");
        assertEquals(0, byTag(streams, call.tagA).headers.get(0).partyIndex(), "the offerer is party 0");
        assertEquals(1, byTag(streams, call.tagB).headers.get(0).partyIndex());
        @SuppressWarnings("unchecked")
        Map<String, Object> recording = (Map<String, Object>) ((Map<String, Object>) stats.get("statistics")).get("recording");
        assertNotNull(recording, "statistics has a recording section");
        assertEquals(1L, ((Number) recording.get("forwarding")).longValue());
        assertTrue(((Number) recording.get("forwardedchunks")).longValue() >= 80, recording.toString());
        assertEquals(0L, ((Number) recording.get("active")).longValue(), "nothing recorded");

        ng.ok("command", "stop forwarding", "call-id", call.callId);
        while (!(byTag(streams, call.tagA).ended && byTag(streams, call.tagB).ended)) {
          receive(sink, streams, call.callId); // the rest of each stream, then its END record
        }
        tones.send(25, new ArrayList<>(), new ArrayList<>());
        b.expectRtp(tones.lastToB, call.portB); // media goes on
        sink.setSoTimeout(500);
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        try {
          sink.receive(p);
          throw new AssertionError("a chunk after stop forwarding: " + p.getLength() + " bytes");
        } catch (SocketTimeoutException expected) {
          // nothing more
        }
        Map<String, Object> after = ng.ok("command", "statistics");
        @SuppressWarnings("unchecked")
        Map<String, Object> rec2 = (Map<String, Object>) ((Map<String, Object>) after.get("statistics")).get("recording");
        assertEquals(0L, ((Number) rec2.get("forwarding")).longValue());
        // stop again: nothing to stop, fine
        ng.ok("command", "stop forwarding", "call-id", call.callId);
      }
    }
  }

  @Test
  void tcpSinkPerCallWithFromTagGetsThatPartyUntilTheCallEnds(@TempDir Path dir) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(10_000);
      // a recording node without a default destination: forward-to in the message
      JsonObject rec = new JsonObject().put("dir", dir.toString());
      try (TestNode node = TestNode.startRecording(rec); Phone a = Phone.open(); Phone b = Phone.open()) {
        NgClient ng = node.ng();
        TwoPartyCall call = TwoPartyCall.establish(ng, a, b);
        ng.ok("command", "start recording", "call-id", call.callId); // recorded and forwarded
        ng.ok("command", "start forwarding", "call-id", call.callId, "from-tag", call.tagB,
            "forward-to", "tcp:127.0.0.1:" + server.getLocalPort());
        RecordingCallTest.Tones tones = new RecordingCallTest.Tones(call);
        Thread sender = new Thread(() -> {
          try {
            tones.send(75, new ArrayList<>(), new ArrayList<>());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        sender.start();
        Map<Integer, Stream> streams = new HashMap<>();
        try (Socket s = server.accept()) {
          s.setSoTimeout(5000);
          DataInputStream in = new DataInputStream(s.getInputStream());
          while (!has(streams, call.tagB, 40)) {
            read(in, streams, call.callId);
          }
          sender.join();
          ng.ok("command", "delete", "call-id", call.callId, "delete-delay", 0); // the call's end ends the forwarding
          try {
            while (true) read(in, streams, call.callId);
          } catch (EOFException closed) {
            // the node closed the connection after the END record
          }
        }
        assertEquals(1, streams.size(), "only from-tag's stream: " + streams.keySet());
        Stream fromB = byTag(streams, call.tagB);
        assertTrue(fromB.ended, "END record before the connection closed");
        checkTone(fromB, 1000, 440, "B's stream over TCP");
      }
    }
  }

  @Test
  void badForwardingRequestsAreErrors(@TempDir Path dir) {
    try (TestNode plain = TestNode.start(); Phone a = Phone.open(); Phone b = Phone.open()) {
      TwoPartyCall call = TwoPartyCall.establish(plain.ng(), a, b);
      assertEquals("Forwarding not configured on this node (no --forward-to)",
          plain.ng().error("command", "start forwarding", "call-id", call.callId));
    }
    JsonObject rec = new JsonObject().put("dir", dir.toString());
    try (TestNode node = TestNode.startRecording(rec); Phone a = Phone.open(); Phone b = Phone.open()) {
      NgClient ng = node.ng();
      assertEquals("No call-id in message", ng.error("command", "start forwarding"));
      assertEquals("Unknown call-id", ng.error("command", "start forwarding", "call-id", "nope"));
      assertEquals("Unknown call-id", ng.error("command", "stop forwarding", "call-id", "nope"));
      TwoPartyCall call = TwoPartyCall.establish(ng, a, b);
      assertEquals("Forwarding not configured on this node (no --forward-to)",
          ng.error("command", "start forwarding", "call-id", call.callId));
      assertTrue(ng.error("command", "start forwarding", "call-id", call.callId, "forward-to", "/run/x.sock")
          .startsWith("Invalid value for 'forward-to': '/run/x.sock': expected udp:HOST:PORT or tcp:HOST:PORT"));
      assertTrue(ng.error("command", "start forwarding", "call-id", call.callId, "forward-to", "udp:127.0.0.1:70000")
          .startsWith("Invalid value for 'forward-to'"));
      assertEquals("Unknown from-tag", ng.error("command", "start forwarding", "call-id", call.callId,
          "from-tag", "nobody", "forward-to", "udp:127.0.0.1:9"));
      Map<String, Object> stats = ng.ok("command", "statistics");
      @SuppressWarnings("unchecked")
      Map<String, Object> recording = (Map<String, Object>) ((Map<String, Object>) stats.get("statistics")).get("recording");
      assertEquals(0L, ((Number) recording.get("forwarding")).longValue(), "nothing started by bad requests");
      // a sink that is not there: chunks are dropped and counted, the call relays on
      ng.ok("command", "start forwarding", "call-id", call.callId, "forward-to", "tcp:127.0.0.1:9");
      call.assertRtpBothWays(20);
      ng.ok("command", "stop forwarding", "call-id", call.callId);
      @SuppressWarnings("unchecked")
      Map<String, Object> rec2 = (Map<String, Object>) ((Map<String, Object>) ng.ok("command", "statistics")
          .get("statistics")).get("recording");
      assertTrue(((Number) rec2.get("forwarddropped")).longValue() > 0, rec2.toString());
    }
  }

  private static void receive(DatagramSocket sink, Map<Integer, Stream> streams, String callId) throws Exception {
    DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
    sink.receive(p);
    add(ByteBuffer.wrap(p.getData(), 0, p.getLength()), streams, callId);
  }

  private static void read(DataInputStream in, Map<Integer, Stream> streams, String callId) throws Exception {
    int length = in.readInt();
    assertTrue(length >= ForwardChunk.HEADER && length <= ForwardChunk.HEADER + 2 * ForwardChunk.SAMPLES, "length " + length);
    byte[] record = new byte[length];
    in.readFully(record);
    add(ByteBuffer.wrap(record), streams, callId);
  }

  private static void add(ByteBuffer b, Map<Integer, Stream> streams, String callId) {
    ForwardChunk.Header h = ForwardChunk.decode(b);
    assertNotNull(h, "a forwarding record");
    assertEquals(ForwardChunk.hash(callId), h.callHash());
    assertEquals(RATE, h.rate());
    assertEquals(2 * h.samples(), b.remaining(), "sample count matches the record's size");
    Stream s = streams.computeIfAbsent(h.tagHash(), k -> new Stream());
    if (!s.headers.isEmpty()) { // (over TCP the first records go while the connection is being made: dropped)
      ForwardChunk.Header prev = s.headers.get(s.headers.size() - 1);
      assertEquals(prev.sequence() + 1, h.sequence(), "records of a stream in sequence, none lost on loopback");
      assertEquals(prev.position() + prev.samples(), h.position(), "contiguous positions");
      assertEquals(prev.streamId(), h.streamId());
    }
    s.add(h, ForwardChunk.samples(b, h));
  }

  private static boolean has(Map<Integer, Stream> streams, String tag, int chunks) {
    Stream s = streams.get(ForwardChunk.hash(tag));
    return s != null && s.chunks.size() >= chunks;
  }

  private static Stream byTag(Map<Integer, Stream> streams, String tag) {
    Stream s = streams.get(ForwardChunk.hash(tag));
    assertNotNull(s, "a stream of " + tag + " among " + streams.keySet());
    return s;
  }

  /** The tone dominates a 0.5 s window of the stream's audio, the other party's tone is absent. */
  private static void checkTone(Stream s, int f, int other, String what) {
    short[] pcm = s.pcm();
    int from = 10 * ForwardChunk.SAMPLES; // past the first packets
    int n = RATE / 2;
    assertTrue(pcm.length >= from + n, what + ": " + pcm.length + " samples");
    assertTrue(s.chunks.subList(0, s.chunks.size() - 1).stream().allMatch(c -> c.length == ForwardChunk.SAMPLES),
        "20 ms chunks");
    double wanted = Signals.power(pcm, from, n, f, RATE);
    double unwanted = Signals.power(pcm, from, n, other, RATE);
    assertTrue(wanted > 1000 * unwanted, what + ": " + f + " Hz power " + wanted + " vs " + other + " Hz " + unwanted);
    short[] window = java.util.Arrays.copyOfRange(pcm, from, from + n);
    double amp = Signals.amplitude(window, f, RATE);
    assertTrue(amp > 6000 && amp < 9000, what + ": amplitude " + amp + " (sent 8000)");
  }
}
