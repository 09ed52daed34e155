#!/usr/bin/env bash
# What open dashboards cost the DNS path: dnsperf's qps with none open and with N open, in
# interleaved rounds (none, N, none, N, ...), medians and their ratio. Each "dashboard" does what the
# page does to the server: it holds the live stream (GET /api/v1/stream, one status a second) and
# polls the heat map and the history every 10 s. The browser's own rendering is left out on
# purpose: on this 2-core machine ten Chromiums would measure the browser, not the server.
#
#   WORKDIR=/tmp/gslb-lab bench/gslb-lab/start.sh        # the three-site lab, DNS 127.0.0.1:5390
#   WORKDIR=/tmp/gslb-lab bench/dashboard-cost.sh         # N=10 ROUNDS=3 DURATION=15
#   bench/gslb-lab/stop.sh
#
# Every load is bounded: dnsperf by DURATION, each client by curl --max-time.
set -euo pipefail
WORKDIR=${WORKDIR:-/tmp/gslb-lab}
DNS=${DNS:-127.0.0.1:5390}
ADMIN=${ADMIN:-127.0.0.1:8390}
N=${N:-10}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15}
DNSPERF_ARGS=${DNSPERF_ARGS:--c 10 -T 1 -q 100}
case "$DNS$ADMIN" in *127.0.0.*|*::1*) ;; *) echo "loopback only" >&2; exit 2 ;; esac
command -v dnsperf >/dev/null || { echo "dnsperf is missing (Debian package dnsperf)" >&2; exit 1; }
token=$(cat "$WORKDIR/admin.token")
queries=$(mktemp); trap 'rm -f "$queries"' EXIT
echo "sip.voip.example.test A" > "$queries"

dashboards() { # count, seconds: N clients for that long, in the background
    local n=$1 secs=$2
    for i in $(seq 1 "$n"); do
        curl -sN --max-time "$secs" -H "Authorization: Bearer $token" "http://$ADMIN/api/v1/stream" > /dev/null &
        ( end=$((SECONDS + secs))
          while [ $SECONDS -lt $end ]; do
              for path in "heatmap?limit=50" history status; do
                  curl -s --max-time 5 -H "Authorization: Bearer $token" "http://$ADMIN/api/v1/$path" > /dev/null
              done
              sleep 10
          done ) &
    done
}

qps() {
    dnsperf -s "${DNS%:*}" -p "${DNS##*:}" -d "$queries" -l "$DURATION" $DNSPERF_ARGS 2>/dev/null \
        | awk '/Queries per second/ {print int($4)}'
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

none=(); open=()
for r in $(seq 1 "$ROUNDS"); do
    q=$(qps); none+=("$q"); echo "round $r: no dashboard      $q qps"
    dashboards "$N" $((DURATION + 3)); sleep 2
    q=$(qps); open+=("$q"); echo "round $r: $N dashboards open $q qps"
    wait
done
m0=$(printf '%s\n' "${none[@]}" | median)
m1=$(printf '%s\n' "${open[@]}" | median)
awk -v a="$m0" -v b="$m1" -v n="$N" 'BEGIN {printf "median: none %d qps, %d open %d qps, ratio %.3f\n", a, n, b, b / a}'
