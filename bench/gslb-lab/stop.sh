#!/usr/bin/env bash
# Stops exactly the processes bench/gslb-lab/start.sh recorded.
WORKDIR=${WORKDIR:-/tmp/gslb-lab}
for f in "$WORKDIR"/pids/*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    pkill -TERM -P "$pid" 2>/dev/null
    kill -TERM "$pid" 2>/dev/null
    rm -f "$f"
done
