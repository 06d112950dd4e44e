package rtpmesh.media.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rtpmesh.media.stun.MessageIntegrity;
import rtpmesh.media.stun.Stun;
import rtpmesh.media.stun.StunAttribute;
import rtpmesh.media.stun.StunClass;
import rtpmesh.media.stun.StunError;
import rtpmesh.media.stun.StunMessage;
import rtpmesh.media.stun.StunWriter;
import rtpmesh.media.stun.TransactionId;

/**
 * The relay's agent (controlled, like rtpengine facing a browser) against a second agent playing
 * the browser (controlling), exchanging datagrams through {@link #deliver} at a non-zero offset.
 */
class IceAgentTest {
  static final InetSocketAddress RELAY = new InetSocketAddress("203.0.113.10", 30000);
  static final InetSocketAddress BROWSER = new InetSocketAddress("2001:db8::20", 50000);
  static final IceCredentials RELAY_CREDS = new IceCredentials("rElAy123", "relayPassword+relayPasswor");
  static final IceCredentials BROWSER_CREDS = new IceCredentials("brWs", "browserPassword/browserPass");
  static final long HOST_PRIORITY = Candidate.priority(CandidateType.HOST, 65535, 1);

  IceAgent relay;
  IceAgent browser;

  @BeforeEach
  void pair() {
    relay = agent(IceRole.CONTROLLED, RELAY_CREDS, 0x1111L, 1);
    browser = agent(IceRole.CONTROLLING, BROWSER_CREDS, 0x2222L, 2);
    relay.setRemoteCredentials(BROWSER_CREDS);
    browser.setRemoteCredentials(RELAY_CREDS);
    assertTrue(browser.addRemoteCandidate(Candidate.of("f", 1, CandidateType.HOST, "203.0.113.10", 30000)));
  }

  static IceAgent agent(IceRole role, IceCredentials creds, long tieBreaker, long seed) {
    return new IceAgent(role, creds, tieBreaker, 1, IceTiming.DEFAULT, new Random(seed));
  }

  record Delivery(IceResult result, byte[] reply) {}

  /** Hands {@code packet} to {@code to} at reader index {@code offset}; returns the reply bytes. */
  static Delivery deliver(IceAgent to, byte[] packet, InetSocketAddress from, long now, int offset) {
    ByteBuf in = Unpooled.buffer();
    in.writeZero(offset).writeBytes(packet).writeZero(3).readerIndex(offset).writerIndex(offset + packet.length);
    ByteBuf out = Unpooled.buffer();
    out.writeZero(offset).readerIndex(offset);
    try {
      IceResult result = to.handle(in, from, now, out);
      assertEquals(result.hasReply(), out.isReadable(), "a reply is written exactly when announced");
      return new Delivery(result, result.hasReply() ? ByteBufUtil.getBytes(out) : null);
    } finally {
      assertTrue(in.release());
      assertTrue(out.release());
    }
  }

  static Delivery deliver(IceAgent to, byte[] packet, InetSocketAddress from, long now) {
    return deliver(to, packet, from, now, 7);
  }

  static byte[] only(List<IceTransmission> sent, InetSocketAddress to) {
    assertEquals(1, sent.size(), "transmissions: " + sent);
    assertEquals(to, sent.get(0).to());
    return sent.get(0).packet();
  }

  static StunMessage decoded(byte[] packet) {
    StunMessage m = new StunMessage().wrap(packet);
    assertEquals(StunError.NONE, m.decode());
    return m;
  }

  /** A hand-built Binding request, for what a well-behaved agent would never send. */
  static byte[] request(String username, String pwd, int roleAttribute, long tieBreaker, boolean useCandidate) {
    ByteBuf buf = Unpooled.buffer();
    StunWriter w = new StunWriter().start(buf, Stun.BINDING_REQUEST, TransactionId.random(new Random(9)));
    if (username != null) {
      w.string(StunAttribute.USERNAME, username);
    }
    w.u32(StunAttribute.PRIORITY, 1862270975L).u64(roleAttribute, tieBreaker);
    if (useCandidate) {
      w.flag(StunAttribute.USE_CANDIDATE);
    }
    if (pwd != null) {
      w.messageIntegrity(MessageIntegrity.shortTermKey(pwd));
    }
    w.fingerprint();
    byte[] bytes = ByteBufUtil.getBytes(buf);
    buf.release();
    return bytes;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 5})
  void rfc8445_7_3_1_successResponseCarriesSenderAddress(int offset) {
    byte[] check = only(browser.tick(0), RELAY);
    StunMessage req = decoded(check);
    assertEquals("rElAy123:brWs", req.username());
    assertTrue(req.has(StunAttribute.ICE_CONTROLLING));
    assertFalse(req.useCandidate());

    Delivery d = deliver(relay, check, BROWSER, 0, offset);
    assertEquals(IceResult.REPLY, d.result());
    StunMessage resp = decoded(d.reply());
    assertEquals(Stun.BINDING_SUCCESS, resp.type());
    assertEquals(req.transactionId(), resp.transactionId());
    assertEquals(BROWSER, resp.xorMappedAddress());
    assertEquals(StunError.NONE, resp.verify(new MessageIntegrity(), MessageIntegrity.shortTermKey(RELAY_CREDS.pwd())));
    assertEquals(StunError.NONE, resp.verifyFingerprint(true));
    assertEquals(1, relay.counters().answered());
    assertEquals(IceState.CHECKING, relay.state());

    assertEquals(IceResult.CONSUMED, deliver(browser, d.reply(), RELAY, 20, offset).result());
    assertEquals(CandidatePair.State.SUCCEEDED, browser.pairs().iterator().next().state());
  }

  @Test
  void rfc8445_7_3_1_5_nominationOnUseCandidate() {
    byte[] check = only(browser.tick(0), RELAY);
    deliver(browser, deliver(relay, check, BROWSER, 0).reply(), RELAY, 10);
    assertNull(relay.selectedAddress());

    byte[] nomination = only(browser.tick(50), RELAY);
    assertTrue(decoded(nomination).useCandidate());
    Delivery d = deliver(relay, nomination, BROWSER, 50);
    assertEquals(IceResult.REPLY, d.result());
    assertEquals(IceState.CONNECTED, relay.state());
    assertEquals(BROWSER, relay.selectedAddress());
    assertTrue(relay.selected().nominated());
    assertEquals(1, relay.counters().nominations());

    deliver(browser, d.reply(), RELAY, 60);
    assertEquals(IceState.CONNECTED, browser.state());
    assertEquals(RELAY, browser.selectedAddress());
    assertTrue(browser.tick(100).isEmpty(), "no more checks once nominated");
  }

  @Test
  void rfc8445_6_1_1_againstLitePeerTheRelayControlsAndNominates() {
    IceAgent lite = agent(IceRole.CONTROLLED, BROWSER_CREDS, 0x3333L, 3);
    lite.setRemoteCredentials(RELAY_CREDS);
    relay.setRemoteLite(true);
    assertEquals(IceRole.CONTROLLING, relay.role());
    relay.addRemoteAddress(BROWSER, HOST_PRIORITY);

    byte[] check = only(relay.tick(0), BROWSER);
    deliver(relay, deliver(lite, check, RELAY, 0).reply(), BROWSER, 5);
    byte[] nomination = only(relay.tick(50), BROWSER);
    assertTrue(decoded(nomination).useCandidate());
    deliver(relay, deliver(lite, nomination, RELAY, 50).reply(), BROWSER, 55);
    assertEquals(BROWSER, relay.selectedAddress());
    assertEquals(RELAY, lite.selectedAddress());
  }

  @Test
  void rfc8445_7_3_wrongUsernameIsRejectedAndCounted() {
    IceAgent stranger = agent(IceRole.CONTROLLING, BROWSER_CREDS, 1, 4);
    stranger.setRemoteCredentials(new IceCredentials("other123", RELAY_CREDS.pwd()));
    stranger.addRemoteAddress(RELAY, HOST_PRIORITY);
    Delivery d = deliver(relay, only(stranger.tick(0), RELAY), BROWSER, 0);
    assertEquals(IceResult.REJECT, d.result());
    StunMessage err = decoded(d.reply());
    assertEquals(StunClass.ERROR_RESPONSE, err.messageClass());
    assertEquals(401, err.errorCode());
    assertEquals(-1, err.integrityAttribute(), "an unauthenticated request gets no MESSAGE-INTEGRITY");
    assertEquals(StunError.NONE, err.verifyFingerprint(true));
    assertEquals(1, relay.counters().get(IceError.BAD_USERNAME));
    assertEquals(0, relay.counters().answered());
    assertEquals(IceState.NEW, relay.state());
  }

  @Test
  void rfc5389_10_1_2_wrongPasswordIsRejectedAndCounted() {
    IceAgent stranger = agent(IceRole.CONTROLLING, BROWSER_CREDS, 1, 5);
    stranger.setRemoteCredentials(new IceCredentials(RELAY_CREDS.ufrag(), "not-the-relay-password-at-all".replace('-', 'x')));
    stranger.addRemoteAddress(RELAY, HOST_PRIORITY);
    Delivery d = deliver(relay, only(stranger.tick(0), RELAY), BROWSER, 0);
    assertEquals(IceResult.REJECT, d.result());
    assertEquals(401, decoded(d.reply()).errorCode());
    assertEquals(1, relay.counters().get(IceError.BAD_INTEGRITY));
  }

  @Test
  void rfc5389_10_1_2_missingCredentialsGet400() {
    Delivery d = deliver(relay, request(null, null, StunAttribute.ICE_CONTROLLING, 1, false), BROWSER, 0);
    assertEquals(400, decoded(d.reply()).errorCode());
    assertEquals(1, relay.counters().get(IceError.MISSING_CREDENTIALS));
  }

  @Test
  void rfc5389_7_3_1_unknownRequiredAttributeGets420WithIntegrity() {
    ByteBuf buf = Unpooled.buffer();
    new StunWriter().start(buf, Stun.BINDING_REQUEST, new TransactionId(1, 2))
        .string(StunAttribute.USERNAME, "rElAy123:brWs")
        .bytes(0x7ABC, new byte[] {1, 2, 3})
        .messageIntegrity(MessageIntegrity.shortTermKey(RELAY_CREDS.pwd()))
        .fingerprint();
    Delivery d = deliver(relay, ByteBufUtil.getBytes(buf), BROWSER, 0);
    buf.release();
    StunMessage err = decoded(d.reply());
    assertEquals(420, err.errorCode());
    assertArrayEquals(new int[] {0x7ABC}, err.unknownAttributes());
    assertEquals(StunError.NONE, err.verify(new MessageIntegrity(), MessageIntegrity.shortTermKey(RELAY_CREDS.pwd())));
  }

  @Test
  void rfc5389_7_3_badFingerprintAndGarbageAreDroppedSilently() {
    byte[] check = only(browser.tick(0), RELAY);
    check[check.length - 1] ^= 1;
    assertEquals(IceResult.DROP, deliver(relay, check, BROWSER, 0).result());
    assertEquals(1, relay.counters().get(IceError.BAD_FINGERPRINT));
    byte[] junk = ByteBufUtil.decodeHexDump("000100002112a443000000000000000000000000");
    assertEquals(IceResult.DROP, deliver(relay, junk, BROWSER, 0).result());
    assertEquals(1, relay.counters().malformed(StunError.BAD_COOKIE));
    assertEquals(1, relay.counters().get(IceError.MALFORMED));
  }

  @Test
  void responsesThatMatchNoCheckOrFailIntegrityAreDropped() {
    byte[] check = only(browser.tick(0), RELAY);
    byte[] reply = deliver(relay, check, BROWSER, 0).reply();
    assertEquals(IceResult.DROP, deliver(relay, reply, BROWSER, 1).result()); // relay sent no check
    assertEquals(1, relay.counters().get(IceError.UNMATCHED_RESPONSE));
    byte[] forged = reply.clone();
    forged[forged.length - 20] ^= 1; // inside the HMAC; FINGERPRINT now wrong too
    assertEquals(IceResult.DROP, deliver(browser, forged, RELAY, 2).result());
    assertEquals(1, browser.counters().get(IceError.BAD_RESPONSE));
    assertEquals(IceResult.DROP, deliver(browser, reply, new InetSocketAddress("198.51.100.1", 9), 3).result());
    assertEquals(1, browser.counters().get(IceError.NON_SYMMETRIC));
  }

  @Test
  void rfc8445_7_3_1_1_controllingConflictLoserSwitchesAndAnswers() {
    IceAgent relayControlling = agent(IceRole.CONTROLLING, RELAY_CREDS, 0x1000L, 6); // smaller
    relayControlling.setRemoteCredentials(BROWSER_CREDS);
    Delivery d = deliver(relayControlling, only(browser.tick(0), RELAY), BROWSER, 0);
    assertEquals(IceResult.REPLY, d.result());
    assertEquals(IceRole.CONTROLLED, relayControlling.role());
    assertEquals(1, relayControlling.counters().roleSwitches());
  }

  @Test
  void rfc8445_7_3_1_1_controllingConflictWinnerAnswers487AndPeerSwitches() {
    IceAgent relayControlling = agent(IceRole.CONTROLLING, RELAY_CREDS, 0xF000_0000_0000_0000L, 7); // larger unsigned
    relayControlling.setRemoteCredentials(BROWSER_CREDS);
    Delivery d = deliver(relayControlling, only(browser.tick(0), RELAY), BROWSER, 0);
    assertEquals(IceResult.REJECT, d.result());
    StunMessage err = decoded(d.reply());
    assertEquals(487, err.errorCode());
    assertEquals(IceRole.CONTROLLING, relayControlling.role());
    assertEquals(1, relayControlling.counters().get(IceError.ROLE_CONFLICT));

    // RFC 8445 §7.2.5.1: the browser takes the other role.
    assertEquals(IceResult.CONSUMED, deliver(browser, d.reply(), RELAY, 10).result());
    assertEquals(IceRole.CONTROLLED, browser.role());
  }

  @Test
  void rfc8445_7_3_1_1_controlledConflict() {
    byte[] bigger = request("rElAy123:brWs", RELAY_CREDS.pwd(), StunAttribute.ICE_CONTROLLED, 0x9999L, false);
    Delivery d = deliver(relay, bigger, BROWSER, 0); // relay's 0x1111 is smaller: it answers 487
    assertEquals(487, decoded(d.reply()).errorCode());
    assertEquals(IceRole.CONTROLLED, relay.role());

    byte[] smaller = request("rElAy123:brWs", RELAY_CREDS.pwd(), StunAttribute.ICE_CONTROLLED, 0x0001L, false);
    assertEquals(IceResult.REPLY, deliver(relay, smaller, BROWSER, 1).result());
    assertEquals(IceRole.CONTROLLING, relay.role());
  }

  @Test
  void rfc5389_7_2_1_retransmissionsAreIdenticalAndBounded() {
    List<Long> times = new ArrayList<>();
    byte[] first = null;
    for (long t = 0; t <= 45_000; t += 10) {
      for (IceTransmission tx : browser.tick(t)) {
        assertEquals(RELAY, tx.to());
        first = first == null ? tx.packet() : first;
        assertArrayEquals(first, tx.packet());
        times.add(t);
      }
      if (t < 39_500) {
        assertEquals(IceState.CHECKING, browser.state(), "at " + t);
      }
    }
    assertEquals(List.of(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L), times);
    assertEquals(39_500, IceTiming.DEFAULT.checkTimeoutMs());
    assertEquals(IceState.FAILED, browser.state());
    assertEquals(1, browser.counters().checksTimedOut());
    assertEquals(6, browser.counters().retransmissions());
  }

  @Test
  void rfc7675_5_1_consentIsRefreshedByResponsesAndExpiresAfter30s() {
    deliver(relay, request("rElAy123:brWs", RELAY_CREDS.pwd(), StunAttribute.ICE_CONTROLLING, 2, true), BROWSER, 0);
    assertEquals(BROWSER, relay.selectedAddress());

    long lastAnswered = 0;
    long previousCheck = 0;
    long expiredAt = -1;
    for (long t = 50; t <= 80_000 && expiredAt < 0; t += 50) {
      for (IceTransmission tx : relay.tick(t)) {
        assertEquals(BROWSER, tx.to());
        long gap = t - previousCheck;
        assertTrue(gap >= 4_000 && gap <= 6_050, "consent interval " + gap);
        previousCheck = t;
        if (t < 20_000) { // the browser answers until 20 s, then goes away
          Delivery answer = deliver(browser, tx.packet(), RELAY, t);
          assertEquals(IceResult.REPLY, answer.result());
          assertEquals(IceResult.CONSUMED, deliver(relay, answer.reply(), BROWSER, t).result());
          lastAnswered = t;
        }
      }
      if (relay.state() == IceState.FAILED) {
        expiredAt = t;
      }
    }
    assertTrue(lastAnswered >= 14_000, "several checks were answered");
    assertEquals(lastAnswered + 30_000, expiredAt);
    assertNull(relay.selectedAddress());
    assertEquals(1, relay.counters().consentExpired());
    assertEquals(relay.counters().consentChecks(), relay.counters().checksSent());
    assertTrue(relay.counters().consentChecks() >= 8, "one every 4..6 s until expiry");
  }

  @Test
  void rfc7675_5_1_consentExpiresWithoutAnyResponse() {
    deliver(relay, request("rElAy123:brWs", RELAY_CREDS.pwd(), StunAttribute.ICE_CONTROLLING, 2, true), BROWSER, 1_000);
    relay.tick(30_950);
    assertEquals(IceState.CONNECTED, relay.state());
    relay.tick(31_000);
    assertEquals(IceState.FAILED, relay.state());
    assertNotNull(relay.selected());
    assertTrue(relay.tick(40_000).isEmpty(), "no consent checks after expiry");
    deliver(relay, request("rElAy123:brWs", RELAY_CREDS.pwd(), StunAttribute.ICE_CONTROLLING, 2, true), BROWSER, 41_000);
    assertEquals(IceState.FAILED, relay.state(), "only an ICE restart (a new agent) recovers");
  }
}
