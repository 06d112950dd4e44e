package rtpmesh.media.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop over real UDP loopback: {@code openssl s_client -dtls1_2 -use_srtp} against our server
 * endpoint; both sides export the RFC 5764 §4.2 keying material and must agree. Skipped when the
 * machine has no openssl.
 */
class OpensslClientTest {
  private static final DtlsCertificate OURS = DtlsCertificate.generate("rtpmesh");

  private static boolean haveOpenssl() {
    try {
      Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
      return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static void run(Path dir, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
    }
  }

  @Test
  void rfc5764HandshakeAgainstOpensslClientOverUdp(@TempDir Path dir) throws Exception {
    assumeTrue(haveOpenssl(), "openssl not installed");
    run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=openssl", "-keyout", "k.pem",
        "-out", "c.pem", "-days", "1");
    byte[] clientDer = CertificateFactory.getInstance("X.509")
        .generateCertificate(Files.newInputStream(dir.resolve("c.pem"))).getEncoded();

    try (DtlsHandshakePool pool = new DtlsHandshakePool(1, 1);
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        LoopedEndpoint server = new LoopedEndpoint("udp", pool, OURS,
            DtlsParams.of(DtlsRole.SERVER, List.of(DtlsFingerprint.of("sha-256", clientDer))))) {
      CompletableFuture<SocketAddress> peer = new CompletableFuture<>();
      server.wire = d -> {
        byte[] bytes = ByteBufUtil.getBytes(d);
        d.release();
        try {
          socket.send(new DatagramPacket(bytes, bytes.length, peer.getNow(null)));
        } catch (Exception e) {
          // the test fails on the missing result
        }
      };
      Thread reader = new Thread(() -> {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
          try {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p);
            peer.complete(p.getSocketAddress());
            server.deliver(Unpooled.copiedBuffer(p.getData(), p.getOffset(), p.getLength()));
          } catch (Exception e) {
            return;
          }
        }
      }, "udp-reader");
      reader.setDaemon(true);
      reader.start();
      server.start();

      int port = ((InetSocketAddress) socket.getLocalSocketAddress()).getPort();
      Process client = new ProcessBuilder("openssl", "s_client", "-dtls1_2",
          "-connect", "127.0.0.1:" + port, "-use_srtp", "SRTP_AES128_CM_SHA1_80",
          "-cert", "c.pem", "-key", "k.pem",
          "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", "60")
          .directory(dir.toFile()).redirectErrorStream(true).start();
      try {
        DtlsSrtpKeys ours = server.connected(15).keys();
        byte[] material = null;
        BufferedReader out = new BufferedReader(
            new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
          if (line.contains("Keying material:")) {
            material = HexFormat.of().parseHex(line.substring(line.indexOf(':') + 1).trim());
            break;
          }
        }
        assertEquals(60, material == null ? 0 : material.length, "s_client printed the material");
        assertEquals(DtlsSrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, ours.profile());
        assertArrayEquals(Arrays.copyOfRange(material, 0, 16), ours.remoteKey());
        assertArrayEquals(Arrays.copyOfRange(material, 16, 32), ours.localKey());
        assertArrayEquals(Arrays.copyOfRange(material, 32, 46), ours.remoteSalt());
        assertArrayEquals(Arrays.copyOfRange(material, 46, 60), ours.localSalt());

        client.getOutputStream().close(); // stdin EOF: s_client sends close_notify and exits
        assertEquals(new DtlsResult.Closed(true), server.next(10));
      } finally {
        client.destroy();
        client.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
