#!/usr/bin/env bash
# aiortc (Debian's python3-aiortc: ICE, DTLS-SRTP, rtcp-mux, Opus/PCMU) calls a plain RTP phone
# through rtpmesh, and a plain phone calls aiortc; tones checked both ways by FFT.
# Prints PASS/FAIL webrtc-aiortc-offer, webrtc-aiortc-offer-pcmu, webrtc-aiortc-answer.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.bash"
names="webrtc-aiortc-offer webrtc-aiortc-offer-pcmu webrtc-aiortc-answer"
need_pkgs "$names" python3-aiortc python3-numpy
start_node "$names"
cd "$here" && timeout 170 /usr/bin/python3 -u webrtc_aiortc.py offer offer-pcmu answer
rc=$?
[ "$rc" = 124 ] && for p in $names; do echo "FAIL $p: timed out"; done
node_log_on_failure "$rc"
exit "$rc"
