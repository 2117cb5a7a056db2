#!/usr/bin/env bash
# A burst of routes against the sample monitor, a cold JVM per run: does a printing listener lose any?
#
#   netlink-benchmarks/scripts/route-burst.sh [RUNS] [ROUTES] [extra sample arguments...]
#
# For each run: a fresh namespace, the packaged sample (sample-app/target/netlink-monitor.jar) started in it,
# and once it prints that it is watching, ROUTES blackhole routes added with one `ip -batch`. The run counts
# the "route added" lines the monitor printed and the overruns it reported, then stops it. Prints one line
# per run and a summary; exits non-zero if any run lost a route. Needs root (ip netns).
set -euo pipefail
RUNS=${1:-10}
ROUTES=${2:-20000}
shift $(( $# > 2 ? 2 : $# )) || true
HERE=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$HERE/sample-app/target/netlink-monitor.jar}
JAVA=${JAVA:-java}
[ -f "$JAR" ] || { echo "no $JAR: run ./mvnw -pl sample-app -am package -DskipTests first" >&2; exit 2; }
NS=jnl-burst-$$
WORK=$(mktemp -d)
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null || true; ip netns del "$NS" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
python3 - "$ROUTES" > "$WORK/batch" <<'PY'
import sys
n = int(sys.argv[1])
for i in range(n):
    print(f"route add blackhole 10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}/32")
PY
failed=0
for run in $(seq 1 "$RUNS"); do
  ip netns add "$NS"
  "$JAVA" -jar "$JAR" --netlink.connections.route.netns=/var/run/netns/$NS "$@" > "$WORK/out" 2>&1 &
  PID=$!
  for _ in $(seq 1 600); do grep -q "^watching" "$WORK/out" && break; sleep 0.1; done
  grep -q "^watching" "$WORK/out" || { echo "run $run: the monitor did not start within 60 s; its output:" >&2; cat "$WORK/out" >&2; exit 1; }
  start=$(date +%s%N)
  ip -n "$NS" -batch "$WORK/batch"
  produced=$(( ($(date +%s%N) - start) / 1000000 ))
  # wait until the count stops growing for 2 s
  last=-1
  while :; do
    n=$(grep -c "route added: 10\." "$WORK/out" || true)
    [ "$n" = "$last" ] && break
    last=$n
    sleep 2
  done
  overruns=$(grep -c "overrun on connection" "$WORK/out" || true)
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
  ip netns del "$NS"
  lost=$(( ROUTES - n ))
  echo "run=$run routes=$ROUTES printed=$n lost=$lost overruns=$overruns producer_ms=$produced"
  [ "$lost" -eq 0 ] || failed=$((failed + 1))
done
echo "summary runs=$RUNS routes=$ROUTES runs_with_loss=$failed"
[ "$failed" -eq 0 ]
