#!/usr/bin/env bash
# Measures Helmi's health data page (first and last page) and her preview
# (full server-side render, over loopback, as a logged-in citizen) on a
# freshly built server, on SQLite and on PostgreSQL (a throwaway cluster),
# each with the demo people only ("small") and with the generated big data
# set added ("big": KANTA_BENCH_CITIZENS citizens × KANTA_BENCH_ENTRIES
# entries each; default 10,000 × 100 = 1,000,000 entries). Prints p50 and
# p99 per page and the big/small ratio of the p50s.
#   KANTA_BENCH_RUNS       requests per page (default 500, after 20 warm-up requests)
#   KANTA_BENCH_BACKENDS   "sqlite postgres" (default both)
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
setup_build_tools
build_site
export KANTA_BENCH_RUNS="${KANTA_BENCH_RUNS:-500}"
CITIZENS="${KANTA_BENCH_CITIZENS:-10000}"
ENTRIES="${KANTA_BENCH_ENTRIES:-100}"
TMP_DIR="$(mktemp -d)"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill $SERVER_PID 2>/dev/null; stop_postgres_cluster; rm -rf "$TMP_DIR"' EXIT
RESULTS="$TMP_DIR/results.tsv"
: >"$RESULTS"

bench_one() { # backend size url
  local label="$1 $2" port
  say "$label: preparing"
  "$SERVER_BIN" seed --database-url "$3" >/dev/null
  if [ "$2" = big ]; then
    "$SERVER_BIN" generate --citizens "$CITIZENS" --entries "$ENTRIES" --database-url "$3"
  fi
  port="$(free_port)"
  "$SERVER_BIN" serve --demo --addr "127.0.0.1:$port" --database-url "$3" --site-root "$SITE_ROOT" --log-level warn >/dev/null &
  SERVER_PID=$!
  say "$label: Helmi's pages"
  KANTA_BENCH_LABEL="$label" node "$ROOT/end2end/bench/pages.mjs" "http://127.0.0.1:$port" | tee -a "$RESULTS.raw"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

for backend in ${KANTA_BENCH_BACKENDS:-sqlite postgres}; do
  for size in small big; do
    case "$backend" in
      sqlite) url="sqlite://$TMP_DIR/bench-$size.sqlite" ;;
      postgres) [ -n "${PG_ADMIN_URL:-}" ] || start_postgres_cluster; url="$(create_pg_database "bench_$size")" ;;
    esac
    bench_one "$backend" "$size" "$url"
  done
done

say "summary (p50 / p99 in ms; ratio = big p50 / small p50)"
grep '^RESULT' "$RESULTS.raw" | awk -F'\t' '
  { split($2, l, " "); key = l[1] "\t" $3; p50[key, l[2]] = $4; p99[key, l[2]] = $5; if (!(key in seen)) { seen[key] = 1; order[++n] = key } }
  END {
    printf "%-9s %-38s %17s %17s %7s  %s\n", "database", "page", "small p50/p99", "big p50/p99", "ratio", "target"
    for (i = 1; i <= n; i++) {
      k = order[i]; split(k, parts, "\t"); ratio = p50[k, "big"] / p50[k, "small"]
      printf "%-9s %-38s %8.1f/%-8.1f %8.1f/%-8.1f %7.2f  <= 1.2 %s\n", parts[1], parts[2], p50[k, "small"], p99[k, "small"], p50[k, "big"], p99[k, "big"], ratio, (ratio <= 1.2 ? "met" : "NOT MET")
    }
  }'
