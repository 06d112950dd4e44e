#!/usr/bin/python3
"""Headless Chromium (Debian's chromium) calls a plain PCMU phone through rtpmesh.

The page is served from 127.0.0.1 (a secure context, so getUserMedia works): it opens the fake
audio device (--use-fake-device-for-media-stream, granted by --use-fake-ui-for-media-stream), and
sends a WebAudio oscillator of F_BROWSER Hz, a tone the phone can check by FFT (the fake device's
beeps are not). This script drives the page over the DevTools protocol on a pipe
(--remote-debugging-pipe: NUL-terminated JSON on fds 3/4, stdlib only) and signals the call through
rtpmesh with Kamailio's webrtc flags. The phone checks the browser's tone by FFT; the page reports
getStats (inbound-rtp packetsReceived, audioLevel) and the dominant frequency of what it plays
(WebAudio AnalyserNode), which must be the phone's F_PLAIN. Prints PASS/FAIL webrtc-chromium.
"""

import asyncio
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import interop

F_BROWSER = 1000.0
F_PLAIN = 440.0
TALK_SECONDS = 5.0
CHECK = "webrtc-chromium"

TO_SIP = {"ICE": "remove", "DTLS": "off", "SDES": ["off"], "transport-protocol": "RTP/AVP",
          "rtcp-mux": ["demux"], "replace": ["origin", "session-connection"]}
TO_WEBRTC = {"ICE": "force", "DTLS": "passive", "transport-protocol": "UDP/TLS/RTP/SAVPF",
             "rtcp-mux": ["offer", "require"], "replace": ["origin", "session-connection"]}

PAGE = """<!doctype html><html><body><audio id="out" autoplay></audio><script>
let pc, ctx, analyser, fakeTrack;
async function makeOffer(freq) {
  const fake = await navigator.mediaDevices.getUserMedia({audio: true});
  fakeTrack = fake.getAudioTracks()[0];
  ctx = new AudioContext({sampleRate: 48000});
  const osc = ctx.createOscillator();
  osc.frequency.value = freq;
  const gain = ctx.createGain(); gain.gain.value = 0.3;
  const dest = ctx.createMediaStreamDestination();
  osc.connect(gain).connect(dest); osc.start();
  pc = new RTCPeerConnection({iceServers: []});
  pc.addTrack(dest.stream.getAudioTracks()[0], dest.stream);
  pc.ontrack = (e) => {
    const stream = e.streams[0] || new MediaStream([e.track]);
    document.getElementById('out').srcObject = stream;  // Chrome feeds WebAudio only when played
    analyser = ctx.createAnalyser(); analyser.fftSize = 8192;
    ctx.createMediaStreamSource(stream).connect(analyser);
  };
  await pc.setLocalDescription(await pc.createOffer());
  if (pc.iceGatheringState !== 'complete') {
    await new Promise(r => { pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && r();
                             setTimeout(r, 5000); });
  }
  return pc.localDescription.sdp;
}
async function takeAnswer(sdp) { await pc.setRemoteDescription({type: 'answer', sdp}); return pc.signalingState; }
async function report() {
  const out = {connection: pc.connectionState, ice: pc.iceConnectionState, fakeDevice: fakeTrack && fakeTrack.readyState};
  (await pc.getStats()).forEach(s => {
    if (s.type === 'inbound-rtp' && s.kind === 'audio') { out.packetsReceived = s.packetsReceived; out.audioLevel = s.audioLevel;
      out.packetsLost = s.packetsLost; out.codecId = s.codecId; }
    if (s.type === 'outbound-rtp' && s.kind === 'audio') out.packetsSent = s.packetsSent;
  });
  if (analyser) {
    const bins = new Float32Array(analyser.frequencyBinCount); analyser.getFloatFrequencyData(bins);
    let k = 1; for (let i = 1; i < bins.length; i++) if (bins[i] > bins[k]) k = i;
    out.dominantHz = k * ctx.sampleRate / analyser.fftSize; out.dominantDb = bins[k];
  }
  return out;
}
</script></body></html>"""


class Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        body = PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class DevTools:
    """The DevTools protocol over --remote-debugging-pipe (fd 3 to Chromium, fd 4 from it)."""

    def __init__(self, chromium, profile):
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()
        # the child must see the pipe ends as fds 3 and 4
        os.set_inheritable(to_child_r, True)
        os.set_inheritable(from_child_w, True)
        args = [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=" + profile, "--remote-debugging-pipe",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--autoplay-policy=no-user-gesture-required", "--allow-loopback-in-peer-connection",
                "--disable-features=WebRtcHideLocalIpsWithMdns", "about:blank"]

        def fds():  # in the child: move the pipe ends to 3 and 4 (via fds above both)
            r, w = os.dup(to_child_r) + 100, os.dup(from_child_w) + 100
            os.dup2(to_child_r, r)
            os.dup2(from_child_w, w)
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.proc = subprocess.Popen(args, preexec_fn=fds, close_fds=False,
                                     stdout=subprocess.DEVNULL, stderr=open(os.path.join(profile, "chromium.log"), "w"))
        os.close(to_child_r)
        os.close(from_child_w)
        self.buf = b""
        self.next_id = 0

    def call(self, method, session=None, timeout=30, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self.to_child, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while time.time() < deadline:
            while b"\0" in self.buf:
                raw, self.buf = self.buf.split(b"\0", 1)
                reply = json.loads(raw)
                if reply.get("id") == self.next_id:
                    if "error" in reply:
                        raise RuntimeError("%s: %s" % (method, reply["error"]))
                    return reply["result"]
            chunk = os.read(self.from_child, 65536)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe (see chromium.log)")
            self.buf += chunk
        raise RuntimeError("%s: no answer in %d s" % (method, timeout))

    def evaluate(self, session, expr, timeout=30):
        r = self.call("Runtime.evaluate", session, timeout, expression=expr, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in r:
            raise RuntimeError("page: %s" % json.dumps(r["exceptionDetails"])[:500])
        return r["result"].get("value")

    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


async def run(chromium):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    profile = tempfile.mkdtemp(prefix="rtpmesh-chromium-")
    call_id = "chromium-" + uuid.uuid4().hex
    devtools = DevTools(chromium, profile)
    phone = await interop.PlainPhone.open(F_PLAIN)
    try:
        target = devtools.call("Target.createTarget", url="http://127.0.0.1:%d/" % server.server_address[1])["targetId"]
        session = devtools.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for _ in range(100):
            if devtools.evaluate(session, "typeof makeOffer") == "function":
                break
            await asyncio.sleep(0.1)
        offer = devtools.evaluate(session, "makeOffer(%f)" % F_BROWSER)
        if "a=candidate" not in offer:
            raise RuntimeError("chromium gathered no candidate:\n" + offer)
        o = interop.ng("offer", **{"call-id": call_id, "from-tag": "chromium", "sdp": offer}, **TO_SIP)
        to_phone = o["sdp"]
        if "a=candidate" in to_phone or " RTP/AVP " not in to_phone:
            raise RuntimeError("offer to the phone is not plain RTP/AVP:\n" + to_phone)
        a = interop.ng("answer", **{"call-id": call_id, "from-tag": "chromium", "to-tag": "phone",
                                    "sdp": phone.sdp()}, **TO_WEBRTC)
        devtools.evaluate(session, "takeAnswer(%s)" % json.dumps(a["sdp"]))
        phone.start(interop.sdp_media(to_phone))
        await asyncio.sleep(TALK_SECONDS)
        rep = devtools.evaluate(session, "report()")
        heard = phone.audio()
        problems = []
        p = interop.check_tone("the phone hears chromium", heard[8000:], F_BROWSER)
        if p != "ok":
            problems.append(p)
        if rep.get("connection") != "connected":
            problems.append("chromium connection state %s (ICE %s)" % (rep.get("connection"), rep.get("ice")))
        if not rep.get("packetsReceived", 0) > 100:
            problems.append("chromium received %s packets" % rep.get("packetsReceived"))
        if not rep.get("audioLevel", 0) > 0.01:
            problems.append("chromium's inbound audioLevel %s" % rep.get("audioLevel"))
        hz = rep.get("dominantHz")
        if hz is None or abs(hz - F_PLAIN) > 15:
            problems.append("chromium plays a dominant %s Hz, expected %.0f" % (hz, F_PLAIN))
        fp, _ = interop.dominant(heard[8000:])
        detail = "phone heard %s Hz from %d packets; chromium: %s" % (fp and round(fp), len(phone.received), json.dumps(rep))
        return problems, detail
    finally:
        phone.stop()
        devtools.close()
        server.shutdown()
        if os.environ.get("KEEP_PROFILE") is None:
            shutil.rmtree(profile, ignore_errors=True)
        try:
            interop.ng("delete", **{"call-id": call_id, "from-tag": "chromium", "delete-delay": 0})
        except Exception:
            pass


def main():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("FAIL %s: no chromium binary" % CHECK)
        return 1
    try:
        problems, detail = asyncio.run(asyncio.wait_for(run(chromium), 90))
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
