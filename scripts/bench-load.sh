#!/usr/bin/env bash
# Load: KANTA_LOAD_SESSIONS (default 200) citizens, each logged in in a
# session of their own, for KANTA_LOAD_SECONDS (default 60), each looping
# over five pages (front page, health data, Management of Data Use, the
# preview, the history) and two declarations (consent given, withdrawn),
# against a freshly built server on SQLite and on PostgreSQL (a throwaway
# cluster). Prints requests per second, p50/p99 by kind, the errors (any
# answer but 2xx, or none) and whether every acknowledged declaration is in
# the database exactly once; fails on any error. Loopback only.
#   KANTA_LOAD_BACKENDS   "sqlite postgres" (default both)
source "$(dirname "${BASH_SOURCE[0]}")/stress-env.sh"
SESSIONS="${KANTA_LOAD_SESSIONS:-200}"
SECONDS_EACH="${KANTA_LOAD_SECONDS:-60}"
build_stress_tools
BACKENDS="${KANTA_LOAD_BACKENDS:-sqlite postgres}"
start_stress_backends $BACKENDS
status=0
for backend in $BACKENDS; do
  say "$backend: $SESSIONS sessions for $SECONDS_EACH s"
  url="$(stress_database "$backend" load_test "$SESSIONS")"
  start_server "$url"
  "$STRESS_BIN" load --base "$BASE" --database-url "$url" --sessions "$SESSIONS" --seconds "$SECONDS_EACH" || status=1
  stop_server
done
exit $status
