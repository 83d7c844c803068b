#!/usr/bin/env bash
# Dashboard latency benchmark: fills a fresh local Elasticsearch with simulated posts (default 1,000,000 over 2011)
# and measures p50/p95/max of the main API queries over HTTP. Results: stdout and dashboard/target/bench-dashboard.md.
#   scripts/bench-dashboard.sh                      # 1,000,000 posts, 200 requests per query, ES heap 1536 MB
#   POSTS=100000 REQUESTS=50 ES_HEAP_MB=1024 scripts/bench-dashboard.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec mvn -B -o -pl dashboard -am test -Dtest=DashboardBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbackbeat.bench=true -Dbackbeat.bench.posts="${POSTS:-1000000}" -Dbackbeat.bench.requests="${REQUESTS:-200}" \
  -Dbackbeat.bench.es-heap-mb="${ES_HEAP_MB:-1536}"
