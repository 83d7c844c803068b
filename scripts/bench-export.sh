#!/usr/bin/env bash
# CSV export benchmark: fills a fresh local Elasticsearch with simulated posts (default 1,000,000 over 2011), then in
# one run compares a bare point-in-time + search_after read of the export's fields with the posts export over HTTP
# (rows/s and ratio), the most heap used while exporting in a JVM limited to 256 MB, and the time to first byte.
# Results: stdout and dashboard/target/bench-export.md.
#   scripts/bench-export.sh                          # 1,000,000 posts, 2 rounds, JVM -Xmx256m, ES heap 1024 MB
#   POSTS=200000 ROUNDS=3 scripts/bench-export.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec mvn -B -o -pl dashboard -am test -Dtest=ExportBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbackbeat.bench=true -Dbackbeat.bench.posts="${POSTS:-1000000}" -Dbackbeat.bench.rounds="${ROUNDS:-2}" \
  -Dbackbeat.bench.es-heap-mb="${ES_HEAP_MB:-1024}" -Dsurefire.argLine="-Xmx${JVM_HEAP:-256m} -XX:+UseParallelGC"
