# Shared by bench-load.sh and crash-test.sh (sourced): builds the server and
# the stress driver (server/examples/stress.rs), prepares a database with
# synthetic citizens who can log in, and starts and stops the server.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

build_stress_tools() {
  setup_rust
  say "building the server and the stress driver"
  (cd "$ROOT" && cargo build --release --locked -p kanta-server --features app/ssr --bin kanta-server --example stress)
  SERVER_BIN="$CARGO_TARGET_DIR/release/kanta-server"
  STRESS_BIN="$CARGO_TARGET_DIR/release/examples/stress"
}

# A database URL for backend $1 (sqlite|postgres) named $2, with $3
# synthetic citizens who have the demo password.
stress_database() {
  local url
  case "$1" in
    sqlite) url="sqlite://$TMP_DIR/$2.sqlite" ;;
    postgres) url="$(create_pg_database "$2")" ;; # start_stress_backends started the cluster
  esac
  "$SERVER_BIN" generate --citizens "$3" --entries 20 --with-password --database-url "$url" >&2
  echo "$url"
}

# Starts the throwaway PostgreSQL cluster if the backends ($*) include it,
# or uses the caller's (test.sh exports PG_ADMIN_URL): then this script's
# EXIT trap leaves it alone (PG_DIR stays unset here) and test.sh stops it.
start_stress_backends() {
  case " $* " in *" postgres "*) ;; *) return 0 ;; esac
  if [ -n "${PG_ADMIN_URL:-}" ]; then
    setup_postgres
    PG_PORT="${PG_ADMIN_URL##*:}"
    PG_PORT="${PG_PORT%%/*}"
  else
    start_postgres_cluster
  fi
}

# Starts the server on database $1 at a free port; sets SERVER_PID and BASE.
start_server() {
  local port
  port="$(free_port)"
  BASE="http://127.0.0.1:$port"
  "$SERVER_BIN" serve --demo --addr "127.0.0.1:$port" --database-url "$1" --site-root "$TMP_DIR/site" \
    --log-level "${KANTA_STRESS_LOG:-error}" >>"$TMP_DIR/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 150); do
    curl -sf "$BASE/health" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.2
  done
  echo "the server did not start (log: $TMP_DIR/server.log)" >&2
  cat "$TMP_DIR/server.log" >&2
  return 1
}

stop_server() {
  [ -n "${SERVER_PID:-}" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

TMP_DIR="$(mktemp -d)"
SERVER_PID=""
trap 'stop_server; stop_postgres_cluster; rm -rf "$TMP_DIR"' EXIT
