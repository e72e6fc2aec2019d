# Shared by run.sh and test.sh (sourced, not run): finds or installs the
# tools the build needs, each only when it is missing, and exports the
# environment the build uses. Works on a fresh Debian 12 machine (as root or
# with sudo) and on a developer machine whose rustup has the wasm32 target.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${KANTA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kanta-portal}"
TOOLS="$CACHE/tools"
# The build lives outside the clone, so a fresh clone on the same machine
# (CI) rebuilds only what changed.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE/target}"
BINARYEN_VERSION=132.0.0

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root (or sudo) to run: $*" >&2; return 1; fi
}

APT_UPDATED=""
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The Rust toolchain: rustup with the wasm32 target if it has one, else
# Debian's rustc-web (1.96, with its std source) and -Zbuild-std for wasm32.
setup_rust() {
  WASM_STD_ARGS=()
  if command -v rustup >/dev/null 2>&1 \
     && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "toolchain: rustup with the wasm32 target"
  else
    say "toolchain: Debian rustc-web, wasm32 std built from source"
    apt_install rustc-web cargo-web rust-web-src lld-22
    export PATH="/usr/bin:$PATH"
    export RUSTC=/usr/bin/rustc
    export RUSTC_BOOTSTRAP=1
    WASM_STD_ARGS=("-Zbuild-std=std,panic_abort")
  fi
  # The server links OpenSSL (identification: JOSE and the provider's TLS).
  apt_install pkg-config libssl-dev
  export PATH="$HOME/.cargo/bin:$PATH"
  # Debian's cargo first again (the line above put rustup's proxies in front).
  [ "${RUSTC:-}" = /usr/bin/rustc ] && export PATH="/usr/bin:$PATH"
  true
}

# rustfmt and clippy of the same toolchain, and leptosfmt (the `view!`
# macros, which rustfmt leaves alone), for the test command's gates.
LEPTOSFMT_VERSION=0.1.33
setup_lints() {
  if [ "${RUSTC:-}" = /usr/bin/rustc ]; then
    apt_install rustfmt-web rust-web-clippy
  else
    rustup component add rustfmt clippy >/dev/null 2>&1 || true
  fi
  if ! "$TOOLS/bin/leptosfmt" --version 2>/dev/null | grep -q " $LEPTOSFMT_VERSION\$"; then
    say "installing leptosfmt $LEPTOSFMT_VERSION (once; about 3 minutes)"
    CARGO_TARGET_DIR="$CACHE/tools-target-leptosfmt" cargo install leptosfmt --version "$LEPTOSFMT_VERSION" \
      --locked --force --root "$TOOLS" >"$CACHE/leptosfmt-install.log" 2>&1 \
      || { cat "$CACHE/leptosfmt-install.log" >&2; return 1; }
    rm -rf "$CACHE/tools-target-leptosfmt"
  fi
  export PATH="$TOOLS/bin:$PATH"
}

setup_node() {
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
}

# The test identification service (end2end/oidc-provider: panva's
# oidc-provider from the npm registry), installed once and again when its
# lock file changes. The Rust tests start it themselves; run.sh and the
# end-to-end suite start it beside the portal.
setup_test_provider() {
  setup_node
  local dir="$ROOT/end2end/oidc-provider"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing the test identification service (npm oidc-provider)"
    (cd "$dir" && npm ci --no-audit --no-fund --silent)
  fi
}

# The independent FHIR implementation the tests validate every copy of the
# record with (end2end/fhir-validator): a Python virtual environment in the
# cache, made again when the pinned requirements change.
setup_fhir_validator() {
  local dir="$CACHE/fhir-validator" req="$ROOT/end2end/fhir-validator/requirements.txt"
  python3 -m venv --help >/dev/null 2>&1 || apt_install python3-venv
  if [ ! -x "$dir/bin/python" ] || ! cmp -s "$req" "$dir/requirements.txt"; then
    say "installing the FHIR validator (Python fhir.resources)"
    rm -rf "$dir"
    python3 -m venv "$dir" &&
      "$dir/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$req" &&
      cp "$req" "$dir/requirements.txt"
  fi
  export KANTA_FHIR_PYTHON="$dir/bin/python"
}

# Everything the build needs; cargo-leptos is not one of them (it stays an
# optional tool for `cargo leptos watch`, see docs/building.md).
setup_build_tools() {
  setup_rust
  setup_node
  apt_install brotli
  local wbg
  wbg="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' "$ROOT/Cargo.lock")"
  WASM_BINDGEN_INSTALL_PID=""
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $wbg\$"; then
    # In the background: it is needed only after the WASM is compiled, and
    # build_site waits for it (wait_for_wasm_bindgen). Its own target dir.
    mkdir -p "$CACHE"
    say "installing wasm-bindgen-cli $wbg in the background (once; about 3 minutes; log: $CACHE/wasm-bindgen-install.log)"
    (CARGO_TARGET_DIR="$CACHE/tools-target" cargo install wasm-bindgen-cli --version "$wbg" --force \
      && rm -rf "$CACHE/tools-target") >"$CACHE/wasm-bindgen-install.log" 2>&1 &
    WASM_BINDGEN_INSTALL_PID=$!
  fi
  if [ ! -x "$TOOLS/node_modules/.bin/wasm-opt" ]; then
    say "installing wasm-opt (npm binaryen $BINARYEN_VERSION, once)"
    mkdir -p "$TOOLS"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS" "binaryen@$BINARYEN_VERSION" >/dev/null
  fi
  export PATH="$TOOLS/node_modules/.bin:$PATH"
}

wait_for_wasm_bindgen() {
  [ -z "${WASM_BINDGEN_INSTALL_PID:-}" ] && return 0
  if ! wait "$WASM_BINDGEN_INSTALL_PID"; then
    cat "$CACHE/wasm-bindgen-install.log" >&2
    echo "installing wasm-bindgen-cli failed (log above)" >&2
    return 1
  fi
  WASM_BINDGEN_INSTALL_PID=""
}

source "$ROOT/scripts/build-site.sh"

# A free TCP port on the loopback interface.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# PostgreSQL's server programs (Debian's packages), installed if missing.
setup_postgres() {
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    apt_install postgresql
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  fi
}

# Runs a PostgreSQL program as the cluster's owner (PostgreSQL refuses root).
pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Starts a throwaway PostgreSQL cluster in a temporary directory on a free
# local port (trust authentication, loopback only) and exports
# PG_ADMIN_URL. stop_postgres_cluster stops it and removes the directory;
# callers put it in their EXIT trap, so it runs on failure too.
start_postgres_cluster() {
  setup_postgres
  PG_DIR="$(mktemp -d /tmp/kanta-pg.XXXXXX)"
  PG_PORT="$(free_port)"
  [ "$(id -u)" = 0 ] && chown postgres: "$PG_DIR"
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U kanta --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  pg_cluster_ctl start
  export PG_ADMIN_URL="postgres://kanta@127.0.0.1:$PG_PORT/postgres"
  say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

# Starts or stops (fast) the throwaway cluster (start_postgres_cluster, the outage test).
pg_cluster_ctl() {
  # Loopback only; durability off (a throwaway cluster for tests and benchmarks).
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 -m fast \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    "$1" >/dev/null
}

stop_postgres_cluster() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ]; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}

# A new empty database on the throwaway cluster; prints its URL.
create_pg_database() {
  "$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 "$PG_ADMIN_URL" -c "CREATE DATABASE $1" >/dev/null
  echo "postgres://kanta@127.0.0.1:$PG_PORT/$1"
}
