#!/usr/bin/env bash
# A local rtpmesh cluster on loopback, for trying things out and for tests by hand.
#
#   deploy/run-cluster.sh N [rtpmesh options...]   start N nodes (1..20), wait until each answers ping
#   deploy/run-cluster.sh stop                     stop the nodes started from this directory
#
# Node i (1..N): --node-id=node<i>, ng on 127.0.0.1:<22221+i> (22222, 22223, ...), Hazelcast on
# 127.0.0.1:<5700+i>, media ports: its own slice of 30000-39999. Every node lists all N members.
# Extra options go to every node after ours (single-value options override ours).
# RTPMESH_CLUSTER_DIR (default /tmp/rtpmesh-cluster) holds node<i>.pid and node<i>.log.
# RTPMESH_CLUSTER_NG_PORT (22222), RTPMESH_CLUSTER_HZ_PORT (5701), RTPMESH_CLUSTER_PORT_MIN (30000)
# and RTPMESH_CLUSTER_PORT_MAX (39999) move node1's ng and Hazelcast ports and the media range.
# JAVA_OPTS defaults to -Xmx256m per node.
set -euo pipefail

root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/cluster-config/target/rtpmesh.jar"
dir="${RTPMESH_CLUSTER_DIR:-/tmp/rtpmesh-cluster}"
ngpy="$root/../shared/ngdiff/ng.py"
export JAVA_OPTS="${JAVA_OPTS:--Xmx256m}"
ng0="${RTPMESH_CLUSTER_NG_PORT:-22222}"
hz0="${RTPMESH_CLUSTER_HZ_PORT:-5701}"
port_min="${RTPMESH_CLUSTER_PORT_MIN:-30000}"
port_max="${RTPMESH_CLUSTER_PORT_MAX:-39999}"

usage() {
  sed -n '4,5p' "$0" | sed 's/^# *//' >&2
  exit 2
}

# ng ping over UDP: the compatibility kit's client if it is there, else a few lines of python3
ng_ping() {
  if [ -f "$ngpy" ]; then
    python3 "$ngpy" --port "$1" --timeout 0.5 --retries 1 ping >/dev/null 2>&1
  else
    python3 - "$1" >/dev/null 2>&1 <<'EOF'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(0.5)
s.sendto(b"c1 d7:command4:pinge", ("127.0.0.1", int(sys.argv[1])))
sys.exit(0 if b"pong" in s.recv(4096) else 1)
EOF
  fi
}

# true if pid $1 is alive and is an rtpmesh node (not a recycled pid)
is_node() {
  [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q 'rtpmesh\.jar'
}

stop() {
  local pids=() f pid
  shopt -s nullglob
  for f in "$dir"/node*.pid; do
    pid="$(cat "$f")"
    if is_node "$pid"; then
      kill -TERM "$pid" && pids+=("$pid")
    fi
    rm -f "$f"
  done
  for pid in ${pids[@]+"${pids[@]}"}; do
    for _ in $(seq 150); do # 15 s, as systemd's TimeoutStopSec in rtpmesh.service
      is_node "$pid" || break
      sleep 0.1
    done
    if is_node "$pid"; then
      echo "run-cluster: pid $pid ignored SIGTERM, killing it" >&2
      kill -KILL "$pid" || true
    fi
  done
  echo "run-cluster: stopped ${#pids[@]} node(s)"
}

[ $# -ge 1 ] || usage
if [ "$1" = stop ]; then
  stop
  exit 0
fi
n="$1"
shift
[[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le 20 ] || usage

mkdir -p "$dir"
shopt -s nullglob
for f in "$dir"/node*.pid; do
  if is_node "$(cat "$f")"; then
    echo "run-cluster: nodes already running from $dir; run '$0 stop' first" >&2
    exit 1
  fi
  rm -f "$f"
done

if [ ! -f "$jar" ]; then
  echo "run-cluster: $jar missing, building it (mvn -q -B -DskipTests package)" >&2
  (cd "$root" && mvn -q -B -DskipTests package) >&2
fi

members=""
for i in $(seq "$n"); do
  members+="${members:+,}127.0.0.1:$((hz0 - 1 + i))"
done
slice=$(( ((port_max - port_min + 1) / n) / 2 * 2 )) # even, so every slice starts on an RTP (even) port

for i in $(seq "$n"); do
  pmin=$((port_min + (i - 1) * slice))
  pmax=$((pmin + slice - 1))
  setsid "$root/bin/rtpmesh" --node-id="node$i" --listen-ng="127.0.0.1:$((ng0 - 1 + i))" \
    --port-min="$pmin" --port-max="$pmax" --interface=127.0.0.1 \
    --cluster-host=127.0.0.1 --cluster-port="$((hz0 - 1 + i))" --cluster-members="$members" \
    --pidfile="$dir/node$i.pid" "$@" </dev/null >"$dir/node$i.log" 2>&1 &
  echo $! >"$dir/node$i.pid" # also written by the node; here at once, so that stop finds it
done

deadline=$((SECONDS + 90))
for i in $(seq "$n"); do
  pid="$(cat "$dir/node$i.pid")"
  until ng_ping "$((ng0 - 1 + i))"; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      echo "run-cluster: node$i did not come up; last lines of $dir/node$i.log:" >&2
      tail -n 15 "$dir/node$i.log" >&2 || true
      stop >&2
      exit 1
    fi
    sleep 0.3
  done
done

printf '%-7s %-17s %-12s %-16s %-8s %s\n' node ng media hazelcast pid log
for i in $(seq "$n"); do
  pmin=$((port_min + (i - 1) * slice))
  printf '%-7s %-17s %-12s %-16s %-8s %s\n' "node$i" "127.0.0.1:$((ng0 - 1 + i))" \
    "$pmin-$((pmin + slice - 1))" "127.0.0.1:$((hz0 - 1 + i))" "$(cat "$dir/node$i.pid")" \
    "$dir/node$i.log"
done
echo "stop with: $0 stop"
