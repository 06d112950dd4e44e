package rtpmesh.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Interop against an independent SRTP written here in Python over the {@code cryptography}
 * package (OpenSSL's AES-CTR, AES-GCM and HMAC-SHA1): same master key, same packets, byte-equal
 * output for every suite, across a ROC wrap and for SRTCP. Skipped when python3 or cryptography
 * is missing.
 */
class PythonCryptographyInteropTest {
  static final String SCRIPT = """
      import sys, hmac, hashlib
      from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
      from cryptography.hazmat.primitives.ciphers.aead import AESGCM

      def ctr(key, iv, data):
          e = Cipher(algorithms.AES(key), modes.CTR(iv)).encryptor()
          return e.update(data) + e.finalize()

      def prf(mk, ms, label, n):  # RFC 3711 4.3.3, salt right-padded to 14
          x = bytearray(ms.ljust(14, b'\\0')); x[7] ^= label
          return ctr(mk, bytes(x) + b'\\0\\0', b'\\0' * n) if n else b''

      def keys(aead, null, mk, ms, base):
          return (b'' if null else prf(mk, ms, base, len(mk)),
                  b'' if aead else prf(mk, ms, base + 1, 20),
                  b'' if null else prf(mk, ms, base + 2, len(ms)))

      def cm_iv(salt, ssrc, index):
          x = int.from_bytes(salt, 'big') << 16
          x ^= ssrc << 64
          x ^= index << 16
          return x.to_bytes(16, 'big')

      def gcm_iv(salt, ssrc, tail):
          return bytes(a ^ b for a, b in zip(b'\\0\\0' + ssrc.to_bytes(4, 'big') + tail, salt))

      for line in sys.stdin:
          kind, suite, mk, ms, n, tag, pkt = line.split()
          mk, ms, pkt, n, tag = bytes.fromhex(mk), bytes.fromhex(ms), bytes.fromhex(pkt), int(n), int(tag)
          aead, null = suite.startswith('AEAD'), suite.startswith('NULL')
          if kind == 'rtp':
              ek, ak, salt = keys(aead, null, mk, ms, 0)
              cc, x = pkt[0] & 15, pkt[0] & 16
              hl = 12 + 4 * cc
              if x: hl += 4 + 4 * int.from_bytes(pkt[hl + 2:hl + 4], 'big')
              hdr, body = pkt[:hl], pkt[hl:]
              ssrc, seq = int.from_bytes(pkt[8:12], 'big'), int.from_bytes(pkt[2:4], 'big')
              index = (n << 16) | seq
              if aead:
                  out = hdr + AESGCM(ek).encrypt(gcm_iv(salt, ssrc, index.to_bytes(6, 'big')), body, hdr)
              else:
                  enc = body if null else ctr(ek, cm_iv(salt, ssrc, index), body)
                  out = hdr + enc
                  out += hmac.new(ak, out + n.to_bytes(4, 'big'), hashlib.sha1).digest()[:tag]
          else:
              ek, ak, salt = keys(aead, null, mk, ms, 3)
              ssrc = int.from_bytes(pkt[4:8], 'big')
              word = ((0 if null else 0x80000000) | n).to_bytes(4, 'big')
              if aead:
                  ct = AESGCM(ek).encrypt(gcm_iv(salt, ssrc, b'\\0\\0' + n.to_bytes(4, 'big')), pkt[8:], pkt[:8] + word)
                  out = pkt[:8] + ct + word
              else:
                  enc = pkt[8:] if null else ctr(ek, cm_iv(salt, ssrc, n), pkt[8:])
                  out = pkt[:8] + enc + word
                  out += hmac.new(ak, out, hashlib.sha1).digest()[:tag]
          print(out.hex())
      """;

  @Test
  void everySuiteMatchesAnIndependentImplementation() throws Exception {
    assumeTrue(python("import cryptography", "") != null, "python3 with cryptography not available");
    StringBuilder input = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (SrtpSuite suite : SrtpSuite.values()) {
      if (!suite.isSupported()) {
        continue;
      }
      byte[] key = new byte[suite.masterKeyLength()];
      byte[] salt = new byte[suite.masterSaltLength()];
      new java.util.Random(suite.ordinal()).nextBytes(key);
      new java.util.Random(~suite.ordinal()).nextBytes(salt);
      SrtpContext tx = SrtpContext.create(suite, key, salt);
      int ssrc = 0xcafe0000 | suite.ordinal();
      for (int i = 65533; i < 65538; i++) {
        byte[] plain = SrtpContextTest.rtp(i & 0xffff, 37 + i % 7, ssrc);
        int roc = i >>> 16;
        byte[] srtp = SrtpContextTest.protect(tx, plain);
        line(input, "rtp", suite, key, salt, roc, suite.rtpTagLength(), plain);
        expected.add(Hex.of(srtp));
      }
      for (int i = 0; i < 3; i++) {
        byte[] plain = SrtpContextTest.rtcp(ssrc, 24 + 4 * i);
        int index = tx.nextSrtcpIndex(ssrc);
        byte[] a = Arrays.copyOf(plain, plain.length + suite.rtcpTrailerLength());
        int len = tx.protectRtcp(a, 0, plain.length);
        line(input, "rtcp", suite, key, salt, index, suite.rtcpTagLength(), plain);
        expected.add(Hex.of(a, 0, len));
      }
    }
    String out = python(SCRIPT, input.toString());
    assertEquals(String.join("\n", expected), out.strip());
  }

  private static void line(StringBuilder sb, String kind, SrtpSuite suite, byte[] key, byte[] salt,
      int n, int tag, byte[] packet) {
    sb.append(kind).append(' ').append(suite.sdesName()).append(' ').append(Hex.of(key)).append(' ')
        .append(Hex.of(salt)).append(' ').append(n).append(' ').append(tag).append(' ')
        .append(Hex.of(packet)).append('\n');
  }

  /** Output of {@code python3 -c script} fed {@code stdin}, or null when it cannot run. */
  private static String python(String script, String stdin) throws InterruptedException {
    try {
      Process p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.US_ASCII));
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
      if (!ok && !stdin.isEmpty()) {
        fail("python interop script failed:\n" + out);
      }
      return ok ? out : null;
    } catch (IOException e) {
      return null;
    }
  }
}
