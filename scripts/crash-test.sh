#!/usr/bin/env bash
# Crash: KANTA_CRASH_WRITERS (default 24) citizens write declarations as
# fast as they can, each in its own session; after a random 3–6 s the
# server is killed with SIGKILL (no shutdown, requests in flight). The
# server is started again on the same database, and every declaration that
# was acknowledged (answered 200) must be there exactly once; then a short
# load run shows the restarted server answers every request. On SQLite and
# on PostgreSQL (a throwaway cluster). Loopback only; run by test.sh.
#   KANTA_CRASH_BACKENDS   "sqlite postgres" (default both)
source "$(dirname "${BASH_SOURCE[0]}")/stress-env.sh"
WRITERS="${KANTA_CRASH_WRITERS:-24}"
build_stress_tools
BACKENDS="${KANTA_CRASH_BACKENDS:-sqlite postgres}"
start_stress_backends $BACKENDS
status=0
for backend in $BACKENDS; do
  say "$backend: $WRITERS writers, then kill -9"
  url="$(stress_database "$backend" crash_test $((WRITERS * 2)))"
  start_server "$url"
  log="$TMP_DIR/acknowledged-$backend.tsv"
  "$STRESS_BIN" write --base "$BASE" --database-url "$url" --sessions "$WRITERS" --log "$log" &
  writers=$!
  sleep "$((3 + RANDOM % 4))"
  kill -9 "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  wait "$writers" || { status=1; continue; }
  start_server "$url"
  say "$backend: after the restart"
  "$STRESS_BIN" check --database-url "$url" --log "$log" || status=1
  "$STRESS_BIN" load --base "$BASE" --database-url "$url" --sessions "$WRITERS" --skip "$WRITERS" --seconds 5 || status=1
  stop_server
done
exit $status
