#!/usr/bin/python3
"""A SIPREC-style media fork driven by a real ng client: Debian's rtpengine-ng-client (rtpengine-utils)
sends offer, answer, subscribe request (--all --siprec, as OpenSIPS's copy_offer does), subscribe
answer and unsubscribe to rtpmesh; plain RTP phones say 440 Hz (A) and 1000 Hz (B); the recorder's
two streams must carry A's and B's tone (FFT). Prints PASS/FAIL fork-ng-client."""
import asyncio
import os
import re
import subprocess
import sys

import interop

NAME = "fork-ng-client"


def client(command, *args, sdp=None):
    """Runs rtpengine-ng-client; returns (new SDP or None, reply text)."""
    cmd = ["rtpengine-ng-client", "--proxy-address=127.0.0.1", "--proxy-port=%d" % interop.NG_PORT, *args]
    if sdp is not None:
        cmd.append("--sdp=" + sdp)
    cmd.append(command)
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
    text = out.stdout + out.stderr
    if out.returncode != 0 or "error-reason" in text:
        raise RuntimeError("rtpengine-ng-client %s failed: %s" % (command, text.strip()[-400:]))
    m = re.search(r"New SDP:\n-+8<[-8<]*\n(.*?)\n-+>8", text, re.S)
    return (m.group(1).replace("\n", "\r\n").replace("\r\r\n", "\r\n") if m else None), text


def ports(sdp):
    return [int(x) for x in re.findall(r"^m=audio (\d+) ", sdp, re.M)]


async def main():
    call = "fork-%d" % os.getpid()
    a = await interop.PlainPhone.open(440)
    b = await interop.PlainPhone.open(1000)
    r0 = await interop.PlainPhone.open(0)
    r1 = await interop.PlainPhone.open(0)
    try:
        to_b, _ = client("offer", "--call-id=" + call, "--from-tag=a", sdp=a.sdp())
        to_a, _ = client("answer", "--call-id=" + call, "--from-tag=a", "--to-tag=b", sdp=b.sdp())
        sub, text = client("subscribe request", "--call-id=" + call, "--all", "--siprec", "--to-tag=srs")
        if "srs" not in text or "a=label:0" not in sub or "a=label:1" not in sub or len(ports(sub)) != 2:
            return "FAIL %s: subscribe request reply: %s" % (NAME, text.strip()[-600:])
        answer = ("v=0\r\no=srs 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                  "m=audio %d RTP/AVP 0\r\nc=IN IP4 127.0.0.1\r\na=label:0\r\na=recvonly\r\n"
                  "m=audio %d RTP/AVP 0\r\nc=IN IP4 127.0.0.1\r\na=label:1\r\na=recvonly\r\n") % (r0.port, r1.port)
        client("subscribe answer", "--call-id=" + call, "--to-tag=srs", sdp=answer)
        a.start(interop.sdp_media(to_a))
        b.start(interop.sdp_media(to_b))
        await asyncio.sleep(1.5)
        checks = [interop.check_tone("B hears A", b.audio(), 440), interop.check_tone("A hears B", a.audio(), 1000),
                  interop.check_tone("recorder stream 0 (caller)", r0.audio(), 440),
                  interop.check_tone("recorder stream 1 (callee)", r1.audio(), 1000)]
        client("unsubscribe", "--call-id=" + call, "--to-tag=srs")
        await asyncio.sleep(0.3)
        heard = len(r0.received) + len(r1.received)
        await asyncio.sleep(0.5)
        if len(r0.received) + len(r1.received) != heard:
            checks.append("the recorder still gets media after unsubscribe")
        client("delete", "--call-id=" + call, "--from-tag=a")
        bad = [c for c in checks if c != "ok"]
        return ("FAIL %s: %s" % (NAME, "; ".join(bad))) if bad else "PASS " + NAME
    finally:
        for p in (a, b, r0, r1):
            p.stop()


if __name__ == "__main__":
    interop.wait_for_node(120)
    try:
        result = asyncio.run(main())
    except Exception as e:  # a failed ng command or socket: the check fails, it does not crash .ci/run
        result = "FAIL %s: %s" % (NAME, e)
    print(result)
    sys.exit(0 if result.startswith("PASS") else 1)
