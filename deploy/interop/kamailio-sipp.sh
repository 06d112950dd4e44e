#!/usr/bin/env bash
# Interop: real SIP calls with RTP through Kamailio (rtpengine module) and rtpmesh.
#
#   SIPp UAC --SIP--> Kamailio --SIP--> SIPp UAS (-rtp_echo)
#        \                |ng               /
#         `--RTP--> rtpmesh node(s) <--RTP-'
#
# A 2-node cluster (deploy/run-cluster.sh): Kamailio sends offers to node1, answers, $rtpstat
# queries and deletes to node2, which forwards them to the call's owner. For every call, the
# query Kamailio makes just before the BYE must show RTP relayed both ways (the UAC's pcap to the
# UAS and the UAS's echo back); media that bypassed rtpmesh would count nothing there.
#
# Prints "PASS kamailio-sipp" or "FAIL kamailio-sipp: reason" (or SKIP when the tools cannot be
# had). Installs kamailio and sip-tester with apt-get when run as root and they are missing.
# Needs the jar (cluster-config/target/rtpmesh.jar; built if missing) and must run as root for
# SIPp's pcap play (raw socket).
#
# Environment: CALLS (30), RATE calls/s (10), HOLD_MS per call (2000), NODES (2; 1 = one node),
# INTEROP_DIR (a fresh temp dir; logs stay there when KEEP=1 or on failure).
# Ports: ng 22320.., Hazelcast 5790.., media 33000-33599 (rtpmesh), SIP 5070-5072,
# SIPp media 33700 (UAS echo) and 33800.. (UAC, 4 per call).
set -uo pipefail
name=kamailio-sipp
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/deploy/interop"
calls="${CALLS:-30}"
rate="${RATE:-10}"
hold_ms="${HOLD_MS:-2000}"
nodes="${NODES:-2}"
ng0=22320
sip_proxy=5070
sip_uac=5071
sip_uas=5072
uas_media=33700
uac_media=33800
work="${INTEROP_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/rtpmesh-$name.XXXXXX")}"
mkdir -p "$work"
kam_pid=""
uas_pid=""
failed=""

log() { echo "$name: $*"; }
fail() {
  failed=1
  echo "FAIL $name: $*"
}

cleanup() {
  [ -n "$uas_pid" ] && kill "$uas_pid" 2>/dev/null
  if [ -f "$work/kamailio.pid" ]; then
    kill "$(cat "$work/kamailio.pid")" 2>/dev/null
  fi
  [ -n "$kam_pid" ] && kill "$kam_pid" 2>/dev/null
  RTPMESH_CLUSTER_DIR="$work/cluster" "$root/deploy/run-cluster.sh" stop >/dev/null 2>&1
  if [ -n "$failed" ]; then
    for f in "$work"/cluster/node*.log "$work"/kamailio.log "$work"/uac.log "$work"/uas.log; do
      [ -f "$f" ] && tail -n 25 "$f" | sed -e "s/^/$(basename "$f" .log)| /"
    done
  fi
  if [ -z "$failed" ] && [ "${KEEP:-0}" != 1 ] && [ -z "${INTEROP_DIR:-}" ]; then
    rm -rf "$work"
  else
    log "logs in $work"
  fi
}
trap cleanup EXIT
trap 'exit 1' TERM INT # timeout(1) from .ci/run: still stop what we started

# ---------------------------------------------------------------- tools
need=()
command -v kamailio >/dev/null 2>&1 || [ -x /usr/sbin/kamailio ] || need+=(kamailio)
command -v sipp >/dev/null 2>&1 || need+=(sip-tester)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${need[*]}"
    lock=()
    [ -d /work ] && command -v flock >/dev/null 2>&1 && lock=(flock /work/.apt.lock)
    if ! { timeout 300 "${lock[@]}" apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive timeout 300 "${lock[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"; } \
      >"$work/apt.log" 2>&1; then
      tail -n 5 "$work/apt.log"
      fail "could not install ${need[*]}"
      exit 1
    fi
  else
    echo "SKIP $name: ${need[*]} missing and not root to install them"
    exit 0
  fi
fi
kamailio_bin="$(command -v kamailio || echo /usr/sbin/kamailio)"
if [ "$(id -u)" != 0 ]; then
  echo "SKIP $name: SIPp plays RTP from a pcap through a raw socket, which needs root"
  exit 0
fi
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3

# ---------------------------------------------------------------- rtpmesh
log "starting $nodes rtpmesh node(s), ng on 127.0.0.1:$ng0.."
if ! RTPMESH_CLUSTER_DIR="$work/cluster" RTPMESH_CLUSTER_NG_PORT=$ng0 RTPMESH_CLUSTER_HZ_PORT=5790 \
  RTPMESH_CLUSTER_PORT_MIN=33000 RTPMESH_CLUSTER_PORT_MAX=33599 \
  "$root/deploy/run-cluster.sh" "$nodes" --cluster-name="interop-$$" --delete-delay=0 >"$work/cluster.out" 2>&1; then
  cat "$work/cluster.out"
  fail "rtpmesh did not start"
  exit 1
fi
offer_sock="udp:127.0.0.1:$ng0"
answer_sock="udp:127.0.0.1:$((ng0 + nodes - 1))"

# ---------------------------------------------------------------- Kamailio and the UAS
log "starting Kamailio on 127.0.0.1:$sip_proxy (offers to $offer_sock, answers/deletes to $answer_sock)"
"$kamailio_bin" -f "$here/kamailio-sipp.cfg" -DD -E -w "$work" -P "$work/kamailio.pid" -Y "$work" \
  -A "SIP_LISTEN=udp:127.0.0.1:$sip_proxy" -A "NEXT_HOP=\"sip:127.0.0.1:$sip_uas\"" \
  -A "OFFER_SOCK=\"0 == $offer_sock\"" -A "ANSWER_SOCK=\"1 == $answer_sock\"" \
  </dev/null >"$work/kamailio.log" 2>&1 &
kam_pid=$!

sipp -sf "$here/sipp/uas.xml" -i 127.0.0.1 -p "$sip_uas" -mi 127.0.0.1 -mp "$uas_media" -rtp_echo \
  -nostdin -trace_err -error_file "$work/uas-errors.log" -trace_msg -message_file "$work/uas-messages.log" >/dev/null 2>"$work/uas.log" </dev/null &
uas_pid=$!

for _ in $(seq 50); do
  grep -q 'rtpengine_sock\|ERROR\|listening on' "$work/kamailio.log" 2>/dev/null && break
  sleep 0.2
done
sleep 1
if ! kill -0 "$kam_pid" 2>/dev/null; then
  fail "Kamailio did not start"
  exit 1
fi

# ---------------------------------------------------------------- calls
pcap="$work/pcma.pcap"
"$py" "$here/make-rtp-pcap.py" "$pcap" "$(awk -v ms="$hold_ms" 'BEGIN { printf "%.2f", ms / 1000 }')"
sed -e "s|@PCAP@|$pcap|; s|@HOLD_MS@|$hold_ms|" "$here/sipp/uac.xml" >"$work/uac.xml"
log "placing $calls calls at $rate/s, ${hold_ms} ms of PCMA each"
start=$SECONDS
timeout $((60 + calls / rate + hold_ms / 1000 * 2)) \
  sipp 127.0.0.1:"$sip_proxy" -sf "$work/uac.xml" -i 127.0.0.1 -p "$sip_uac" -mi 127.0.0.1 -mp "$uac_media" \
  -m "$calls" -r "$rate" -l "$calls" -recv_timeout 15000 \
  -nostdin -trace_err -error_file "$work/uac-errors.log" -trace_msg -message_file "$work/uac-messages.log" -trace_stat -stf "$work/uac-stat.csv" \
  >"$work/uac.log" 2>&1 </dev/null
uac_rc=$?
log "SIPp UAC exited with $uac_rc after $((SECONDS - start)) s"
sleep 0.5 # the last BYEs' log lines

# ---------------------------------------------------------------- checks
# Kamailio logs "interop: call <call-id> stats: <$rtpstat>" for every BYE; $rtpstat is
# "RTP: <bytes> bytes, <packets> packets, <errors> errors; RTCP: ..." summed over the call's streams.
"$py" - "$work/kamailio.log" "$calls" "$hold_ms" >"$work/check.out" 2>&1 <<'EOF'
import re, sys
log, calls, hold_ms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sent = hold_ms // 20          # packets the UAC plays per call
need = sent                   # both directions together: the UAC's stream plus at least half echoed
stats = {}
for line in open(log, errors="replace"):
    m = re.search(r"interop: call (\S+) stats: (.*)$", line)
    if m:
        stats[m.group(1)] = m.group(2)
bad = []
for cid, text in sorted(stats.items()):
    p = re.search(r"RTP: (\d+) bytes, (\d+) packets, (\d+) errors", text)
    pkts = int(p.group(2)) if p else -1
    if pkts < need + sent // 2:
        bad.append(f"{cid}: {text!r}")
    else:
        print(f"ok {cid}: {pkts} RTP packets")
print(f"calls with stats: {len(stats)} of {calls}; too few packets: {len(bad)}")
for b in bad[:10]:
    print("  " + b)
sys.exit(0 if len(stats) == calls and not bad else 1)
EOF
check_rc=$?
tail -n 3 "$work/check.out" | sed -e "s/^/$name: /"
errors=$(grep -c 'interop: \(offer\|answer\) failed' "$work/kamailio.log")

if [ "$uac_rc" != 0 ]; then
  grep -E 'Successful call|Failed call' "$work/uac.log" | tail -n 2 | sed -e "s/^/$name: /"
  head -n 20 "$work/uac-errors.log" 2>/dev/null
  fail "SIPp UAC exit status $uac_rc (not every call succeeded)"
elif [ "$errors" != 0 ]; then
  fail "$errors offer/answer failures in Kamailio's log"
elif [ "$check_rc" != 0 ]; then
  cat "$work/check.out"
  fail "RTP was not relayed for every call"
else
  echo "PASS $name"
fi
[ -z "$failed" ]
