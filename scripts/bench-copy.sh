#!/usr/bin/env bash
# Measures the copies of Helmi's record in FHIR R4 (her whole record of
# 2,000+ entries, and her patient summary as an IPS document) on a freshly
# built server with the demo data on SQLite: the time of a download (p50,
# max) and the server's memory before and after (resident and peak, from
# /proc), which shows the whole record is streamed rather than built.
#   KANTA_BENCH_RUNS   downloads of each copy (default 20)
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
setup_build_tools
build_site
TMP_DIR="$(mktemp -d)"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill $SERVER_PID 2>/dev/null; rm -rf "$TMP_DIR"' EXIT
port="$(free_port)"
# Seeded by a process of its own, so the server's memory holds nothing of it.
"$SERVER_BIN" seed --database-url "sqlite://$TMP_DIR/copy.sqlite" >/dev/null
"$SERVER_BIN" serve --demo --addr "127.0.0.1:$port" --database-url "sqlite://$TMP_DIR/copy.sqlite" \
  --site-root "$SITE_ROOT" --log-level warn >/dev/null &
SERVER_PID=$!
say "Helmi's copies (whole record, IPS summary)"
KANTA_BENCH_PID="$SERVER_PID" node "$ROOT/end2end/bench/copy.mjs" "http://127.0.0.1:$port"
