#!/usr/bin/env bash
# A, B, A comparison of Kamailio (A) and gslb pbx (B) with the sip-peers harness, one sitting.
# Usage: compare.sh noauth|auth   (traffic on 127.0.0.1 only; every process stopped by PID)
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
H=${SIP_PEERS:-$HERE/../../../shared/bench/sip-peers}
JAR=${GSLB_JAR:-$HERE/../../deploy/target/gslb.jar}
mkdir -p /tmp/pbxbench
mode=${1:?noauth|auth}
export DURATION=${DURATION:-6}
REG_RATES=${REG_RATES:-"5000 10000 15000 20000 25000 30000 35000 40000 45000"}
OPT_RATES=${OPT_RATES:-"5000 10000 15000 20000 25000 30000 35000 40000 45000"}
AUTH_RATES=${AUTH_RATES:-"2000 4000 6000 8000 10000 12000 14000 16000 18000 20000"}
out=/tmp/pbxbench/compare-$mode-$(date -u +%H%M).log

kam() {
  local kmode=$([ "$mode" = auth ] && echo authht || echo noauth)
  "$H/start.sh" kamailio "$kmode" 2 127.0.0.1:5060 >>"$out" 2>&1 || { echo "kamailio start failed"; tail "$out"; exit 1; }
  echo "=== kamailio $kmode children=2 $(date -u +%T)" | tee -a "$out"
  load 127.0.0.1:5060 "$(cat /tmp/sipbench/run/kamailio.pid)"
  "$H/stop.sh" kamailio >>"$out" 2>&1
}

ours() {
  rm -rf /tmp/pbxbench/data-$mode*
  java -jar "$JAR" pbx --config "$HERE/sip-peers-$mode.yaml" >/tmp/pbxbench/ours-$mode.log 2>&1 &
  local pid=$!
  for i in $(seq 1 100); do grep -q "pbx serving SIP" /tmp/pbxbench/ours-$mode.log && break; sleep 0.2; done
  echo "=== gslb pbx $mode (pid $pid, threads=2) $(date -u +%T)" | tee -a "$out"
  load 127.0.0.1:5064 "$pid"
  kill "$pid"; wait "$pid" 2>/dev/null
}

load() {
  local target=$1 pid=$2
  if [ "$mode" = auth ]; then
    AUTH=1 SERVER_PID=$pid "$H/run-register.sh" "$target" ramp $AUTH_RATES 2>&1 | grep -E "rate|MAX" | tee -a "$out"
  else
    SERVER_PID=$pid "$H/run-register.sh" "$target" ramp $REG_RATES 2>&1 | grep -E "rate|MAX" | tee -a "$out"
    SERVER_PID=$pid "$H/run-options.sh" "$target" ramp $OPT_RATES 2>&1 | grep -E "rate|MAX" | tee -a "$out"
  fi
}

kam; ours; kam
echo "log: $out"
