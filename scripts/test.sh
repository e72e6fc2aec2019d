#!/usr/bin/env bash
# Runs every test: installs what is missing, starts a throwaway PostgreSQL
# cluster, checks formatting and clippy's lints, runs the workspace's Rust
# tests on SQLite and on PostgreSQL (the identification tests start the test
# identification service, end2end/oidc-provider, themselves; the FHIR copies
# are validated with Python's fhir.resources, end2end/fhir-validator),
# builds the site, runs the Playwright suite in Debian's Chromium against a
# freshly built server on each database with the test identification service
# beside it (Playwright starts and stops both), the PostgreSQL outage test, the
# crash test (scripts/crash-test.sh) and the failover test
# (scripts/failover-test.sh: Patroni, etcd and HAProxy from Debian).
# The cluster is stopped at the end, also on failure. Exits non-zero on any
# failure (every part runs; the summary says which failed).
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

started=$SECONDS
setup_build_tools
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || apt_install chromium
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

TMP_DIR="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  stop_postgres_cluster
  rm -rf "$TMP_DIR"
}
trap cleanup EXIT
start_postgres_cluster

failed=()
summary=()
run_part() { # name, command…
  local name="$1" t0=$SECONDS
  shift
  if "$@"; then summary+=("ok      $name ($((SECONDS - t0)) s)")
  else summary+=("FAILED  $name ($((SECONDS - t0)) s)"); failed+=("$name"); fi
}

# The same target dir, profile and environment as the site's build
# (build-site.sh), so the tests reuse the compiled dependency tree.
rust_tests() { # database URL for the server's tests ('' = SQLite), extra test-binary arguments
  (cd "$ROOT" && KANTA_TEST_DATABASE_URL="$1" cargo test --release --locked -p app -p kanta-server --features app/ssr -- "${@:2}")
}
# The gates: the code is formatted, and clippy finds nothing (every target:
# the library, the server, the tests, the benchmark and the examples).
setup_lints
lints() {
  (cd "$ROOT" && cargo fmt --all --check) &&
    (cd "$ROOT" && leptosfmt --check --quiet --config-file leptosfmt.toml app/src) &&
    (cd "$ROOT" && cargo clippy --release --locked -p app -p kanta-server --features app/ssr --all-targets -- -D warnings)
}
say "formatting and lints"
run_part "cargo fmt --check, leptosfmt --check, cargo clippy -D warnings" lints
# The identification tests start the test identification service themselves.
setup_test_provider
# The copies of the record are validated by an independent FHIR implementation.
setup_fhir_validator
say "Rust tests on SQLite"
run_part "Rust tests, SQLite" rust_tests ""
say "Rust tests on PostgreSQL"
# Also the tests that need PostgreSQL and are ignored without it (server/tests/http/role.rs).
run_part "Rust tests, PostgreSQL" rust_tests "$PG_ADMIN_URL" --include-ignored

build_site

cd "$ROOT/end2end"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent
fi
# The portal's identification keys and the demo people for the test
# identification service, which Playwright starts beside the portal.
"$SERVER_BIN" keys --data-dir "$TMP_DIR" >/dev/null
"$SERVER_BIN" demo-people >"$TMP_DIR/demo-people.json"
export KANTA_E2E_PEOPLE="$TMP_DIR/demo-people.json"
e2e() { # database URL
  local port oidc_port
  port="$(free_port)"
  oidc_port="$(free_port)"
  export KANTA_E2E_PORT="$port" KANTA_E2E_OIDC_PORT="$oidc_port"
  export KANTA_E2E_SERVER_CMD="$SERVER_BIN serve --seed --demo --addr 127.0.0.1:$port --database-url $1 --site-root $SITE_ROOT --log-level warn --data-dir $TMP_DIR --oidc-issuer http://127.0.0.1:$oidc_port"
  rm -rf test-results
  local status=0
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test || status=$?
  # One plain closing line for the whole end-to-end run.
  node -e '
    const r = require("./test-results/results.json").stats;
    console.log(`end-to-end: ${r.expected} passed, ${r.unexpected} failed` + (r.skipped ? `, ${r.skipped} skipped` : ""));
  ' || true
  return $status
}
say "end-to-end tests on SQLite (Playwright, $("$CHROMIUM_PATH" --version 2>/dev/null || echo chromium))"
run_part "end-to-end, SQLite" e2e "sqlite://$TMP_DIR/e2e.sqlite"
# The PostgreSQL run is also the plan guard's: its database holds a generated
# population beside the demo people, and auto_explain logs the plan of every
# statement the portal executes there; scripts/plan-guard.py then fails on any
# sequential scan of a table that grows with the population.
PLAN_CITIZENS=20000
plan_db="$(create_pg_database kanta_e2e)"
prepare_plan_db() {
  "$SERVER_BIN" generate --citizens "$PLAN_CITIZENS" --entries 10 --database-url "$plan_db" &&
    "$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 "$plan_db" \
      -c "ALTER DATABASE kanta_e2e SET session_preload_libraries = 'auto_explain'" \
      -c "ALTER DATABASE kanta_e2e SET auto_explain.log_min_duration = 0" \
      -c "ALTER DATABASE kanta_e2e SET auto_explain.log_format = 'json'"
}
plan_guard() {
  "$PG_BIN/psql" -qtAX -v ON_ERROR_STOP=1 "$plan_db" -c "SELECT json_object_agg(c.relname, c.reltuples) \
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
    WHERE c.relkind = 'r' AND n.nspname IN ('public', 'tower_sessions')" >"$TMP_DIR/table-sizes.json" &&
    python3 "$ROOT/scripts/plan-guard.py" "$PG_DIR/server.log" "$TMP_DIR/table-sizes.json"
}
say "end-to-end tests on PostgreSQL, beside $PLAN_CITIZENS generated citizens, every plan logged"
run_part "generate $PLAN_CITIZENS citizens for the plan guard" prepare_plan_db
run_part "end-to-end, PostgreSQL" e2e "$plan_db"
say "plan guard: no statement scans a table that grows with the population"
run_part "plan guard (auto_explain over the PostgreSQL end-to-end run)" plan_guard

say "PostgreSQL outage test"
run_part "outage: 503 while PostgreSQL is down, back without a restart" source "$ROOT/scripts/outage-test.sh"

say "crash test: kill -9 during concurrent declarations, on SQLite and PostgreSQL"
run_part "crash: every acknowledged declaration kept exactly once" bash "$ROOT/scripts/crash-test.sh"

say "failover test: Patroni, etcd and HAProxy; the leader's machine dies, twice"
run_part "failover: nothing acknowledged lost, writes back within 30 s, no 500" bash "$ROOT/scripts/failover-test.sh"

say "summary"
printf '  %s\n' "${summary[@]}"
say "all tests took $((SECONDS - started)) s"
[ ${#failed[@]} -eq 0 ]
