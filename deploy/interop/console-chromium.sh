#!/usr/bin/env bash
# The admin console in a real browser: installs Debian's chromium when it is missing (as root),
# then runs ConsoleBrowserTest (a node, an ng call with RTP, chromium headless over the DevTools
# protocol clicks "Terminate"). Prints "PASS console-chromium", "FAIL ..." or "SKIP ...: why".
set -uo pipefail
name=console-chromium
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing chromium"
    log="$(mktemp)"
    if ! { timeout 300 apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 400 apt-get install -y -qq chromium; } >"$log" 2>&1; then
      tail -n 5 "$log"
      echo "FAIL $name: chromium could not be installed"
      exit 1
    fi
  else
    echo "SKIP $name: chromium is not installed and this is not root"
    exit 0
  fi
fi

report=control-verticle/target/surefire-reports/TEST-rtpmesh.control.node.ConsoleBrowserTest.xml
rm -f "$report"
mvn -B -q -Dstyle.color=never -pl control-verticle -am test -Dtest=ConsoleBrowserTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dconsole.screenshot="${CONSOLE_SCREENSHOT:-}"
rc=$?
if [ $rc -eq 0 ] && [ -f "$report" ] && grep -q 'tests="1"' "$report" && grep -q 'skipped="0"' "$report" \
    && grep -q 'failures="0"' "$report" && grep -q 'errors="0"' "$report"; then
  echo "PASS $name"
else
  echo "FAIL $name: ConsoleBrowserTest did not pass (mvn exit $rc, see $report)"
  exit 1
fi
