#!/usr/bin/env bash
# Runs the demo: installs what is missing, builds, creates and migrates the
# SQLite database under ./data (KANTA_DATA_DIR), seeds the demo people if
# they are missing, makes the portal's identification keys if they are
# missing (data/oidc/), starts the test identification service (an OpenID
# provider, end2end/oidc-provider) on 127.0.0.1:4010 (KANTA_OIDC_PORT) and
# the portal on 127.0.0.1:3000 (KANTA_ADDR), and prints both addresses and
# the demo people. Ctrl-C (or SIGTERM) stops both.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

setup_build_tools
setup_test_provider
build_site

DATA_DIR="${KANTA_DATA_DIR:-$ROOT/data}"
ADDR="${KANTA_ADDR:-127.0.0.1:3000}"
OIDC_PORT="${KANTA_OIDC_PORT:-4010}"
PORTAL_URL="http://$ADDR"
ISSUER="http://127.0.0.1:$OIDC_PORT"
mkdir -p "$DATA_DIR"
"$SERVER_BIN" seed --data-dir "$DATA_DIR"
"$SERVER_BIN" keys --data-dir "$DATA_DIR" >/dev/null
"$SERVER_BIN" demo-people >"$DATA_DIR/demo-people.json"

PORT="$OIDC_PORT" PORTAL_URL="$PORTAL_URL" CLIENT_JWKS_URI="$PORTAL_URL/.well-known/jwks.json" \
  TEST_PEOPLE="$DATA_DIR/demo-people.json" node "$ROOT/end2end/oidc-provider/provider.mjs" &
PROVIDER_PID=$!
trap 'kill "$PROVIDER_PID" 2>/dev/null' EXIT
echo "Test identification service (OpenID provider, like Suomi.fi's test environment): $ISSUER"
echo "On the login page, \"Identify (Suomi.fi)\" goes there: choose a demo person."
"$SERVER_BIN" serve --demo --data-dir "$DATA_DIR" --site-root "$SITE_ROOT" --addr "$ADDR" --oidc-issuer "$ISSUER"
