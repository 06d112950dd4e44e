package rtpmesh.control.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import rtpmesh.media.codec.G711;
import rtpmesh.media.codec.Signals;

/**
 * A phone that speaks PCMU: sends a continuous sine (20 ms packets, paced by a thread, one SSRC,
 * consecutive sequence numbers and timestamps) and records every RTP packet it gets, each 20 ms
 * frame classified by which test tone it carries (Goertzel).
 */
final class ToneParty implements AutoCloseable {
  /** One received packet: its RTP header fields and what it sounds like. */
  record Heard(int ssrc, int seq, int ts, boolean marker, String tone) {}

  final DatagramSocket socket;
  final int ssrc = ThreadLocalRandom.current().nextInt();
  private final List<Heard> heard = new ArrayList<>();
  private final Thread receiver;
  private Thread sender;
  private volatile boolean sending;
  private volatile double freq;
  private volatile int relayPort;

  ToneParty() {
    try {
      socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
    receiver = new Thread(this::receive, "tone-party-rx");
    receiver.setDaemon(true);
    receiver.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  /** Starts (or retunes) a tone of {@code hz} towards {@code port} on the relay. */
  void send(int port, double hz) {
    relayPort = port;
    freq = hz;
    if (sending) return;
    sending = true;
    sender = new Thread(this::sendLoop, "tone-party-tx");
    sender.setDaemon(true);
    sender.start();
  }

  void stopSending() {
    sending = false;
    if (sender != null) {
      try {
        sender.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void sendLoop() {
    int seq = ThreadLocalRandom.current().nextInt(1 << 16);
    int ts = ThreadLocalRandom.current().nextInt();
    double phase = 0;
    long next = System.nanoTime();
    byte[] p = new byte[12 + 160];
    while (sending) {
      p[0] = (byte) 0x80;
      p[1] = 0;
      p[2] = (byte) (seq >> 8);
      p[3] = (byte) seq;
      for (int i = 0; i < 4; i++) p[4 + i] = (byte) (ts >> (24 - 8 * i));
      for (int i = 0; i < 4; i++) p[8 + i] = (byte) (ssrc >> (24 - 8 * i));
      for (int i = 0; i < 160; i++) {
        p[12 + i] = G711.ulawEncode((int) Math.round(8000 * Math.sin(phase)));
        phase += 2 * Math.PI * freq / 8000;
      }
      try {
        socket.send(new DatagramPacket(p, p.length, new InetSocketAddress("127.0.0.1", relayPort)));
      } catch (IOException e) {
        return;
      }
      seq = (seq + 1) & 0xFFFF;
      ts += 160;
      next += 20_000_000;
      long sleep = next - System.nanoTime();
      if (sleep > 0) {
        try {
          Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void receive() {
    byte[] buf = new byte[2048];
    while (!socket.isClosed()) {
      DatagramPacket d = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(d);
      } catch (IOException e) {
        return;
      }
      byte[] b = d.getData();
      int len = d.getLength();
      if (len < 12 || (b[0] & 0xC0) != 0x80 || (b[1] & 0x7F) >= 72 && (b[1] & 0x7F) <= 76) continue; // not RTP
      int seq = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
      int ts = ((b[4] & 0xFF) << 24) | ((b[5] & 0xFF) << 16) | ((b[6] & 0xFF) << 8) | (b[7] & 0xFF);
      int ssrc = ((b[8] & 0xFF) << 24) | ((b[9] & 0xFF) << 16) | ((b[10] & 0xFF) << 8) | (b[11] & 0xFF);
      short[] pcm = new short[len - 12];
      for (int i = 0; i < pcm.length; i++) pcm[i] = G711.ulawDecode(b[12 + i] & 0xFF);
      synchronized (heard) {
        heard.add(new Heard(ssrc, seq, ts, (b[1] & 0x80) != 0, tone(pcm)));
      }
    }
  }

  /** "440", "1000", "silence" or "other": which of the test tones a frame carries. */
  static String tone(short[] pcm) {
    double rms = 0;
    for (short s : pcm) rms += (double) s * s;
    rms = Math.sqrt(rms / Math.max(1, pcm.length));
    if (rms < 200) return "silence";
    double p440 = goertzel(pcm, 440);
    double p1000 = goertzel(pcm, 1000);
    if (p440 > 10 * p1000) return "440";
    if (p1000 > 10 * p440) return "1000";
    return "other";
  }

  /** Power at {@code hz} over the frame (Goertzel), 8 kHz samples. */
  static double goertzel(short[] x, double hz) {
    return Signals.power(x, 0, x.length, hz, 8000);
  }

  List<Heard> heard() {
    synchronized (heard) {
      return List.copyOf(heard);
    }
  }

  void forget() {
    synchronized (heard) {
      heard.clear();
    }
  }

  /** The tones heard, consecutive equal ones collapsed: ["440 x51", "1000 x50", "440 x40"]. */
  static List<String> runs(List<Heard> frames) {
    List<String> out = new ArrayList<>();
    String cur = null;
    int n = 0;
    for (Heard h : frames) {
      if (h.tone().equals(cur)) {
        n++;
        continue;
      }
      if (cur != null) out.add(cur + " x" + n);
      cur = h.tone();
      n = 1;
    }
    if (cur != null) out.add(cur + " x" + n);
    return out;
  }

  @Override
  public void close() {
    stopSending();
    socket.close();
  }
}
