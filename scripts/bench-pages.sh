#!/usr/bin/env bash
# Measures Helmi's health data page (first and last page) and her preview
# (full server-side render) on a freshly built server with its own seeded temporary database.
# Prints p50 and p99. KANTA_BENCH_RUNS sets the number of requests.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
setup_build_tools
build_site
TMP_DIR="$(mktemp -d)"
PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
"$SERVER_BIN" serve --seed --demo --addr "127.0.0.1:$PORT" --database-url "sqlite://$TMP_DIR/bench.sqlite" \
  --site-root "$SITE_ROOT" --log-level warn >/dev/null &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null; rm -rf "$TMP_DIR"' EXIT
say "Helmi's pages"
node "$ROOT/end2end/bench/pages.mjs" "http://127.0.0.1:$PORT"
