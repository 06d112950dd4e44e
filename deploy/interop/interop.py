"""Shared pieces of the interop checks in deploy/interop: an ng client, G.711, tones and their FFT
check, and a plain RTP phone on a UDP socket. Stdlib + numpy (Debian's python3-numpy); no Vert.x,
no rtpmesh code: these talk to a node only over its sockets, as a proxy and a phone would."""

import asyncio
import os
import random
import socket
import struct
import time

import numpy as np

NG_HOST = "127.0.0.1"
NG_PORT = int(os.environ.get("INTEROP_NG_PORT", "22340"))
RATE = 8000
PTIME_SAMPLES = 160  # 20 ms of 8 kHz


# ------------------------------------------------------------------ ng (bencode over UDP)

def bencode(o):
    if isinstance(o, int) and not isinstance(o, bool):
        return b"i%de" % o
    if isinstance(o, str):
        o = o.encode()
    if isinstance(o, bytes):
        return b"%d:%s" % (len(o), o)
    if isinstance(o, (list, tuple)):
        return b"l" + b"".join(bencode(x) for x in o) + b"e"
    if isinstance(o, dict):
        items = sorted((k.encode() if isinstance(k, str) else k, v) for k, v in o.items())
        return b"d" + b"".join(bencode(k) + bencode(v) for k, v in items) + b"e"
    raise TypeError(type(o))


def bdecode(b, i=0):
    c = b[i:i + 1]
    if c == b"i":
        e = b.index(b"e", i)
        return int(b[i + 1:e]), e + 1
    if c in (b"l", b"d"):
        i += 1
        out = []
        while b[i:i + 1] != b"e":
            v, i = bdecode(b, i)
            out.append(v)
        if c == b"l":
            return out, i + 1
        return {out[k]: out[k + 1] for k in range(0, len(out), 2)}, i + 1
    colon = b.index(b":", i)
    n = int(b[i:colon])
    s = b[colon + 1:colon + 1 + n]
    try:
        return s.decode(), colon + 1 + n
    except UnicodeDecodeError:
        return s, colon + 1 + n


def ng(command, port=None, **fields):
    """One ng command; returns the reply dict, raises unless result is ok (or pong)."""
    msg = dict(fields)
    msg["command"] = command
    cookie = "%08x" % random.getrandbits(32)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(2.0)
    try:
        for _ in range(3):
            s.sendto(cookie.encode() + b" " + bencode(msg), (NG_HOST, port or NG_PORT))
            try:
                data = s.recv(65535)
            except socket.timeout:
                continue
            head, _, body = data.partition(b" ")
            if head.decode() == cookie:
                reply, _ = bdecode(body)
                if reply.get("result") not in ("ok", "pong"):
                    raise RuntimeError("ng %s: %s" % (command, reply))
                return reply
        raise RuntimeError("ng %s: no reply from %s:%d" % (command, NG_HOST, port or NG_PORT))
    finally:
        s.close()


def wait_for_node(seconds=90, port=None):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            ng("ping", port)
            return
        except Exception:
            time.sleep(0.5)
    raise RuntimeError("node on ng port %d does not answer ping" % (port or NG_PORT))


# ------------------------------------------------------------------ G.711 (ITU-T G.711)

def _ulaw_table():
    t = np.zeros(256, dtype=np.int16)
    for i in range(256):
        u = ~i & 0xFF
        sign, exp, mant = u & 0x80, (u >> 4) & 7, u & 0x0F
        v = ((mant << 3) + 0x84) << exp
        v -= 0x84
        t[i] = -v if sign else v
    return t


def _alaw_table():
    t = np.zeros(256, dtype=np.int16)
    for i in range(256):
        a = i ^ 0x55
        sign, exp, mant = a & 0x80, (a >> 4) & 7, a & 0x0F
        v = (mant << 4) + 8 if exp == 0 else ((mant << 4) + 0x108) << (exp - 1)
        t[i] = v if sign else -v
    return t


ULAW = _ulaw_table()
ALAW = _alaw_table()


def ulaw_encode(pcm):
    """int16 samples -> mu-law bytes."""
    x = np.clip(pcm.astype(np.int32), -32635, 32635)
    sign = np.where(x < 0, 0x80, 0)
    x = np.abs(x) + 0x84
    exp = np.floor(np.log2(x)).astype(np.int32) - 7
    exp = np.clip(exp, 0, 7)
    mant = (x >> (exp + 3)) & 0x0F
    return (~(sign | (exp << 4) | mant) & 0xFF).astype(np.uint8).tobytes()


def g711_decode(payload, pt):
    table = ULAW if pt == 0 else ALAW
    return table[np.frombuffer(payload, dtype=np.uint8)]


# ------------------------------------------------------------------ tones

def tone(freq, n, start=0, rate=RATE, amplitude=8000):
    t = (np.arange(n) + start) / rate
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.int16)


def dominant(samples, rate=RATE):
    """The strongest frequency of the samples (Hann-windowed FFT), and its share of the energy."""
    x = np.asarray(samples, dtype=np.float64)
    if len(x) < rate // 10:
        return None, 0.0
    x = x - x.mean()
    spec = np.abs(np.fft.rfft(x * np.hanning(len(x)))) ** 2
    spec[0] = 0
    k = int(np.argmax(spec))
    band = spec[max(k - 3, 0):k + 4].sum()
    return k * rate / len(x), float(band / max(spec.sum(), 1e-9))


def check_tone(name, samples, expected, rate=RATE, tolerance=15.0):
    """'ok' or why not: the received audio's dominant frequency is `expected` (Hz)."""
    f, share = dominant(samples, rate)
    if f is None:
        return "%s: only %d samples received" % (name, len(samples))
    if abs(f - expected) > tolerance or share < 0.5:
        return "%s: dominant %.1f Hz (%.0f%% of the energy), expected %.0f Hz" % (name, f, 100 * share, expected)
    return "ok"


# ------------------------------------------------------------------ a plain RTP phone

class PlainPhone(asyncio.DatagramProtocol):
    """A phone without ICE/DTLS/SRTP: sends a G.711 tone every 20 ms to where the SDP it got says,
    keeps what it receives (by sequence number). RTCP is ignored."""

    def __init__(self, freq, pt=0, ssrc=None):
        self.freq = freq
        self.pt = pt
        self.ssrc = ssrc if ssrc is not None else random.getrandbits(32)
        self.transport = None
        self.port = 0
        self.target = None
        self.received = {}  # seq -> (pt, payload)
        self.sources = set()
        self._task = None

    @classmethod
    async def open(cls, freq, pt=0):
        loop = asyncio.get_running_loop()
        # an even RTP port with RTCP = port + 1, like a phone
        for _ in range(50):
            port = random.randrange(45000, 45998, 2)
            try:
                transport, phone = await loop.create_datagram_endpoint(
                    lambda: cls(freq, pt), local_addr=("127.0.0.1", port))
                phone.port = port
                return phone
            except OSError:
                continue
        raise RuntimeError("no free UDP port for the plain phone")

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        if len(data) < 12 or data[0] >> 6 != 2:
            return
        pt = data[1] & 0x7F
        if 72 <= pt <= 76:  # RTCP on the RTP port
            return
        cc = data[0] & 0x0F
        off = 12 + 4 * cc
        if data[0] & 0x10 and len(data) >= off + 4:
            off += 4 + 4 * struct.unpack("!H", data[off + 2:off + 4])[0]
        end = len(data) - (data[-1] if data[0] & 0x20 else 0)
        seq = struct.unpack("!H", data[2:4])[0]
        self.received[seq] = (pt, data[off:end])
        self.sources.add(addr)

    def sdp(self, codecs=((0, "PCMU"),), session="plain"):
        pts = " ".join(str(p) for p, _ in codecs)
        lines = ["v=0", "o=- %d 1 IN IP4 127.0.0.1" % random.getrandbits(31), "s=" + session,
                 "c=IN IP4 127.0.0.1", "t=0 0", "m=audio %d RTP/AVP %s" % (self.port, pts)]
        lines += ["a=rtpmap:%d %s/8000" % (p, n) for p, n in codecs]
        lines += ["a=ptime:20", "a=sendrecv"]
        return "\r\n".join(lines) + "\r\n"

    def start(self, target):
        self.target = target
        self._task = asyncio.ensure_future(self._send())

    async def _send(self):
        seq = random.getrandbits(15)
        ts = random.getrandbits(31)
        n = 0
        t0 = time.monotonic()
        encode = ulaw_encode if self.pt == 0 else alaw_encode
        while True:
            payload = encode(tone(self.freq, PTIME_SAMPLES, n * PTIME_SAMPLES))
            hdr = struct.pack("!BBHII", 0x80, self.pt | (0x80 if n == 0 else 0), seq & 0xFFFF, ts & 0xFFFFFFFF, self.ssrc)
            self.transport.sendto(hdr + payload, self.target)
            n += 1
            seq += 1
            ts += PTIME_SAMPLES
            await asyncio.sleep(max(0.0, t0 + n * 0.02 - time.monotonic()))

    def stop(self):
        if self._task:
            self._task.cancel()
        if self.transport:
            self.transport.close()

    def audio(self):
        """What it heard, decoded, in sequence order (wrap-aware enough for a short call)."""
        if not self.received:
            return np.zeros(0, dtype=np.int16)
        seqs = sorted(self.received)
        if seqs[-1] - seqs[0] > 32768:  # wrapped: the low ones came later
            seqs = [s for s in seqs if s >= 32768] + [s for s in seqs if s < 32768]
        parts = [g711_decode(self.received[s][1], self.received[s][0]) for s in seqs
                 if self.received[s][0] in (0, 8)]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16)


def alaw_encode(pcm):
    """int16 samples -> A-law bytes (via the decode table: nearest code)."""
    order = np.argsort(ALAW)
    sorted_vals = ALAW[order]
    idx = np.clip(np.searchsorted(sorted_vals, pcm), 1, 255)
    left, right = sorted_vals[idx - 1], sorted_vals[idx]
    pick = np.where(np.abs(pcm - left) <= np.abs(right - pcm), idx - 1, idx)
    return order[pick].astype(np.uint8).tobytes()


def sdp_media(sdp):
    """(address, port) of the first m= line of an SDP (session or media c=)."""
    addr, port = None, None
    for line in sdp.replace("\r\n", "\n").split("\n"):
        if line.startswith("c=IN IP4 "):
            addr = line.split()[2]
        elif line.startswith("m=") and port is None:
            port = int(line.split()[1])
    return addr, port
