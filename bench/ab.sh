#!/usr/bin/env bash
# Paired A/B of two rtpmesh builds or option sets: both nodes run at the same time, pinned to the
# same core, each driven by its own generator on the other core, so whatever else the box does in a
# round (other tenants, the host) weighs on both. Prints each round's pair and the mean of the
# per-round differences B - A, in CPU µs per forwarded packet (total and user time).
#
#   bench/ab.sh A_DIR B_DIR                         two checkouts (each with its jar built)
#   A_OPTS=-Dx=off bench/ab.sh . .                  one build, two JVM option sets
#   CALLS=250 ROUNDS=6 DURATION=20 bench/ab.sh A_DIR B_DIR
#
# Both nodes share the relay core, so CALLS is per node: 250 each makes about the load of 500
# calls on one node. Sequential runs on this box swing by ±2 µs per packet from one minute to the
# next; paired rounds swing together (bench/README.md, "Paired A/B"). Environment: CALLS (default
# 250), ROUNDS (6), WARMUP (5), DURATION (20), A_OPTS / B_OPTS (JAVA_OPTS of each node),
# RELAY_CPU / GEN_CPU (0 / 1), OUT (result directory). Ports: A ng 127.0.0.1:22240, media
# 10000-19999, phones 40000-44999; B ng 127.0.0.1:22242, media 30000-39999, phones 45000-49999.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: bench/ab.sh A_DIR B_DIR   (checkouts of rtpmesh, built; the same one twice with A_OPTS/B_OPTS)" >&2
  exit 2
fi
a_dir="$(cd "$1" && pwd)"
b_dir="$(cd "$2" && pwd)"
CALLS=${CALLS:-250}
ROUNDS=${ROUNDS:-6}
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-20}
RELAY_CPU=${RELAY_CPU:-0}
GEN_CPU=${GEN_CPU:-1}
if [ "$(id -u)" = 0 ]; then NICE=${NICE:--10}; else NICE=${NICE:-0}; fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench_jar="$here/target/rtpmesh-bench.jar"
OUT=${OUT:-"$here/target/ab-$(date +%Y%m%d-%H%M%S)"}
mkdir -p "$OUT"
for d in "$a_dir" "$b_dir"; do
  if [ ! -f "$d/cluster-config/target/rtpmesh.jar" ]; then
    echo "ab.sh: $d/cluster-config/target/rtpmesh.jar missing (mvn -q package -DskipTests there)" >&2
    exit 2
  fi
done
if [ ! -f "$bench_jar" ]; then
  (cd "$here/.." && mvn -q -B package -DskipTests -pl bench -am) >&2
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# node DIR NG_PORT MEDIA_MIN MEDIA_MAX OPTS LOG -> pid of the JVM
node() {
  JAVA_OPTS="$5" nice -n "$NICE" taskset -c "$RELAY_CPU" "$1/bin/rtpmesh" --listen-ng="127.0.0.1:$2" \
    --port-min="$3" --port-max="$4" --delete-delay=0 >"$6" 2>&1 </dev/null &
  pids+=($!)
}
node "$a_dir" 22240 10000 19999 "${A_OPTS:-}" "$OUT/a.log"
node "$b_dir" 22242 30000 39999 "${B_OPTS:-}" "$OUT/b.log"
sleep 5 # the generators wait for the ng ping (--wait); this lets the JVMs start their threads
pid_of() { pgrep -f "rtpmesh.jar --listen-ng=127.0.0.1:$1" | head -1; }
pa=$(pid_of 22240)
pb=$(pid_of 22242)
if [ -z "$pa" ] || [ -z "$pb" ]; then
  echo "ab.sh: a node did not start; see $OUT/a.log and $OUT/b.log" >&2
  exit 1
fi
# every thread of each JVM on the relay core, as run.sh does
taskset -a -p -c "$RELAY_CPU" "$pa" >/dev/null
taskset -a -p -c "$RELAY_CPU" "$pb" >/dev/null

gen() { # NG_PORT PID LABEL PHONES
  nice -n "$NICE" taskset -c "$GEN_CPU" java -XX:+UseSerialGC -Xms1g -Xmx1g -Xmn512m -XX:+AlwaysPreTouch \
    -jar "$bench_jar" --ng "127.0.0.1:$1" --pid "$2" --calls "$CALLS" --warmup "$WARMUP" \
    --duration "$DURATION" --label "$3" --phone-ports "$4"
}
echo "A: $a_dir ${A_OPTS:-}" | tee "$OUT/results.txt"
echo "B: $b_dir ${B_OPTS:-}" | tee -a "$OUT/results.txt"
for r in $(seq 1 "$ROUNDS"); do
  gen 22240 "$pa" A 40000-44999 >"$OUT/gen-a-$r.out" 2>&1 &
  ga=$!
  gen 22242 "$pb" B 45000-49999 >"$OUT/gen-b-$r.out" 2>&1 &
  gb=$!
  wait "$ga" || true
  wait "$gb" || true
  for side in a b; do # a round counts only as a pair
    if ! grep -q '^RESULT ' "$OUT/gen-$side-$r.out"; then
      echo "ab.sh: round $r, generator $side gave no result:" >&2
      tail -5 "$OUT/gen-$side-$r.out" >&2
      exit 1
    fi
  done
  grep -h '^RESULT ' "$OUT/gen-a-$r.out" "$OUT/gen-b-$r.out" >>"$OUT/results.txt"
done

# the pairs, and the mean difference (user time = total - kernel)
grep '^RESULT ' "$OUT/results.txt" | sed 's/^RESULT //' | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin]
a = [r for r in rows if r["label"] == "A"]
b = [r for r in rows if r["label"] == "B"]
print("round    A total  A user    B total  B user    B-A total  B-A user   loss A/B %")
dt, du = [], []
for i, (x, y) in enumerate(zip(a, b), 1):
    xu = x["relayCpuUsPerPacket"] - x["relaySysUsPerPacket"]
    yu = y["relayCpuUsPerPacket"] - y["relaySysUsPerPacket"]
    dt.append(y["relayCpuUsPerPacket"] - x["relayCpuUsPerPacket"])
    du.append(yu - xu)
    print("%5d  %8.2f %7.2f   %8.2f %7.2f   %+9.2f %+9.2f   %.3f/%.3f" % (i, x["relayCpuUsPerPacket"], xu,
          y["relayCpuUsPerPacket"], yu, dt[-1], du[-1], x["lossPct"], y["lossPct"]))
if dt:
    print("mean B-A: total %+.2f us/pkt, user %+.2f us/pkt over %d rounds (B lower in %d of them)"
          % (sum(dt) / len(dt), sum(du) / len(du), len(dt), sum(1 for d in dt if d < 0)))
' | tee -a "$OUT/results.txt"
