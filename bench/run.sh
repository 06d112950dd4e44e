#!/usr/bin/env bash
# Runs the same loads against rtpmesh and Debian's rtpengine (userspace, --table=-1), alternating
# them load by load, and prints one table with the ratio rtpmesh/rtpengine per figure.
#
#   bench/run.sh                         loads 250 500 1000 2000, 1 run each, then a ramp per relay
#   LOADS="250 500" REPEAT=3 RAMP=0 bench/run.sh
#   SRTP=both LOADS="250 500" RAMP=0 bench/run.sh   plain and SRTP<->RTP (SDES callers, plain callees)
#   CFWD=1 LOADS="500 1000" bench/run.sh             also a C forwarder (bench/cfwd), the floor
#
# Environment: LOADS, REPEAT (runs per load and relay; the table shows the median), WARMUP and
# DURATION (seconds), RAMP (1 = also search the largest load with 0 loss and p99 < 20 ms),
# RELAY_CPU / GEN_CPU (cores for taskset), NICE (niceness of both relays and the generator,
# default -10 as root so that other work on the box does not starve the measured processes;
# 0 to disable), RTPMESH_JAVA_OPTS, OUT (result directory), SRTP (0: plain RTP both sides, the
# default; 1: every caller SDES-SRTP and every callee plain, so the relay translates each packet;
# both: each load both ways, and a table of CPU per packet plain vs SRTP<->RTP), GEN_JAVA_OPTS (the
# generator JVM's options; see below), CFWD (1: also run the plain loads against bench/cfwd/cfwd.c,
# the smallest C relay, built with cc, and print rtpmesh against it too; 0, the default: not),
# GEN (java, the default: rtpmesh-bench.jar; c: bench/cfwd/cgen.c, the same loads and output with
# the media loop in C, plain RTP only, built with cc) and GEN_ARGS (more generator options, e.g.
# GEN=c GEN_ARGS=--busy: the generator never sleeps, so no relay pays to wake it; see README).
# Ports: rtpmesh ng 127.0.0.1:22230, media 10000-19999; rtpengine ng 127.0.0.1:22231, media
# 50000-59999; cfwd ng 127.0.0.1:22232, media 30000-39999; phones 23000-29999,42000-49999 (busy pairs are skipped). Loopback only.
set -euo pipefail

LOADS=${LOADS:-"250 500 1000 2000"}
REPEAT=${REPEAT:-1}
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-20}
RAMP=${RAMP:-1}
SRTP=${SRTP:-0}
case "$SRTP" in
  0) MEDIA="plain" ;;
  1) MEDIA="srtp" ;;
  both) MEDIA="plain srtp" ;;
  *) echo "run.sh: SRTP must be 0, 1 or both, got $SRTP" >&2; exit 2 ;;
esac
CFWD=${CFWD:-0}
GEN=${GEN:-java}
GEN_ARGS=${GEN_ARGS:-}
case "$GEN" in
  java) ;;
  c) if [ "$SRTP" != 0 ]; then echo "run.sh: GEN=c drives plain RTP only (SRTP=0)" >&2; exit 2; fi ;;
  *) echo "run.sh: GEN must be java or c, got $GEN" >&2; exit 2 ;;
esac
RELAY_CPU=${RELAY_CPU:-0}
GEN_CPU=${GEN_CPU:-1}
if [ "$(id -u)" = 0 ]; then NICE=${NICE:--10}; else NICE=${NICE:-0}; fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
OUT=${OUT:-"$here/target/results-$(date +%Y%m%d-%H%M%S)"}
RTPENGINE=${RTPENGINE:-/usr/bin/rtpengine}
# The generator's heap: a young generation that a window fills rarely, touched up front, so that
# no collection of the generator (a first one took 36 ms with the JVM's sizing) shows as latency.
GEN_JAVA_OPTS=${GEN_JAVA_OPTS:-"-XX:+UseSerialGC -Xms2g -Xmx2g -Xmn1g -XX:+AlwaysPreTouch"}
MESH_NG=127.0.0.1:22230
ENGINE_NG=127.0.0.1:22231
CFWD_NG=127.0.0.1:22232
bench_jar="$here/target/rtpmesh-bench.jar"
mesh_jar="$root/cluster-config/target/rtpmesh.jar"

if [ ! -x "$RTPENGINE" ]; then
  echo "run.sh: $RTPENGINE missing: apt-get update && apt-get install -y rtpengine-daemon" >&2
  exit 1
fi
if [ ! -f "$bench_jar" ] || [ ! -f "$mesh_jar" ] \
    || [ -n "$(find "$root" -path '*/src/main/*' -newer "$bench_jar" -print -quit)" ]; then
  echo "run.sh: building (mvn -q -B package -DskipTests -pl bench -am)" >&2
  (cd "$root" && mvn -q -B package -DskipTests -pl bench -am) >&2
fi
mkdir -p "$OUT"
cfwd_bin="$here/target/cfwd"
if [ "$CFWD" = 1 ] && { [ ! -x "$cfwd_bin" ] || [ "$here/cfwd/cfwd.c" -nt "$cfwd_bin" ] || [ "$here/cfwd/benc.h" -nt "$cfwd_bin" ]; }; then
  cc -O2 -o "$cfwd_bin" "$here/cfwd/cfwd.c" || { echo "run.sh: CFWD=1 needs a C compiler (apt-get install -y gcc)" >&2; exit 1; }
fi

cgen_bin="$here/target/cgen"
if [ "$GEN" = c ] && { [ ! -x "$cgen_bin" ] || [ "$here/cfwd/cgen.c" -nt "$cgen_bin" ] || [ "$here/cfwd/benc.h" -nt "$cgen_bin" ]; }; then
  cc -O2 -o "$cgen_bin" "$here/cfwd/cgen.c" || { echo "run.sh: GEN=c needs a C compiler (apt-get install -y gcc)" >&2; exit 1; }
fi

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# through bin/rtpmesh, so that its JVM defaults are what is measured; the GC and safepoint log
# (a few lines a second, in UTC like cgen's LATE lines in late.txt) tells a pause from a limit
# when a run's latency jumps
JAVA_OPTS="-Xlog:gc,safepoint:file=$OUT/rtpmesh-gc.log:time,uptime ${RTPMESH_JAVA_OPTS:-}" nice -n "$NICE" taskset -c "$RELAY_CPU" "$root/bin/rtpmesh" --listen-ng="$MESH_NG" \
  --port-min=10000 --port-max=19999 --delete-delay=0 >"$OUT/rtpmesh.log" 2>&1 </dev/null &
mesh_pid=$!
pids+=("$mesh_pid")
nice -n "$NICE" taskset -c "$RELAY_CPU" "$RTPENGINE" --config-file=none --table=-1 --foreground --log-stderr \
  --interface=127.0.0.1 --listen-ng="$ENGINE_NG" --port-min=50000 --port-max=59999 \
  --delete-delay=0 >"$OUT/rtpengine.log" 2>&1 </dev/null &
engine_pid=$!
pids+=("$engine_pid")
relays="mesh engine"
if [ "$CFWD" = 1 ]; then
  nice -n "$NICE" taskset -c "$RELAY_CPU" "$cfwd_bin" "${CFWD_NG##*:}" 30000 39999 >"$OUT/cfwd.log" 2>&1 </dev/null &
  cfwd_pid=$!
  pids+=("$cfwd_pid")
  relays="mesh engine cfwd"
fi
# all threads, including any started before the affinity was inherited
taskset -a -p -c "$RELAY_CPU" "$mesh_pid" >/dev/null
taskset -a -p -c "$RELAY_CPU" "$engine_pid" >/dev/null

gen() { # label ng pid args...
  local label=$1 ng=$2 pid=$3
  shift 3
  local cmd=(java $GEN_JAVA_OPTS -jar "$bench_jar")
  if [ "$GEN" = c ]; then cmd=("$cgen_bin"); fi
  # shellcheck disable=SC2086 # GEN_ARGS is a list of options
  nice -n "$NICE" taskset -c "$GEN_CPU" "${cmd[@]}" --ng "$ng" --pid "$pid" \
    --label "$label" "$@" $GEN_ARGS 2> >(tee -a "$OUT/late.txt" >&2) \
    | tee -a "$OUT/results.txt" | grep -v '^RESULT\|^RAMP\|^STEP'
}
mesh() { gen rtpmesh "$MESH_NG" "$mesh_pid" "$@"; }
engine() { gen rtpengine "$ENGINE_NG" "$engine_pid" "$@"; }
cfwd() { gen cfwd "$CFWD_NG" "$cfwd_pid" "$@"; }

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(free -g | awk '/Mem:/{print $2}') GB"
  echo "rtpmesh: $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?') ($(java -jar "$mesh_jar" --version 2>/dev/null)), rtpengine: $("$RTPENGINE" --version 2>&1 | head -1)"
  if [ "$CFWD" = 1 ]; then echo "cfwd: bench/cfwd/cfwd.c, $(cc --version | head -1), -O2"; fi
  echo "generator: $GEN${GEN_ARGS:+ $GEN_ARGS}"
  echo "relays pinned to cpu $RELAY_CPU, generator to cpu $GEN_CPU, nice $NICE; warmup ${WARMUP}s, window ${DURATION}s; media: $MEDIA"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/header.txt"

for r in $(seq 1 "$REPEAT"); do
  for n in $LOADS; do
    # rotate which relay goes first, so none always runs in another's wake
    order=$relays
    for _ in $(seq 1 $(((r + n / 250) % $(wc -w <<<"$relays")))); do order="${order#* } ${order%% *}"; done
    for media in $MEDIA; do
      flag=()
      if [ "$media" = srtp ]; then flag=(--srtp); fi
      for relay in $order; do
        if [ "$relay" = cfwd ] && [ "$media" = srtp ]; then continue; fi # it has no SRTP
        "$relay" --calls "$n" --warmup "$WARMUP" --duration "$DURATION" "${flag[@]}"
        sleep 2
      done
    done
  done
done
if [ "$RAMP" = 1 ]; then
  ramp_flag=()
  if [ "$SRTP" = 1 ]; then ramp_flag=(--srtp); fi
  # each relay has 10 000 media ports and a call takes 4, so no ramp may try more than 2500 calls
  # (cfwd answered "no ports" at 4000 and stopped the run before the table, pass 14)
  ramp_flag+=(--ramp-max 2400)
  mesh --ramp "${ramp_flag[@]}"
  engine --ramp "${ramp_flag[@]}"
  if [ "$CFWD" = 1 ] && [ "$SRTP" != 1 ]; then cfwd --ramp "${ramp_flag[@]}"; fi
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/header.txt"

echo
cat "$OUT/header.txt"
java -cp "$bench_jar" rtpmesh.bench.BenchMain table "$OUT/results.txt" | tee "$OUT/table.md"
echo "results in $OUT"
