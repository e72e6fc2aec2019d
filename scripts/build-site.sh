#!/usr/bin/env bash
# Builds the site without cargo-leptos: the islands' WASM (cargo build for
# wasm32, wasm-bindgen, wasm-opt) and the server (cargo build, release) at the
# same time, then the stylesheet and public/ into the site root, the package
# files under content-hashed names (listed in hash.txt), and precompressed
# copies. Every name and path comes
# from the workspace's [[workspace.metadata.leptos]] table, the same one
# cargo-leptos reads (`cargo leptos watch` while developing) and the server's
# build.rs reads, so the two build paths and the server cannot drift.
#
# Sourced by env.sh (it defines build_site); run on its own it installs what
# is missing and builds: `bash scripts/build-site.sh`.

# Reads the leptos metadata into SITE_* variables.
read_site_metadata() {
  local json
  json="$(cd "$ROOT" && cargo metadata --no-deps --format-version 1)"
  eval "$(node -e '
    const m = JSON.parse(require("fs").readFileSync(0, "utf8")).metadata.leptos[0];
    const want = { "output-name": "OUTPUT_NAME", "site-root": "ROOT_DIR", "site-pkg-dir": "PKG_DIR",
      "style-file": "STYLE_FILE", "assets-dir": "ASSETS_DIR", "lib-package": "LIB_PACKAGE",
      "bin-package": "BIN_PACKAGE", "lib-profile-release": "LIB_PROFILE" };
    for (const [key, name] of Object.entries(want)) {
      if (typeof m[key] !== "string" || !/^[A-Za-z0-9_.\/-]+$/.test(m[key]))
        throw new Error(`[[workspace.metadata.leptos]] ${key} is missing or odd`);
      console.log(`SITE_${name}=${m[key]}`);
    }' <<<"$json")"
  case "$SITE_ROOT_DIR" in /*) ;; *) SITE_ROOT_DIR="$ROOT/$SITE_ROOT_DIR" ;; esac
}

# Writes FILE.br and FILE.gz beside each text or WASM file under DIR when
# missing or older than the file.
precompress() {
  local f
  while IFS= read -r -d '' f; do
    [ "$f.br" -nt "$f" ] || brotli -f -q 11 -o "$f.br" "$f"
    [ "$f.gz" -nt "$f" ] || gzip -f -9 -k -n "$f"
  done < <(find "$1" -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.svg' -o -name '*.txt' \) -print0)
}

# Copies FILE to STEM.<hash>.EXT, the hash being the first 16 hex digits of
# its SHA-256, and prints "KIND: <hash>".
publish_hashed() { # kind file stem ext
  local hash
  hash="$(sha256sum "$2" | cut -c1-16)"
  cp "$2" "$3.$hash.$4"
  echo "$1: $hash"
}

build_site() {
  read_site_metadata
  local pkg="$SITE_ROOT_DIR/$SITE_PKG_DIR" t0=$SECONDS
  # wasm-bindgen's own name for the WASM.
  local wasm_out="${SITE_OUTPUT_NAME}_bg.wasm"
  local wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/$SITE_LIB_PROFILE/$SITE_LIB_PACKAGE.wasm"
  # The WASM and the server at the same time: each cargo has stretches
  # where one big crate keeps one core busy, and the other fills the second.
  local wasm_log="$CACHE/wasm-build.log" wasm_pid
  mkdir -p "$CACHE"
  say "building the hydrating WASM ($SITE_LIB_PACKAGE, profile $SITE_LIB_PROFILE; log: $wasm_log) and the server ($SITE_BIN_PACKAGE, release)"
  (cd "$ROOT" && cargo build --package="$SITE_LIB_PACKAGE" --lib --target=wasm32-unknown-unknown \
    --no-default-features --profile="$SITE_LIB_PROFILE" --locked "${WASM_STD_ARGS[@]}") >"$wasm_log" 2>&1 &
  wasm_pid=$!
  if ! (cd "$ROOT" && cargo build --package="$SITE_BIN_PACKAGE" --bin="$SITE_BIN_PACKAGE" --release --locked); then
    wait "$wasm_pid" || true
    return 1
  fi
  if ! wait "$wasm_pid"; then
    cat "$wasm_log" >&2
    echo "the WASM build failed (log above: $wasm_log)" >&2
    return 1
  fi
  tail -n 1 "$wasm_log"
  # wasm-bindgen's output and the optimised WASM stay beside the build, by
  # their plain names; the site gets copies named after their content.
  local out="$CARGO_TARGET_DIR/site-wasm"
  mkdir -p "$out"
  if [ ! -f "$out/$wasm_out" ] || [ "$wasm" -nt "$out/$wasm_out" ]; then
    wait_for_wasm_bindgen
    say "wasm-bindgen and wasm-opt"
    local tmp="$out/.bindgen"
    rm -rf "$tmp"
    wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name "$SITE_OUTPUT_NAME" "$wasm"
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals "$tmp/$wasm_out" -o "$tmp/$wasm_out.opt"
    mv "$tmp/$SITE_OUTPUT_NAME.js" "$out/$SITE_OUTPUT_NAME.js"
    mv "$tmp/$wasm_out.opt" "$out/$wasm_out"
    rm -rf "$tmp"
  fi
  rm -rf "$pkg"
  mkdir -p "$pkg"
  cp -R "$ROOT/$SITE_ASSETS_DIR/." "$SITE_ROOT_DIR/"
  # Content-hashed names (`kanta.<16 hex>.css`) and their list, hash.txt,
  # in cargo-leptos's format (see app/src/server/assets.rs).
  {
    publish_hashed js "$out/$SITE_OUTPUT_NAME.js" "$pkg/$SITE_OUTPUT_NAME" js
    publish_hashed wasm "$out/$wasm_out" "$pkg/$SITE_OUTPUT_NAME" wasm
    publish_hashed css "$ROOT/$SITE_STYLE_FILE" "$pkg/$SITE_OUTPUT_NAME" css
    publish_hashed icon "$ROOT/$SITE_ASSETS_DIR/favicon.svg" "$pkg/favicon" svg
  } >"$SITE_ROOT_DIR/hash.txt"
  precompress "$SITE_ROOT_DIR"
  SERVER_BIN="$CARGO_TARGET_DIR/release/$SITE_BIN_PACKAGE"
  SITE_ROOT="$SITE_ROOT_DIR"
  [ -x "$SERVER_BIN" ] || { echo "build produced no $SERVER_BIN" >&2; return 1; }
  [ -s "$SITE_ROOT_DIR/hash.txt" ] || { echo "build produced no $SITE_ROOT_DIR/hash.txt" >&2; return 1; }
  say "site built in $((SECONDS - t0)) s: $SITE_ROOT (server $SERVER_BIN)"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
  setup_build_tools
  build_site
fi
