#!/usr/bin/python3
"""ffmpeg's srtp:// (SDES keys, AES_CM_128_HMAC_SHA1_80) <-> rtpmesh <-> a plain RTP phone.

ffmpeg sends or receives, not both on one port, so two calls:
  send:    ffmpeg offers RTP/SAVP with its a=crypto key and sends a F_SRTP tone in SRTP; the phone
           answers plain RTP/AVP and checks the tone by FFT (rtpmesh decrypts).
  receive: the phone offers plain RTP, rtpmesh offers RTP/SAVP with its own keys (flag
           transport-protocol=RTP/SAVP); the SDES side answers with one suite; ffmpeg receives with
           rtpmesh's key for that suite and writes a WAV whose F_PLAIN tone is checked by FFT.
Prints PASS/FAIL sdes-ffmpeg.
"""

import asyncio
import base64
import os
import random
import re
import shutil
import socket
import sys
import tempfile
import uuid
import wave

import numpy as np

import interop

F_SRTP = 1000.0
F_PLAIN = 440.0
SUITE = "AES_CM_128_HMAC_SHA1_80"
CHECK = "sdes-ffmpeg"


def free_pair():
    """An even port P with P and P+1 free for UDP (ffmpeg binds both)."""
    for _ in range(100):
        p = random.randrange(45000, 45998, 2)
        socks = []
        try:
            for q in (p, p + 1):
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                socks.append(s)
                s.bind(("127.0.0.1", q))
            return p
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise RuntimeError("no free UDP port pair")


def sdp(port, proto, crypto=None):
    lines = ["v=0", "o=- %d 1 IN IP4 127.0.0.1" % random.getrandbits(31), "s=ffmpeg",
             "c=IN IP4 127.0.0.1", "t=0 0", "m=audio %d %s 0" % (port, proto), "a=rtpmap:0 PCMU/8000"]
    if crypto:
        lines.append("a=crypto:" + crypto)
    lines.append("a=sendrecv")
    return "\r\n".join(lines) + "\r\n"


async def ffmpeg(*args, timeout=30):
    proc = await asyncio.create_subprocess_exec("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", *args,
                                                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    try:
        _, err = await asyncio.wait_for(proc.communicate(), timeout)
    except asyncio.TimeoutError:
        proc.kill()
        await proc.wait()
        raise RuntimeError("ffmpeg %s did not finish in %d s" % (" ".join(args[:4]), timeout))
    if proc.returncode != 0:
        raise RuntimeError("ffmpeg exit %d: %s" % (proc.returncode, err.decode(errors="replace")[-500:]))


async def ffmpeg_sends():
    call_id = "sdes-send-" + uuid.uuid4().hex
    key = base64.b64encode(os.urandom(30)).decode()
    port = free_pair()
    phone = await interop.PlainPhone.open(F_PLAIN)
    try:
        o = interop.ng("offer", **{"call-id": call_id, "from-tag": "ffmpeg",
                                   "sdp": sdp(port, "RTP/SAVP", "1 %s inline:%s" % (SUITE, key)),
                                   "transport-protocol": "RTP/AVP", "replace": ["origin", "session-connection"]})
        if "a=crypto" in o["sdp"] or " RTP/AVP " not in o["sdp"]:
            raise RuntimeError("offer to the phone is not plain RTP/AVP:\n" + o["sdp"])
        a = interop.ng("answer", **{"call-id": call_id, "from-tag": "ffmpeg", "to-tag": "phone", "sdp": phone.sdp(),
                                    "replace": ["origin", "session-connection"]})
        m = re.search(r"a=crypto:1 %s inline:" % SUITE, a["sdp"])
        if not m or " RTP/SAVP " not in a["sdp"]:
            raise RuntimeError("answer to the SDES offerer lacks RTP/SAVP + a=crypto:1 %s:\n%s" % (SUITE, a["sdp"]))
        relay = interop.sdp_media(a["sdp"])
        await ffmpeg("-re", "-f", "lavfi", "-i", "sine=frequency=%d:sample_rate=8000:duration=4" % F_SRTP,
                     "-c:a", "pcm_mulaw", "-ar", "8000", "-ac", "1", "-f", "rtp",
                     "-srtp_out_suite", SUITE, "-srtp_out_params", key,
                     "srtp://%s:%d?localrtpport=%d&pkt_size=200" % (relay[0], relay[1], port))
        await asyncio.sleep(0.3)
        heard = phone.audio()
        f, _ = interop.dominant(heard[4000:])
        r = interop.check_tone("the phone hears ffmpeg's SRTP", heard[4000:], F_SRTP)
        return ([] if r == "ok" else [r]), "phone heard %s Hz from %d packets" % (f and round(f), len(phone.received))
    finally:
        phone.stop()
        interop.ng("delete", **{"call-id": call_id, "from-tag": "ffmpeg", "delete-delay": 0})


async def ffmpeg_receives(tmp):
    call_id = "sdes-recv-" + uuid.uuid4().hex
    port = free_pair()
    phone = await interop.PlainPhone.open(F_PLAIN)
    try:
        o = interop.ng("offer", **{"call-id": call_id, "from-tag": "phone", "sdp": phone.sdp(),
                                   "transport-protocol": "RTP/SAVP", "replace": ["origin", "session-connection"]})
        m = re.search(r"a=crypto:(\d+) %s inline:([A-Za-z0-9+/=]+)" % SUITE, o["sdp"])
        if not m or " RTP/SAVP " not in o["sdp"]:
            raise RuntimeError("offer to the SDES side lacks RTP/SAVP + %s:\n%s" % (SUITE, o["sdp"]))
        tag, relay_key = m.group(1), m.group(2)
        mine = base64.b64encode(os.urandom(30)).decode()
        a = interop.ng("answer", **{"call-id": call_id, "from-tag": "phone", "to-tag": "ffmpeg",
                                    "sdp": sdp(port, "RTP/SAVP", "%s %s inline:%s" % (tag, SUITE, mine)),
                                    "transport-protocol": "RTP/AVP", "replace": ["origin", "session-connection"]})
        if "a=crypto" in a["sdp"] or " RTP/AVP " not in a["sdp"]:
            raise RuntimeError("answer to the phone is not plain RTP/AVP:\n" + a["sdp"])
        # ffmpeg decrypts what rtpmesh sends with the key rtpmesh offered
        sdp_file = os.path.join(tmp, "recv.sdp")
        with open(sdp_file, "w") as f:
            f.write(sdp(port, "RTP/SAVP", "1 %s inline:%s" % (SUITE, relay_key)))
        wav = os.path.join(tmp, "heard.wav")
        listening = asyncio.ensure_future(ffmpeg("-protocol_whitelist", "file,udp,rtp", "-i", sdp_file, "-t", "4",
                                                 "-ar", "8000", "-ac", "1", "-y", wav, timeout=30))
        await asyncio.sleep(0.5)
        phone.start(interop.sdp_media(a["sdp"]))
        await listening
        with wave.open(wav) as w:
            heard = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)
            rate = w.getframerate()
        f, _ = interop.dominant(heard[rate // 2:], rate)
        r = interop.check_tone("ffmpeg hears the phone through SRTP", heard[rate // 2:], F_PLAIN, rate)
        return ([] if r == "ok" else [r]), "ffmpeg heard %s Hz (%d samples, suite tag %s)" % (f and round(f), len(heard), tag)
    finally:
        phone.stop()
        interop.ng("delete", **{"call-id": call_id, "from-tag": "phone", "delete-delay": 0})


async def run():
    tmp = tempfile.mkdtemp(prefix="rtpmesh-sdes-")
    try:
        p1, d1 = await ffmpeg_sends()
        p2, d2 = await ffmpeg_receives(tmp)
        return p1 + p2, d1 + "; " + d2
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    if not shutil.which("ffmpeg"):
        print("FAIL %s: no ffmpeg" % CHECK)
        return 1
    try:
        problems, detail = asyncio.run(asyncio.wait_for(run(), 90))
    except Exception as e:  # noqa: BLE001 - every failure is a FAIL line with its reason
        problems, detail = ["%s: %s" % (type(e).__name__, e)], ""
    if problems:
        print("FAIL %s: %s (%s)" % (CHECK, "; ".join(problems), detail), flush=True)
        return 1
    print("PASS %s" % CHECK, flush=True)
    print("  %s" % detail, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
