#!/usr/bin/python3
"""aiortc (ICE, DTLS-SRTP, rtcp-mux) <-> rtpmesh <-> a plain RTP phone, both directions.

  offer:  aiortc offers (Opus + PCMU + PCMA), rtpmesh gets Kamailio's webrtc->sip flags, the phone
          answers PCMU; aiortc sends a F1 tone, the phone F2; each side checks what it decodes.
  answer: the phone offers PCMU, rtpmesh gets Kamailio's sip->webrtc flags, aiortc answers.

aioice leaves loopback out of its host candidates; the node listens on 127.0.0.1 only, so this
script replaces aioice.ice.get_host_addresses (the library is not changed) to gather 127.0.0.1.
Prints PASS/FAIL webrtc-aiortc-offer and webrtc-aiortc-answer.
Usage: webrtc_aiortc.py [offer|answer ...]   (ng port from INTEROP_NG_PORT)
"""

import asyncio
import fractions
import sys
import time
import uuid

import aioice.ice
import av
import numpy as np
from aiortc import MediaStreamTrack, RTCPeerConnection, RTCSessionDescription
from aiortc.rtcrtpsender import RTCRtpSender

import interop

aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"] if use_ipv4 else []

F_WEBRTC = 1000.0  # what aiortc sends
F_PLAIN = 440.0  # what the phone sends
TALK_SECONDS = 4.0

# Kamailio: rtpengine_offer/answer flags towards the SIP side and towards the browser.
TO_SIP = {"ICE": "remove", "DTLS": "off", "SDES": ["off"], "transport-protocol": "RTP/AVP",
          "rtcp-mux": ["demux"], "replace": ["origin", "session-connection"]}
# aiortc's SDP parser needs the address in a=rtcp (RFC 3605 makes it optional): full-rtcp-attribute.
TO_WEBRTC = {"ICE": "force", "DTLS": "passive", "transport-protocol": "UDP/TLS/RTP/SAVPF",
             "rtcp-mux": ["offer", "require"], "replace": ["origin", "session-connection"],
             "flags": ["full-rtcp-attribute"]}


class ToneTrack(MediaStreamTrack):
    """48 kHz mono sine frames of 20 ms, paced in real time."""
    kind = "audio"

    def __init__(self, freq):
        super().__init__()
        self.freq = freq
        self.n = 0
        self.t0 = None

    async def recv(self):
        if self.t0 is None:
            self.t0 = time.monotonic()
        await asyncio.sleep(max(0.0, self.t0 + self.n * 0.02 - time.monotonic()))
        samples = interop.tone(self.freq, 960, self.n * 960, rate=48000)
        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = 48000
        frame.pts = self.n * 960
        frame.time_base = fractions.Fraction(1, 48000)
        self.n += 1
        return frame


class Listener:
    """Collects the decoded audio of the remote track (mono, at the decoder's rate)."""

    def __init__(self):
        self.chunks = []
        self.rate = 8000
        self.codec = None

    def attach(self, pc):
        @pc.on("track")
        def on_track(track):
            asyncio.ensure_future(self._read(track))

    async def _read(self, track):
        try:
            while True:
                frame = await track.recv()
                self.rate = frame.sample_rate
                a = frame.to_ndarray().reshape(-1)
                ch = len(frame.layout.channels)
                self.chunks.append(a[::ch] if ch > 1 else a)
        except Exception:
            return

    def audio(self):
        return np.concatenate(self.chunks) if self.chunks else np.zeros(0, dtype=np.int16)


def pcmu_only(pc):
    t = pc.getTransceivers()[0]
    caps = RTCRtpSender.getCapabilities("audio").codecs
    t.setCodecPreferences([c for c in caps if c.mimeType == "audio/PCMU"])


async def talk(pc, phone, listener):
    await asyncio.sleep(TALK_SECONDS)
    heard_by_webrtc = listener.audio()
    heard_by_phone = phone.audio()
    # the first 0.5 s may hold the start of DTLS and jitter; judge the steady part
    w = interop.check_tone("aiortc hears the phone", heard_by_webrtc[listener.rate // 2:], F_PLAIN, listener.rate)
    p = interop.check_tone("the phone hears aiortc", heard_by_phone[4000:], F_WEBRTC)
    fw, _ = interop.dominant(heard_by_webrtc[listener.rate // 2:], listener.rate)
    fp, _ = interop.dominant(heard_by_phone[4000:])
    return [r for r in (w, p) if r != "ok"], (
        "aiortc heard %s Hz (%d samples @%d Hz, expected %.0f), the phone heard %s Hz (%d packets, expected %.0f)"
        % (fw and round(fw), len(heard_by_webrtc), listener.rate, F_PLAIN, fp and round(fp), len(phone.received), F_WEBRTC))


async def wait_connected(pc, seconds=15):
    deadline = time.monotonic() + seconds
    while pc.connectionState != "connected":
        if pc.connectionState == "failed" or time.monotonic() > deadline:
            raise RuntimeError("aiortc connection state %s (ICE %s)" % (pc.connectionState, pc.iceConnectionState))
        await asyncio.sleep(0.05)


async def webrtc_offers(codecs):
    """aiortc is the caller; the phone the callee."""
    call_id = "aiortc-offer-" + uuid.uuid4().hex
    pc = RTCPeerConnection()
    phone = await interop.PlainPhone.open(F_PLAIN)
    listener = Listener()
    listener.attach(pc)
    try:
        pc.addTrack(ToneTrack(F_WEBRTC))
        if codecs == "pcmu":
            pcmu_only(pc)
        await pc.setLocalDescription(await pc.createOffer())
        o = interop.ng("offer", **{"call-id": call_id, "from-tag": "aiortc", "sdp": pc.localDescription.sdp}, **TO_SIP)
        to_phone = o["sdp"]
        if "a=candidate" in to_phone or "a=fingerprint" in to_phone or " RTP/AVP " not in to_phone:
            raise RuntimeError("offer to the phone is not plain RTP/AVP:\n" + to_phone)
        a = interop.ng("answer", **{"call-id": call_id, "from-tag": "aiortc", "to-tag": "phone",
                                    "sdp": phone.sdp()}, **TO_WEBRTC)
        await pc.setRemoteDescription(RTCSessionDescription(a["sdp"], "answer"))
        phone.start(interop.sdp_media(to_phone))
        await wait_connected(pc)
        return await talk(pc, phone, listener)
    finally:
        phone.stop()
        await pc.close()
        try:
            interop.ng("delete", **{"call-id": call_id, "from-tag": "aiortc", "delete-delay": 0})
        except Exception:
            pass


async def webrtc_answers():
    """The phone is the caller; aiortc the callee."""
    call_id = "aiortc-answer-" + uuid.uuid4().hex
    pc = RTCPeerConnection()
    phone = await interop.PlainPhone.open(F_PLAIN)
    listener = Listener()
    listener.attach(pc)
    try:
        o = interop.ng("offer", **{"call-id": call_id, "from-tag": "phone", "sdp": phone.sdp()}, **TO_WEBRTC)
        await pc.setRemoteDescription(RTCSessionDescription(o["sdp"], "offer"))
        pc.addTrack(ToneTrack(F_WEBRTC))
        await pc.setLocalDescription(await pc.createAnswer())
        a = interop.ng("answer", **{"call-id": call_id, "from-tag": "phone", "to-tag": "aiortc",
                                    "sdp": pc.localDescription.sdp}, **TO_SIP)
        to_phone = a["sdp"]
        if "a=candidate" in to_phone or " RTP/AVP " not in to_phone:
            raise RuntimeError("answer to the phone is not plain RTP/AVP:\n" + to_phone)
        phone.start(interop.sdp_media(to_phone))
        await wait_connected(pc)
        return await talk(pc, phone, listener)
    finally:
        phone.stop()
        await pc.close()
        try:
            interop.ng("delete", **{"call-id": call_id, "from-tag": "phone", "delete-delay": 0})
        except Exception:
            pass


CASES = {
    "offer": lambda: webrtc_offers("all"),
    "offer-pcmu": lambda: webrtc_offers("pcmu"),
    "answer": webrtc_answers,
}


def main(names):
    failed = 0
    for name in names:
        check = "webrtc-aiortc-" + name
        try:
            problems, detail = asyncio.run(asyncio.wait_for(CASES[name](), 60))
        except Exception as e:  # noqa: BLE001 - every failure is a FAIL line with its reason
            problems, detail = ["%s: %s" % (type(e).__name__, e)], ""
        if problems:
            failed += 1
            print("FAIL %s: %s (%s)" % (check, "; ".join(problems), detail), flush=True)
        else:
            print("PASS %s" % check, flush=True)
            print("  %s" % detail, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["offer", "offer-pcmu", "answer"]))
