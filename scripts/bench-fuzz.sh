#!/usr/bin/env bash
# Sends many malformed requests (default 10,000; KANTA_FUZZ_REQUESTS) to
# every server function and page of the real HTTP application, on SQLite and
# on PostgreSQL (a throwaway cluster), with the suite's generator
# (server/tests/http/fuzz.rs) and a seed of its own (KANTA_FUZZ_SEED, default
# the time). Fails on any 5xx, panic, dropped connection, shown internals or
# written row; prints the request count, the statuses and the time.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
setup_rust
trap stop_postgres_cluster EXIT
start_postgres_cluster
export KANTA_FUZZ_REQUESTS="${KANTA_FUZZ_REQUESTS:-10000}"
export KANTA_FUZZ_SEED="${KANTA_FUZZ_SEED:-$(date +%s)}"
fuzz() { # database URL ('' = SQLite)
  (cd "$ROOT" && KANTA_TEST_DATABASE_URL="$1" cargo test --release --locked -p kanta-server --features app/ssr \
    --test http fuzz:: -- --nocapture 2>&1 | grep -E '^fuzz:|test result|panicked|answered|got no answer')
}
t0=$SECONDS
say "fuzz on SQLite"; fuzz ""
say "fuzz on PostgreSQL"; fuzz "$PG_ADMIN_URL"
say "done in $((SECONDS - t0)) s"
