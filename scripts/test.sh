#!/usr/bin/env bash
# Runs every test: installs what is missing, runs the workspace's Rust tests,
# builds the site, and runs the Playwright suite in Debian's Chromium against
# a freshly built server on a free port with its own temporary database.
# Exits non-zero on any failure.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

started=$SECONDS
setup_build_tools
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || apt_install chromium
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

say "Rust tests"
# Their own target dir: cargo-leptos builds with other environment variables,
# and sharing one dir would rebuild the Leptos crates back and forth.
(cd "$ROOT" && CARGO_TARGET_DIR="$CARGO_TARGET_DIR-test" cargo test --release --locked -p app -p kanta-server --features app/ssr)

build_site

say "end-to-end tests (Playwright, $("$CHROMIUM_PATH" --version 2>/dev/null || echo chromium))"
cd "$ROOT/end2end"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent
fi
TMP_DIR="$(mktemp -d)"
trap 'rm -rf "$TMP_DIR"' EXIT
PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
export KANTA_E2E_PORT="$PORT"
export KANTA_E2E_SERVER_CMD="$SERVER_BIN serve --seed --demo --addr 127.0.0.1:$PORT --database-url sqlite://$TMP_DIR/e2e.sqlite --site-root $SITE_ROOT --log-level warn"
rm -rf test-results
status=0
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test || status=$?

# One plain closing line for the whole end-to-end run.
node -e '
  const r = require("./test-results/results.json").stats;
  console.log(`end-to-end: ${r.expected} passed, ${r.unexpected} failed` + (r.skipped ? `, ${r.skipped} skipped` : ""));
' || true
say "all tests took $((SECONDS - started)) s"
exit $status
