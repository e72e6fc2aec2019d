#!/usr/bin/env bash
# Runs the demo: installs what is missing, builds, creates and migrates the
# SQLite database under ./data (KANTA_DATA_DIR), seeds the demo people if
# they are missing, serves on 127.0.0.1:3000 (KANTA_ADDR) and prints the URL
# and the demo logins. Ctrl-C (or SIGTERM) stops it gracefully.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

setup_build_tools
build_site

DATA_DIR="${KANTA_DATA_DIR:-$ROOT/data}"
mkdir -p "$DATA_DIR"
"$SERVER_BIN" seed --data-dir "$DATA_DIR"
exec "$SERVER_BIN" serve --demo --data-dir "$DATA_DIR" --site-root "$SITE_ROOT" --addr "${KANTA_ADDR:-127.0.0.1:3000}"
