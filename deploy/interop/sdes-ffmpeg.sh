#!/usr/bin/env bash
# ffmpeg's srtp:// (SDES, AES_CM_128_HMAC_SHA1_80) <-> rtpmesh <-> plain RTP, both directions,
# tones checked by FFT. Prints PASS/FAIL sdes-ffmpeg.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.bash"
names="sdes-ffmpeg"
need_pkgs "$names" ffmpeg python3-numpy
start_node "$names"
cd "$here" && timeout 120 /usr/bin/python3 -u sdes_ffmpeg.py
rc=$?
[ "$rc" = 124 ] && echo "FAIL sdes-ffmpeg: timed out"
node_log_on_failure "$rc"
exit "$rc"
