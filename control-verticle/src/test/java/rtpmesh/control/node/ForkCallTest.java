package rtpmesh.control.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rtpmesh.media.codec.G711;
import rtpmesh.media.codec.Signals;
import rtpmesh.media.srtp.SrtpContext;
import rtpmesh.media.srtp.SrtpSuite;

/**
 * Media forks (rtpengine's pub/sub, what OpenSIPS's rtp_relay copy_offer/copy_answer/copy_delete
 * send for SIPREC) over real sockets: A says 440 Hz, B says 1000 Hz, and a recorder that
 * subscribed hears, per a Goertzel filter, exactly what the callee hears; with {@code all} and
 * {@code siprec} each direction in its own stream; unsubscribe and delete give every port back;
 * bad requests fail with an error-reason and leave the call as it was.
 */
class ForkCallTest {
  private static final double TONE_A = 440;
  private static final double TONE_B = 1000;
  private static final int PACKETS = 25;
  private static final Pattern CRYPTO = Pattern.compile("a=crypto:(\\d+) (\\S+) inline:([A-Za-z0-9+/=]+)");

  private TestNode node;
  private Phone a;
  private Phone b;
  private final List<Phone> recorders = new ArrayList<>();
  private NgClient ng;

  @BeforeEach
  void start() {
    node = TestNode.start();
    ng = node.ng();
    a = Phone.open();
    b = Phone.open();
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    recorders.forEach(Phone::close);
    node.close();
  }

  private Phone recorder() {
    Phone r = Phone.open();
    recorders.add(r);
    return r;
  }

  @Test
  void subscriberOfTheCallerHearsWhatTheCalleeHears() {
    TwoPartyCall call = TwoPartyCall.establish(ng, a, b);
    Phone rec = recorder();

    Map<String, Object> req = ng.ok("command", "subscribe request", "call-id", call.callId, "from-tag", call.tagA);
    assertEquals(call.tagA, req.get("from-tag"));
    assertEquals(List.of(call.tagA), req.get("from-tags"));
    String subTag = (String) req.get("to-tag");
    assertNotNull(subTag, "a to-tag is generated: " + req);
    SdpView offer = SdpView.of(req);
    int recPort = offer.port();
    TwoPartyCall.assertRelayPort(recPort);
    assertTrue(offer.has("a=sendonly"), offer.text());
    assertEquals("RTP/AVP 0 8 101", offer.protoAndFormats(), "the caller's codecs as negotiated");
    assertTrue(offer.has("a=rtpmap:0 PCMU/8000"), offer.text());

    ng.ok("command", "subscribe answer", "call-id", call.callId, "to-tag", subTag,
        "sdp", rec.sdp().direction("recvonly").toString());

    Tones t = talk(call, PACKETS);
    assertTone(t.atB, TONE_A, "B hears A");
    assertTone(t.atA, TONE_B, "A hears B");
    List<byte[]> atRec = receive(rec.rtp, recPort, PACKETS);
    assertTone(atRec, TONE_A, "the subscriber hears A");
    assertEquals(t.atB.size(), atRec.size(), "every packet B got was copied");
    for (int i = 0; i < atRec.size(); i++) assertArrayEquals(t.atB.get(i), atRec.get(i), "copy " + i + " is what B got");

    // What the subscriber sends goes nowhere.
    rec.sendRtp(recPort, Packets.rtp(0, 1, 0x5ab));
    a.expectSilence();
    b.expectSilence();

    Map<String, Object> q = call.query();
    assertTrue(String.valueOf(NgClient.path(q, "tags", call.tagA, "subscribers")).contains("tag=" + subTag + ", type=pub/sub"), q.toString());
    assertTrue(String.valueOf(NgClient.path(q, "tags", subTag, "subscriptions")).contains("tag=" + call.tagA + ", type=pub/sub"), q.toString());

    ng.ok("command", "unsubscribe", "call-id", call.callId, "to-tag", subTag);
    TwoPartyCall.assertReleased(recPort, recPort + 1);
    Tones after = talk(call, PACKETS);
    assertTone(after.atB, TONE_A, "the call goes on after unsubscribe");
    assertTone(after.atA, TONE_B, "the call goes on after unsubscribe");
    assertEquals(0, drain(rec.rtp).size(), "nothing reaches the former subscriber");
    assertEquals("To-tag not found", ng.error("command", "unsubscribe", "call-id", call.callId, "to-tag", subTag));
    assertEquals(null, NgClient.path(call.query(), "tags", subTag));
    call.delete(0);
  }

  @Test
  void siprecGetsEachDirectionInItsOwnLabelledStream() {
    TwoPartyCall call = TwoPartyCall.establish(ng, a, b);
    Phone recA = recorder();
    Phone recB = recorder();
    Map<String, Object> req = ng.ok("command", "subscribe request", "call-id", call.callId,
        "flags", List.of("all", "siprec"), "to-tag", "srs-1");
    assertEquals("srs-1", req.get("to-tag"));
    assertEquals(List.of(call.tagA, call.tagB), req.get("from-tags"));
    String sdp = (String) req.get("sdp");
    List<Integer> ports = mPorts(sdp);
    assertEquals(2, ports.size(), sdp);
    assertTrue(sdp.contains("a=label:0") && sdp.contains("a=label:1"), sdp);
    assertEquals(call.tagA, NgClient.path(req, "media-labels", "0", "tag"));
    assertEquals(call.tagB, NgClient.path(req, "media-labels", "1", "tag"));
    assertEquals(call.tagB, NgClient.path(req, "tag-medias", 1, "tag"));
    assertEquals("1", NgClient.path(req, "tag-medias", 1, "medias", 0, "label"));

    String answer = "v=0\r\no=srs 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
        + "m=audio " + recA.rtpPort() + " RTP/AVP 0 8 101\r\nc=IN IP4 127.0.0.1\r\na=label:0\r\na=recvonly\r\n"
        + "m=audio " + recB.rtpPort() + " RTP/AVP 0\r\nc=IN IP4 127.0.0.1\r\na=label:1\r\na=recvonly\r\n";
    ng.ok("command", "subscribe answer", "call-id", call.callId, "to-tag", "srs-1", "sdp", answer);

    Tones t = talk(call, PACKETS);
    assertTone(t.atB, TONE_A, "B hears A");
    assertTone(t.atA, TONE_B, "A hears B");
    assertTone(receive(recA.rtp, ports.get(0), PACKETS), TONE_A, "stream 0 is the caller");
    assertTone(receive(recB.rtp, ports.get(1), PACKETS), TONE_B, "stream 1 is the callee");

    call.delete(0);
    TwoPartyCall.assertReleased(ports.get(0), ports.get(0) + 1, ports.get(1), ports.get(1) + 1,
        call.portA, call.portA + 1, call.portB, call.portB + 1);
  }

  /** SRTP caller: the copy is decrypted from A's key and re-encrypted with the key we offered the subscriber. */
  @Test
  void srtpPartyIsCopiedReencryptedForTheSubscriber() {
    byte[] keyA = new byte[30];
    new SecureRandom().nextBytes(keyA);
    TwoPartyCall call = new TwoPartyCall(ng, a, b);
    String offerSdp = a.sdp().plus("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Base64.getEncoder().encodeToString(keyA))
        .toString().replace("RTP/AVP", "RTP/SAVP");
    Map<String, Object> offer = ng.ok("command", "offer", "call-id", call.callId, "from-tag", call.tagA,
        "transport-protocol", "RTP/AVP", "sdp", offerSdp);
    call.portB = SdpView.of(offer).port();
    Map<String, Object> ans = call.answer(b.sdp().withoutPtime());
    call.portA = SdpView.of(ans).port();
    Matcher m = CRYPTO.matcher((String) ans.get("sdp"));
    assertTrue(m.find());
    byte[] keyToA = Base64.getDecoder().decode(m.group(3));

    Phone rec = recorder();
    Map<String, Object> req = ng.ok("command", "subscribe request", "call-id", call.callId, "from-tag", call.tagA, "to-tag", "rec");
    String subOffer = (String) req.get("sdp");
    assertTrue(subOffer.contains(" RTP/SAVP "), subOffer);
    Matcher offered = CRYPTO.matcher(subOffer);
    byte[] keyToRec = null;
    String tag = null;
    while (offered.find()) {
      if (offered.group(2).equals("AES_CM_128_HMAC_SHA1_80")) {
        tag = offered.group(1);
        keyToRec = Base64.getDecoder().decode(offered.group(3));
      }
    }
    assertNotNull(keyToRec, subOffer);
    assertFalse(Arrays.equals(keyA, keyToRec), "the subscriber gets a key of its own");
    byte[] keyFromRec = new byte[30];
    new SecureRandom().nextBytes(keyFromRec);
    ng.ok("command", "subscribe answer", "call-id", call.callId, "to-tag", "rec", "sdp",
        rec.sdp().direction("recvonly").toString().replace("RTP/AVP", "RTP/SAVP")
            + "a=crypto:" + tag + " AES_CM_128_HMAC_SHA1_80 inline:" + Base64.getEncoder().encodeToString(keyFromRec) + "\r\n");

    SrtpContext aSends = SrtpContext.create(SrtpSuite.AES_CM_128_HMAC_SHA1_80, Arrays.copyOf(keyA, 16), Arrays.copyOfRange(keyA, 16, 30));
    SrtpContext recHears = SrtpContext.create(SrtpSuite.AES_CM_128_HMAC_SHA1_80, Arrays.copyOf(keyToRec, 16), Arrays.copyOfRange(keyToRec, 16, 30));
    SrtpContext aHears = SrtpContext.create(SrtpSuite.AES_CM_128_HMAC_SHA1_80, Arrays.copyOf(keyToA, 16), Arrays.copyOfRange(keyToA, 16, 30));
    Tone toneA = new Tone(TONE_A, 0x1111);
    Tone toneB = new Tone(TONE_B, 0x2222);
    for (int i = 0; i < PACKETS; i++) {
      byte[] plain = toneA.next();
      byte[] wire = Arrays.copyOf(plain, plain.length + 10);
      int len = aSends.protect(wire, 0, plain.length);
      a.sendRtp(call.portA, Arrays.copyOf(wire, len));
      b.sendRtp(call.portB, toneB.next());
    }
    assertTone(receive(b.rtp, call.portB, PACKETS), TONE_A, "B hears A in plain RTP");
    List<byte[]> atA = new ArrayList<>();
    for (byte[] p : receive(a.rtp, call.portA, PACKETS)) atA.add(unprotect(aHears, p));
    assertTone(atA, TONE_B, "A hears B in SRTP");
    List<byte[]> atRec = new ArrayList<>();
    for (byte[] p : receive(rec.rtp, mPorts(subOffer).get(0), PACKETS)) atRec.add(unprotect(recHears, p));
    assertTone(atRec, TONE_A, "the subscriber decrypts A with its own key");
    call.delete(0);
  }

  @Test
  void publisherIsHeardBySubscribers() {
    String callId = "pub-" + System.nanoTime();
    Phone rec = recorder();
    Map<String, Object> pub = ng.ok("command", "publish", "call-id", callId, "from-tag", "pub",
        "sdp", a.sdp().direction("sendonly").toString());
    SdpView answer = SdpView.of(pub);
    assertTrue(answer.has("a=recvonly"), answer.text());
    assertEquals("RTP/AVP 0", answer.protoAndFormats(), "one codec: the publisher's first");
    int pubPort = answer.port();
    Map<String, Object> req = ng.ok("command", "subscribe request", "call-id", callId, "from-tag", "pub");
    String subTag = (String) req.get("to-tag");
    int recPort = SdpView.of(req).port();
    assertEquals("RTP/AVP 0", SdpView.of(req).protoAndFormats());
    ng.ok("command", "subscribe answer", "call-id", callId, "to-tag", subTag, "sdp", rec.sdp().direction("recvonly").toString());
    Tone tone = new Tone(TONE_A, 0x3333);
    for (int i = 0; i < PACKETS; i++) a.sendRtp(pubPort, tone.next());
    assertTone(receive(rec.rtp, recPort, PACKETS), TONE_A, "the subscriber hears the publisher");
    ng.ok("command", "delete", "call-id", callId, "delete-delay", 0);
    TwoPartyCall.assertReleased(pubPort, pubPort + 1, recPort, recPort + 1);
  }

  @Test
  void badRequestsFailClearlyAndHarmNothing() {
    TwoPartyCall call = TwoPartyCall.establish(ng, a, b);
    String id = call.callId;
    assertEquals("Unknown call-id", ng.error("command", "subscribe request", "call-id", "nope", "from-tag", call.tagA));
    assertEquals("From-tag given, but no such tag exists", ng.error("command", "subscribe request", "call-id", id, "from-tag", "nobody"));
    assertEquals("No monologues matched", ng.error("command", "subscribe request", "call-id", id));
    assertEquals("No monologues matched", ng.error("command", "subscribe request", "call-id", id, "from-tags", List.of("x", "y")));
    assertEquals("To-tag is a call party, not a subscription",
        ng.error("command", "subscribe request", "call-id", id, "from-tag", call.tagA, "to-tag", call.tagB));
    String sdp = recorder().sdp().direction("recvonly").toString();
    assertEquals("To-tag not found", ng.error("command", "subscribe answer", "call-id", id, "to-tag", "never-requested", "sdp", sdp));
    assertEquals("To-tag is a call party, not a subscription",
        ng.error("command", "subscribe answer", "call-id", id, "to-tag", call.tagB, "sdp", sdp));
    assertEquals("No to-tag in message", ng.error("command", "subscribe answer", "call-id", id, "sdp", sdp));
    assertEquals("No to-tag in message", ng.error("command", "unsubscribe", "call-id", id));
    assertEquals("To-tag not found", ng.error("command", "unsubscribe", "call-id", id, "to-tag", "never-requested"));
    assertEquals("To-tag is a call party, not a subscription", ng.error("command", "unsubscribe", "call-id", id, "to-tag", call.tagA));
    assertEquals("No call-id in message", ng.error("command", "unsubscribe", "to-tag", "x"));

    // A subscriber that answers with none of our codecs, or with an address nothing listens on.
    Map<String, Object> req = ng.ok("command", "subscribe request", "call-id", id, "from-tag", call.tagA, "to-tag", "s1");
    int subPort = SdpView.of(req).port();
    assertEquals("No SDP body in message", ng.error("command", "subscribe answer", "call-id", id, "to-tag", "s1"));
    assertTrue(ng.error("command", "subscribe answer", "call-id", id, "to-tag", "s1",
        "sdp", sdp.replace("RTP/AVP 0 8 101", "RTP/AVP 9")).startsWith("Subscriber answer has none of the offered codecs"));
    assertTrue(ng.error("command", "subscribe answer", "call-id", id, "to-tag", "s1", "sdp", sdp + "m=audio 20000 RTP/AVP 0\r\n")
        .contains("subscriber answer has 2 media sections, its offer had 1"));
    ng.ok("command", "subscribe answer", "call-id", id, "to-tag", "s1", "sdp", sdp.replaceAll("m=audio \\d+", "m=audio 9"));
    ng.ok("command", "subscribe request", "call-id", id, "from-tag", call.tagB, "to-tag", "s2");
    ng.ok("command", "subscribe answer", "call-id", id, "to-tag", "s2",
        "sdp", sdp.replace("127.0.0.1", "192.0.2.1"));

    Tones t = talk(call, PACKETS);
    assertTone(t.atB, TONE_A, "B still hears A");
    assertTone(t.atA, TONE_B, "A still hears B");
    assertEquals(2, ((List<?>) NgClient.path(call.query(), "tags", call.tagA, "subscribers")).size());
    ng.ok("command", "delete", "call-id", id, "delete-delay", 0);
    TwoPartyCall.assertReleased(subPort, subPort + 1, call.portA, call.portB);
  }

  // ----------------------------------------------------------------------------------------------

  private record Tones(List<byte[]> atA, List<byte[]> atB) {}

  /** A says {@link #TONE_A}, B says {@link #TONE_B}, {@code n} packets each; what each received. */
  private Tones talk(TwoPartyCall call, int n) {
    Tone ta = new Tone(TONE_A, 0xa);
    Tone tb = new Tone(TONE_B, 0xb);
    for (int i = 0; i < n; i++) {
      a.sendRtp(call.portA, ta.next());
      b.sendRtp(call.portB, tb.next());
    }
    return new Tones(receive(a.rtp, call.portA, n), receive(b.rtp, call.portB, n));
  }

  /** 20 ms packets of a µ-law sine, continuous in phase, sequence and timestamp. */
  private static final class Tone {
    private final double hz;
    private final int ssrc;
    private int n;

    Tone(double hz, int ssrc) {
      this.hz = hz;
      this.ssrc = ssrc;
    }

    byte[] next() {
      byte[] p = Packets.rtp(0, n, ssrc);
      byte[] out = Arrays.copyOf(p, 12 + 160);
      int ts = n * 160;
      for (int i = 0; i < 4; i++) out[4 + i] = (byte) (ts >> (24 - 8 * i));
      for (int i = 0; i < 160; i++) {
        double s = 8000 * Math.sin(2 * Math.PI * hz * (n * 160 + i) / 8000.0);
        out[12 + i] = G711.ulawEncode((int) Math.round(s));
      }
      n++;
      return out;
    }
  }

  /** Up to {@code n} datagrams, each checked to come from {@code relayPort}; stops after a quiet second. */
  private static List<byte[]> receive(DatagramSocket socket, int relayPort, int n) {
    List<byte[]> out = new ArrayList<>();
    while (out.size() < n) {
      DatagramPacket p = receiveOne(socket, out.isEmpty() ? Phone.RECEIVE_MS : 1000);
      if (p == null) break;
      assertEquals(relayPort, p.getPort(), "source port of what the relay sent");
      out.add(Arrays.copyOf(p.getData(), p.getLength()));
    }
    return out;
  }

  private static List<byte[]> drain(DatagramSocket socket) {
    List<byte[]> out = new ArrayList<>();
    DatagramPacket p;
    while ((p = receiveOne(socket, Phone.SILENCE_MS)) != null) out.add(Arrays.copyOf(p.getData(), p.getLength()));
    return out;
  }

  private static DatagramPacket receiveOne(DatagramSocket socket, int ms) {
    byte[] buf = new byte[2048];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    try {
      socket.setSoTimeout(ms);
      socket.receive(p);
      return p;
    } catch (SocketTimeoutException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] unprotect(SrtpContext ctx, byte[] srtp) {
    byte[] copy = srtp.clone();
    int len = ctx.unprotect(copy, 0, copy.length);
    assertTrue(len > 0, "SRTP packet authenticates and decrypts");
    return Arrays.copyOf(copy, len);
  }

  /**
   * The decoded µ-law of {@code packets} carries {@code hz}: at least 20 packets, and the Goertzel
   * power at {@code hz} is 100 times that at the other test tone.
   */
  private static void assertTone(List<byte[]> packets, double hz, String what) {
    assertTrue(packets.size() >= 20, what + ": only " + packets.size() + " packets arrived");
    short[] pcm = new short[packets.size() * 160];
    int k = 0;
    for (byte[] p : packets) {
      assertEquals(0, p[1] & 0x7f, what + ": PCMU");
      for (int i = 12; i < p.length && k < pcm.length; i++) pcm[k++] = G711.ulawDecode(p[i] & 0xff);
    }
    double other = hz == TONE_A ? TONE_B : TONE_A;
    double want = goertzel(pcm, k, hz);
    double not = goertzel(pcm, k, other);
    assertTrue(want > 100 * not, what + ": power at " + hz + " Hz " + want + ", at " + other + " Hz " + not);
  }

  /** Goertzel: the signal's power at one frequency (8 kHz sampling). */
  static double goertzel(short[] x, int n, double hz) {
    return Signals.power(x, 0, n, hz, 8000);
  }

  private static List<Integer> mPorts(String sdp) {
    List<Integer> out = new ArrayList<>();
    Matcher m = Pattern.compile("m=audio (\\d+) ").matcher(sdp);
    while (m.find()) out.add(Integer.parseInt(m.group(1)));
    return out;
  }
}
