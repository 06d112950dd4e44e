#!/usr/bin/env bash
# Soak: a node on loopback gets CYCLES offer/answer/delete cycles (no media), then a call load of
# CALLS calls with media for DURATION seconds; before, between and after, the script records the
# node's ports in use (CLI "list interfaces"), heap after a full GC (jcmd GC.run + GC.heap_info)
# and open file descriptors (/proc/PID/fd). Loopback only, bounded in count and time.
#
#   bench/soak.sh                                 100000 cycles, 200 calls for 1800 s
#   CYCLES=100000 CALLS=200 DURATION=600 bench/soak.sh
#
# Environment: CYCLES, CALLS, DURATION (seconds of the call load), NG (default 127.0.0.1:22360),
# IDLE (seconds to wait before the idle samples, default 40), CLI (127.0.0.1:22361), PORTS (media range, default 37000-37999), PHONE_PORTS (38000-38999), JAR / BENCH_JAR (built by mvn
# package when absent), OUT (result file, default bench/target/soak-<date>.txt).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
CYCLES=${CYCLES:-100000}
CALLS=${CALLS:-200}
DURATION=${DURATION:-1800}
NG=${NG:-127.0.0.1:22360}
CLI=${CLI:-127.0.0.1:22361}
PORTS=${PORTS:-37000-37999}
JAR=${JAR:-$root/cluster-config/target/rtpmesh.jar}
BENCH_JAR=${BENCH_JAR:-$root/bench/target/rtpmesh-bench.jar}
mkdir -p "$here/target"
OUT=${OUT:-"$here/target/soak-$(date +%Y%m%d-%H%M%S).txt"}
if [ ! -f "$JAR" ] || [ ! -f "$BENCH_JAR" ]; then (cd "$root" && mvn -B -q package -DskipTests); fi

java -Xmx1g -jar "$JAR" --interface=127.0.0.1 --listen-ng="$NG" --listen-cli="$CLI" \
  --port-min="${PORTS%-*}" --port-max="${PORTS#*-}" --delete-delay=0 --max-ng-rate=0 --table=-1 \
  >"$OUT.node.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT

cli() { # one rtpengine CLI command over TCP
  python3 - "$CLI" "$*" <<'PY'
import socket, sys
host, port = sys.argv[1].rsplit(':', 1)
s = socket.create_connection((host, int(port)), timeout=5)
s.sendall(sys.argv[2].encode() + b'\n')
out = b''
while True:
    d = s.recv(65536)
    if not d: break
    out += d
print(out.decode(errors='replace'))
PY
}

sample() { # label: ports used, heap after full GC, fds
  local ports heap fds
  ports=$(cli list interfaces | sed -n 's/.*Ports used: *\([0-9]*\) .*/\1/p' | awk '{s+=$1} END {print s+0}')
  jcmd "$pid" GC.run >/dev/null
  heap=$(jcmd "$pid" GC.heap_info | awk '/garbage-first heap|heap total|Heap/ && /used/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}')
  fds=$(ls /proc/"$pid"/fd | wc -l)
  echo "SOAK $1: ports_used=$ports heap_after_gc=$heap fds=$fds rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)" | tee -a "$OUT"
}

for _ in $(seq 1 120); do cli list numsessions >/dev/null 2>&1 && break; sleep 0.5; done
echo "soak: cycles=$CYCLES calls=$CALLS duration=${DURATION}s node pid $pid; load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT"
# Warm up (JIT, first sockets), so 'before' is a steady state, not an empty JVM.
java -jar "$BENCH_JAR" --ng "$NG" --cycles 2000 | tee -a "$OUT"
sleep 2
sample before
java -jar "$BENCH_JAR" --ng "$NG" --cycles "$CYCLES" | tee -a "$OUT"
sleep 2
sample after-cycles
sleep "${IDLE:-40}"   # the ng cookie cache keeps replies 30 s (as rtpengine)
sample after-cycles-idle
java -jar "$BENCH_JAR" --ng "$NG" --pid "$pid" --calls "$CALLS" --warmup 5 --duration "$DURATION" \
  --phone-ports "${PHONE_PORTS:-38000-38999}" --label soak | grep -v '^RESULT' | tee -a "$OUT"
sleep 2
sample after-calls
sleep "${IDLE:-40}"
sample after-calls-idle
echo "soak: node log $OUT.node.log; figures $OUT"
