#!/usr/bin/env bash
# A SIPREC-style media fork driven by Debian's rtpengine-ng-client (subscribe request --all --siprec,
# subscribe answer, unsubscribe), tones checked by FFT. Prints PASS/FAIL fork-ng-client.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.bash"
names="fork-ng-client"
need_pkgs "$names" rtpengine-utils python3-numpy
start_node "$names"
cd "$here" && timeout 120 /usr/bin/python3 -u fork_ng_client.py
rc=$?
[ "$rc" = 124 ] && echo "FAIL fork-ng-client: timed out"
node_log_on_failure "$rc"
exit "$rc"
