#!/usr/bin/env bash
# Measures the demo as a user meets it: time from `./backbeat demo` to a healthy dashboard, time until
# every replayed post is charted (the end-to-end throughput), the resident memory of the whole demo
# (the JVM plus Elasticsearch's processes), and that Ctrl-C leaves no process or port behind.
#
#   scripts/demo-bench.sh [PORT]        (default port 7071; uses a fresh work dir under /var/tmp)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${1:-7071}"
work="$(mktemp -d /var/tmp/backbeat-bench.XXXXXX)"
chmod 755 "$work"
log="$work/demo.log"

expected=$("$here/backbeat" simulate 2>/dev/null | wc -l)
echo "simulated posts to replay: $expected"

now() { date +%s.%N; }
t0=$(now)
setsid "$here/backbeat" demo --port "$port" --work-dir "$work/state" > "$log" 2>&1 &
pid=$!
trap 'kill -TERM -- -$pid 2>/dev/null || true' EXIT

until curl -fs "http://127.0.0.1:$port/api/health" > /dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { echo "demo exited early:"; tail -30 "$log"; exit 1; }
  sleep 0.5
done
t_ready=$(now)

total() { curl -fs "http://127.0.0.1:$port/api/series?interval=week" | python3 -c 'import json,sys; print(sum(b["count"] for b in json.load(sys.stdin)["buckets"]))'; }
first=""
while :; do
  n=$(total || echo 0)
  [ -z "$first" ] && [ "$n" -gt 0 ] && first=$(now)
  [ "$n" -ge "$expected" ] && break
  sleep 0.5
done
t_done=$(now)

# RSS of the demo's whole process tree (launcher JVM, runuser, Elasticsearch launcher and server), in MB.
tree() { local p=$1; echo "$p"; for c in $(pgrep -P "$p"); do tree "$c"; done; }
rss_kb=0
for p in $(tree "$pid"); do rss_kb=$(( rss_kb + $(awk '/VmRSS/ {print $2}' /proc/$p/status 2>/dev/null || echo 0) )); done

printf 'dashboard healthy after   %6.1f s\n' "$(echo "$t_ready - $t0" | bc)"
printf 'all %d posts charted after %6.1f s\n' "$expected" "$(echo "$t_done - $t0" | bc)"
printf 'end-to-end throughput     %6.1f posts/s (first to last post indexed: %.1f s)\n' \
  "$(echo "$expected / ($t_done - $t_ready)" | bc -l)" "$(echo "$t_done - $first" | bc)"
printf 'resident memory, all processes: %d MB\n' $(( rss_kb / 1024 ))

t_stop=$(now)
kill -TERM "$pid"   # what Ctrl-C does; a background job of a script ignores SIGINT
wait "$pid" || true
trap - EXIT
printf 'stopped in %.1f s\n' "$(echo "$(now) - $t_stop" | bc)"
left=$(pgrep -f "$work" || true)
[ -z "$left" ] && echo "no process left" || { echo "LEFT RUNNING: $left"; exit 1; }
! (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && echo "port $port free" || { echo "port $port still bound"; exit 1; }
rm -rf "$work"
