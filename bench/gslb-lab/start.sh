#!/usr/bin/env bash
# Starts the three-site example (deploy/examples/gslb-sites.yaml) on loopback with everything that
# keeps its sites up: per node a SIPp UAS answering OPTIONS on the node's address (what the DNS
# server's SIP checks and the agent's PBX check hit) and a real probe agent streaming telemetry.
# Every process is bounded in time (LIFETIME, default 1800 s) and recorded in $WORKDIR/pids.
#
#   WORKDIR=/tmp/gslb-lab bench/gslb-lab/start.sh       # DNS on 127.0.0.1:5390, admin 127.0.0.1:8390
#   bench/gslb-lab/stop.sh
#
# Then, for example: dig @127.0.0.1 -p 5390 sip.voip.example.test A +subnet=127.0.1.0/24
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORKDIR=${WORKDIR:-/tmp/gslb-lab}
LIFETIME=${LIFETIME:-1800}
DNS_LISTEN=${DNS_LISTEN:-127.0.0.1:5390}
ADMIN_LISTEN=${ADMIN_LISTEN:-127.0.0.1:8390}
DNS_THREADS=${DNS_THREADS:-0}               # event loops of the DNS server; 0 = one per CPU
JAR="$ROOT/deploy/target/gslb.jar"
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -B -pl deploy -am package -DskipTests)
command -v sipp >/dev/null || { echo "sipp is missing (Debian package sip-tester)" >&2; exit 1; }
mkdir -p "$WORKDIR/pids" "$WORKDIR/logs"

# Our own copy of the example, so its tokens and event database stay out of the checkout.
cp -r "$ROOT/deploy/examples/zones" "$WORKDIR/"
sed -e "s#database: data/gslb-events#database: $WORKDIR/data/gslb-events#" \
    -e "s#token_file: tokens/#token_file: $WORKDIR/tokens/#" \
    -e "s#token_file: admin.token#token_file: $WORKDIR/admin.token#" \
    "$ROOT/deploy/examples/gslb-sites.yaml" > "$WORKDIR/gslb-sites.yaml"

start() { # name, command...
    local name=$1; shift
    # from the log directory: SIPp writes its error traces to the working directory
    (cd "$WORKDIR/logs" && exec timeout "$LIFETIME" "$@") > "$WORKDIR/logs/$name.log" 2>&1 &
    echo $! > "$WORKDIR/pids/$name.pid"
}

NODES="fra-1:fra:127.0.1.1 fra-2:fra:127.0.1.2 nyc-1:nyc:127.0.2.1 sin-1:sin:127.0.3.1"
for n in $NODES; do
    IFS=: read -r id site addr <<< "$n"
    start "sipp-$id" sipp -sf "$ROOT/deploy/examples/sipp/uas-options.xml" -i "$addr" -p 5060 -t u1 \
        -m 100000000 -timeout "${LIFETIME}s" -nostdin -trace_err
done

start dns java -Xms512m -Xmx512m -XX:+UseParallelGC -jar "$JAR" dns --config "$WORKDIR/gslb-sites.yaml" \
    --listen "$DNS_LISTEN" --admin-listen "$ADMIN_LISTEN" --threads "$DNS_THREADS"
for _ in $(seq 1 100); do
    [ -f "$WORKDIR/tokens/sin-1.token" ] && grep -q "serving on" "$WORKDIR/logs/dns.log" && break
    sleep 0.2
done

port=18862
for n in $NODES; do
    IFS=: read -r id site addr <<< "$n"
    port=$((port + 1))
    cat > "$WORKDIR/agent-$id.yaml" <<YAML
agent:
  node_id: $id
  site: $site
  hostname: $id.nodes.voip.example.test
  capacity_calls: 1000
  heartbeat_interval: 1s
  report_interval: 5s
  cpu_load: false               # every node shares this machine (and dnsperf): its CPU is no node's load
telemetry:
  nodes:
    - url: ws://127.0.0.1:8444/telemetry/v1
      token_file: $WORKDIR/tokens/$id.token
      allow_plaintext: true
stamp:
  reflector: $addr:$port
probes:
  max_rate: 20
  per_target_interval: 5s
pbx:
  sip_options: $addr:5060
YAML
    start "agent-$id" java -Xmx128m -XX:TieredStopAtLevel=1 -jar "$JAR" agent --config "$WORKDIR/agent-$id.yaml"
done
echo "lab started in $WORKDIR: DNS $DNS_LISTEN, admin $ADMIN_LISTEN (token $WORKDIR/admin.token)"
