package rtpmesh.node.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rtpmesh.node.cluster.NgClient.dict;
import static rtpmesh.node.cluster.Replies.ok;
import static rtpmesh.node.cluster.Replies.relayPort;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import rtpmesh.media.Browser;
import rtpmesh.media.dtls.DtlsHandshakePool;
import rtpmesh.media.dtls.DtlsRole;
import rtpmesh.media.ice.IceCredentials;

/**
 * Two nodes; a browser (ICE, DTLS-SRTP, rtcp-mux) talks to a plain phone through the owner, which
 * is then killed with SIGKILL. The survivor takes the call over on the same ports with the SRTP
 * keys the handshake exported (they are in the call record), so media resumes both ways with no
 * new DTLS handshake, and every packet the browser gets still authenticates. rtpengine loses such
 * a call: it keeps neither the keys nor the ICE state.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebRtcFailoverTest {
  /** A functional bound (the takeover happened at all), not a performance figure. */
  private static final long MAX_GAP_MS = 15_000;
  private static final int BROWSER_SSRC = 0x0b0b0b0b;
  /**
   * First sequence number, both ways: 40 packets before the wrap, so both SRTP streams roll over
   * (ROC 1) before the kill and the survivor must know each stream's ROC (RFC 3711 §3.3.1).
   */
  private static final int FIRST_SEQ = 65536 - 40;
  private static final DtlsHandshakePool POOL = new DtlsHandshakePool(1, 4);

  @RegisterExtension
  static final LocalCluster cluster = new LocalCluster("webrtc-failover");

  @BeforeAll
  static void start() throws Exception {
    cluster.start(2, List.of());
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void theSurvivorCarriesTheDtlsSrtpCallOnWithoutANewHandshake() throws Exception {
    NodeProcess a = cluster.node(1);
    NodeProcess b = cluster.node(2);
    String callId = "webrtc-failover-" + UUID.randomUUID();
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (NgClient ng = new NgClient(); Phone phone = new Phone(0x2222);
         Browser browser = new Browser(POOL, DtlsRole.SERVER, lo)) {
      IceCredentials mine = browser.credentials();
      String offer = String.join("\r\n",
          "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
          "m=audio 9 UDP/TLS/RTP/SAVPF 0", "c=IN IP4 0.0.0.0",
          "a=candidate:1 1 udp 2122260223 127.0.0.1 " + browser.address().getPort() + " typ host",
          "a=ice-ufrag:" + mine.ufrag(), "a=ice-pwd:" + mine.pwd(),
          "a=fingerprint:" + Browser.CERTIFICATE.sdpFingerprint(), "a=setup:actpass", "a=mid:0",
          "a=sendrecv", "a=rtcp-mux", "a=rtpmap:0 PCMU/8000") + "\r\n";
      // Kamailio's webrtc -> sip flags, then sip -> webrtc for the answer
      int phoneSendsTo = relayPort(ok("offer", ng.command(a.ngPort, dict("command", "offer",
          "call-id", callId, "from-tag", "browser", "sdp", offer, "ICE", "remove",
          "transport-protocol", "RTP/AVP", "rtcp-mux", List.of("demux")), 3000)));
      String toBrowser = (String) ok("answer", ng.command(a.ngPort, dict("command", "answer",
          "call-id", callId, "from-tag", "browser", "to-tag", "phone", "sdp", phone.sdp(),
          "ICE", "force", "transport-protocol", "UDP/TLS/RTP/SAVPF", "rtcp-mux", List.of("require")),
          3000)).get("sdp");
      Matcher cand = Pattern.compile("a=candidate:\\S+ 1 UDP \\d+ (\\S+) (\\d+) typ host").matcher(toBrowser);
      assertTrue(cand.find(), toBrowser);
      InetSocketAddress relay = new InetSocketAddress(cand.group(1), Integer.parseInt(cand.group(2)));
      assertTrue(a.ownsPort(relay.getPort()) && a.ownsPort(phoneSendsTo), "call not on " + a);
      browser.peer(relay, new IceCredentials(attr(toBrowser, "ice-ufrag"), attr(toBrowser, "ice-pwd")),
          attr(toBrowser, "fingerprint"));
      browser.start();
      browser.connected(15);

      BrowserEar ear = new BrowserEar(browser);
      PacedSender sender = new PacedSender(n -> {
        int seq = FIRST_SEQ + n;
        browser.sendSrtp(Phone.packet(BROWSER_SSRC, seq));
        phone.send(seq, phoneSendsTo);
      });
      ear.start();
      sender.start();
      try {
        Thread.sleep(2000);
        assertTrue(phone.arrivals().size() > 50 && ear.arrivals().size() > 50,
            "media before the kill: phone " + phone.arrivals().size() + ", browser " + ear.arrivals().size());
        int dtlsBefore = browser.dtlsReceived();

        long killedAt = System.nanoTime();
        a.kill();
        int firstAfterDeath = sender.sent();

        Long toPhone = firstAt(phone, firstAfterDeath, MAX_GAP_MS);
        Long toBrowserAt = ear.firstAt(firstAfterDeath, MAX_GAP_MS);
        LockSupport.parkNanos(killedAt + TimeUnit.SECONDS.toNanos(9) - System.nanoTime());
        sender.stop();
        Thread.sleep(300);
        ear.stop();

        assertTrue(toPhone != null && toBrowserAt != null, "media did not resume within " + MAX_GAP_MS
            + " ms: to the phone " + toPhone + ", to the browser " + toBrowserAt);
        long gapToPhone = (toPhone - killedAt) / 1_000_000;
        long gapToBrowser = (toBrowserAt - killedAt) / 1_000_000;
        int total = sender.sent();
        System.out.printf("WebRtcFailoverTest: SIGKILL of the owner; media resumed after %d ms (to the "
            + "phone, plain RTP) / %d ms (to the browser, SRTP); lost %d / %d of %d packets; "
            + "SRTP auth failures at the browser %d; DTLS datagrams after the kill %d%n",
            gapToPhone, gapToBrowser, lost(phone.arrivals().stream().map(Phone.Arrival::seq).toList(), total),
            lost(ear.arrivals().stream().map(Arrival::seq).toList(), total), total, ear.authFailures.get(),
            browser.dtlsReceived() - dtlsBefore);

        assertEquals(0, ear.authFailures.get(), "SRTP packets at the browser that did not authenticate");
        assertEquals(dtlsBefore, browser.dtlsReceived(), "the survivor started a new DTLS handshake");
        for (Phone.Arrival r : phone.arrivals()) {
          assertArrayEquals(Phone.packet(BROWSER_SSRC, FIRST_SEQ + count(r.seq())), r.bytes(), "browser's packet seq " + r.seq());
          assertEquals(phoneSendsTo, r.from().getPort(), "source of seq " + r.seq());
        }
        for (Arrival r : ear.arrivals()) {
          assertArrayEquals(Phone.packet(phone.ssrc, FIRST_SEQ + count(r.seq())), r.plain(), "phone's packet seq " + r.seq());
        }
      } finally {
        sender.stop();
        ear.stop();
      }
      ok("delete via " + b.id, ng.command(b.ngPort, dict("command", "delete", "call-id", callId,
          "from-tag", "browser", "delete-delay", 0), 3000));
    }
  }

  private record Arrival(long nanos, int seq, byte[] plain) {}

  /** The browser's receiving side: unprotects every SRTP datagram, counts those that fail. */
  private static final class BrowserEar {
    final AtomicInteger authFailures = new AtomicInteger();
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Browser browser;
    private final Thread thread;

    BrowserEar(Browser browser) {
      this.browser = browser;
      this.thread = new Thread(this::run, "browser-ear");
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    void stop() throws InterruptedException {
      thread.interrupt();
      thread.join(1000);
    }

    private void run() {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          byte[] d = browser.pollMedia(100);
          if (d == null) {
            continue;
          }
          long now = System.nanoTime();
          int n = browser.unprotect(d);
          if (n < 0) {
            authFailures.incrementAndGet();
            continue;
          }
          if (n >= 12 && (d[1] & 0x7f) == 0) { // RTP PCMU, not RTCP
            synchronized (arrivals) {
              arrivals.add(new Arrival(now, ((d[2] & 0xff) << 8) | (d[3] & 0xff), Arrays.copyOf(d, n)));
            }
          }
        }
      } catch (InterruptedException e) {
        // stopped
      }
    }

    List<Arrival> arrivals() {
      synchronized (arrivals) {
        return List.copyOf(arrivals);
      }
    }

    Long firstAt(int seq, long ms) throws InterruptedException {
      long deadline = System.nanoTime() + ms * 1_000_000L;
      do {
        for (Arrival r : arrivals()) {
          if (count(r.seq()) >= seq) {
            return r.nanos();
          }
        }
        Thread.sleep(5);
      } while (System.nanoTime() < deadline);
      return null;
    }
  }

  /** When the first packet sent as number {@code seq} (0, 1, ...) or later reached the phone. */
  private static Long firstAt(Phone phone, int seq, long ms) throws InterruptedException {
    long deadline = System.nanoTime() + ms * 1_000_000L;
    do {
      for (Phone.Arrival r : phone.arrivals()) {
        if (count(r.seq()) >= seq) {
          return r.nanos();
        }
      }
      Thread.sleep(5);
    } while (System.nanoTime() < deadline);
    return null;
  }

  /** Which packet (0, 1, ...) a 16-bit sequence number is; the test sends fewer than 65536. */
  private static int count(int seq) {
    return (seq - FIRST_SEQ) & 0xffff;
  }

  private static int lost(List<Integer> seqs, int sent) {
    return sent - (int) seqs.stream().distinct().count();
  }

  private static String attr(String sdp, String name) {
    for (String l : sdp.split("\r\n")) {
      if (l.startsWith("a=" + name + ":")) {
        return l.substring(name.length() + 3);
      }
    }
    throw new AssertionError("no a=" + name + " in " + sdp);
  }
}
