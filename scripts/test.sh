#!/usr/bin/env bash
# Runs every test, on a fresh Debian machine too: first installs what the suite needs and the machine
# lacks (JDK 17 and Maven; Debian's chromium and chromium-driver for the browser tests; docker-compose,
# which validates docker-compose.yml), with apt-get update first and sudo when not root; then runs
# `mvn -B verify` in the checkout, passing any further arguments on. The README's test command
# `./backbeat test` runs this, and so does CI (.ci/run).
#
#   ./backbeat test [--dry-run] [MAVEN ARGS...]      e.g. ./backbeat test -pl ingest -am
#   --dry-run   say what would be installed and run, and do neither
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

dry_run=false
case "${1:-}" in
  -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  --dry-run) dry_run=true; shift ;;
esac

# The tests start /usr/bin/chromium, /usr/bin/chromedriver and /usr/bin/docker-compose by these paths.
need=()
command -v java >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
[ -x /usr/bin/docker-compose ] || need+=(docker-compose)

if [ "${#need[@]}" -gt 0 ]; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  apt=(${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get)
  if $dry_run; then
    echo "backbeat test: would install ${need[*]}: ${apt[*]} update && ${apt[*]} install -y ${need[*]}"
  elif ! command -v apt-get >/dev/null; then
    echo "backbeat test: missing ${need[*]} (Debian package names) and there is no apt-get: install them and run again" >&2
    exit 1
  else
    echo "backbeat test: installing ${need[*]}" >&2
    "${apt[@]}" update
    "${apt[@]}" install -y "${need[@]}"
  fi
fi

cd "$here"
if $dry_run; then
  echo "backbeat test: would run in $here: mvn -B verify $*"
  exit 0
fi
exec mvn -B verify "$@"
