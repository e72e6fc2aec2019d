# The PostgreSQL outage test (sourced by test.sh, which has built the server
# and started the throwaway cluster): a logged-in citizen's pages answer a
# clear, translated 503 while PostgreSQL is stopped, and work again once it
# is back, without restarting the server.
# A malformed or unreachable database URL at start: one clear line, non-zero exit.
bad_url_test() {
  local bad out rc
  for bad in "postgres://kanta:secret@127.0.0.1:1/kanta" "postgres://kanta@127.0.0.1:notaport/kanta" "mysql://db/kanta"; do
    out="$("$SERVER_BIN" migrate --database-url "$bad" 2>&1)" && rc=0 || rc=$?
    if [ "$rc" -eq 0 ] || [ "$(printf '%s\n' "$out" | wc -l)" != 1 ] || printf '%s' "$out" | grep -q secret; then
      echo "  FAILED: $bad: exit $rc, output: $out" >&2
      return 1
    fi
    echo "  ok: $out (exit $rc)"
  done
}

outage_test() {
  local url port base jar body status
  url="$(create_pg_database kanta_outage)"
  port="$(free_port)"
  base="http://127.0.0.1:$port"
  jar="$TMP_DIR/outage.cookies"
  "$SERVER_BIN" serve --seed --demo --addr "127.0.0.1:$port" --database-url "$url" --site-root "$SITE_ROOT" \
    --log-level error >"$TMP_DIR/outage-server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "$base/health" >/dev/null && break; sleep 0.2; done
  fetch() { # path → "status" and the body in $TMP_DIR/body
    curl -s -o "$TMP_DIR/body" -w '%{http_code}' -b "$jar" -c "$jar" -H 'Accept-Language: en' -H 'Accept: text/html' "$base$1"
  }
  check() { # what, expected, actual
    if [ "$2" = "$3" ]; then echo "  ok: $1"; else echo "  FAILED: $1: expected $2, got $3" >&2; return 1; fi
  }
  # Log in without JavaScript (Matti has confirmed the notice).
  status="$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" -H 'Accept: text/html' \
    --data-urlencode identity_code=040762-913N --data-urlencode password=kanta-demo "$base/api/login")"
  check "login answers with a redirect" 302 "$status" || return 1
  check "the health data page before the outage" 200 "$(fetch /records)" || return 1
  grep -q "Matti" "$TMP_DIR/body" || { echo "  FAILED: the page does not show Matti" >&2; return 1; }

  pg_cluster_ctl stop
  local t0=$SECONDS
  check "the health data page during the outage" 503 "$(fetch /records)" || return 1
  grep -q "The service is temporarily unavailable. Please try again in a moment." "$TMP_DIR/body" \
    || { echo "  FAILED: no clear message on the 503 page:" >&2; cat "$TMP_DIR/body" >&2; return 1; }
  grep -qi "panicked\|stack backtrace\|sqlx" "$TMP_DIR/body" && { echo "  FAILED: internals on the 503 page" >&2; return 1; }
  grep -q 'href="/records"[^>]*>Try again<' "$TMP_DIR/body" \
    || { echo "  FAILED: no link to try the page again on the 503 page" >&2; return 1; }
  check "the Management of Data Use page during the outage" 503 "$(fetch /data-use)" || return 1
  status="$(curl -s -o "$TMP_DIR/body" -w '%{http_code}' -H 'Accept-Language: sv' "$base/login")"
  check "the login page of a visitor without a session, during the outage" 503 "$status" || return 1
  grep -q "Tjänsten är tillfälligt otillgänglig" "$TMP_DIR/body" || { echo "  FAILED: the 503 page is not in Swedish" >&2; return 1; }
  grep -q 'href="/login">Försök på nytt<' "$TMP_DIR/body" || { echo "  FAILED: no link to try again on the login page's 503" >&2; return 1; }
  echo "  (answered within $((SECONDS - t0)) s)"
  kill -0 "$SERVER_PID" || { echo "  FAILED: the server died" >&2; return 1; }

  pg_cluster_ctl start
  status=""
  for _ in $(seq 1 20); do status="$(fetch /records)"; [ "$status" = 200 ] && break; sleep 0.5; done
  check "the health data page after PostgreSQL is back (same server process, same session)" 200 "$status" || return 1
  grep -q "Matti" "$TMP_DIR/body" || { echo "  FAILED: the page does not show Matti after the outage" >&2; return 1; }
  kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
}
bad_url_test && outage_test
