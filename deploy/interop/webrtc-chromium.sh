#!/usr/bin/env bash
# Headless Chromium (Debian's chromium) in a page with RTCPeerConnection calls a plain PCMU phone
# through rtpmesh, driven over the DevTools protocol; tones checked both ways.
# Prints PASS/FAIL webrtc-chromium.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.bash"
names="webrtc-chromium"
need_pkgs "$names" chromium python3-numpy
start_node "$names"
cd "$here" && timeout 150 /usr/bin/python3 -u webrtc_chromium.py
rc=$?
[ "$rc" = 124 ] && echo "FAIL webrtc-chromium: timed out"
node_log_on_failure "$rc"
exit "$rc"
