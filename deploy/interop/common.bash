# Sourced by deploy/interop/*.sh: install what a check needs, run one rtpmesh node for it.
# INTEROP_NG_PORT (default 22340) and INTEROP_PORT_MIN/MAX (35000-35999) place the node.
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/deploy/interop"
export INTEROP_NG_PORT="${INTEROP_NG_PORT:-22340}"
port_min="${INTEROP_PORT_MIN:-35000}"
port_max="${INTEROP_PORT_MAX:-35999}"
work="$(mktemp -d "${TMPDIR:-/tmp}/rtpmesh-interop.XXXXXX")"
node_pid=""

# need_pkgs CHECK_NAMES PKG... : apt-get install the Debian packages that are missing (when root);
# prints "SKIP <name>: why" for each check name and exits 0 when they cannot be had.
need_pkgs() {
  local names="$1"; shift
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} = 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "interop: installing ${missing[*]}"
    if { timeout 300 apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$work/apt.log" 2>&1; then
      return 0
    fi
    tail -n 5 "$work/apt.log"
  fi
  for p in $names; do echo "SKIP $p: cannot install ${missing[*]}"; done
  exit 0
}

stop_node() {
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then
    kill -TERM "$node_pid" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$node_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$node_pid" 2>/dev/null || true
    wait "$node_pid" 2>/dev/null || true
  fi
  node_pid=""
}

cleanup() {
  stop_node
  rm -rf "$work"
}
trap cleanup EXIT

# start_node CHECK_NAMES [options]: one node on loopback; FAIL lines and exit 1 if it does not come up.
start_node() {
  local names="$1"; shift
  "$root/bin/rtpmesh" --interface=127.0.0.1 --listen-ng="127.0.0.1:$INTEROP_NG_PORT" \
    --port-min="$port_min" --port-max="$port_max" --log-level=5 "$@" >"$work/node.log" 2>&1 &
  node_pid=$!
  if ! (cd "$here" && /usr/bin/python3 -c "import interop; interop.wait_for_node(120)"); then
    tail -n 20 "$work/node.log"
    for p in $names; do echo "FAIL $p: rtpmesh did not start"; done
    exit 1
  fi
}

# Shows the node's log when something failed.
node_log_on_failure() {
  if [ "$1" != 0 ]; then
    echo "== node log (last 30 lines)"
    tail -n 30 "$work/node.log"
  fi
}
