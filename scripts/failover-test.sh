#!/usr/bin/env bash
# Failover: the HA cluster of ha-cluster.sh (etcd, two PostgreSQL nodes
# under Patroni with synchronous replication, HAProxy) and two portal
# instances through HAProxy as the role that owns nothing. KANTA_FAILOVER_WRITERS
# (default 24) citizens write declarations and load pages through both
# instances for 45 s; at a random moment 5–10 s in, the leader's machine
# dies (its Patroni and its PostgreSQL, SIGKILL). Then the dead node is
# started again and must rejoin as a synchronous replica, and the same is
# done to the node that took over: two failovers a run. Each round prints,
# and fails when a target is missed:
#   acknowledged declarations missing afterwards        target 0
#   acknowledged declarations present twice             target 0
#   longest time without an acknowledged write          target <= 30 s
#   answers other than 2xx: a 503 page or error each;   no 500, no 401
#     (sessions live in the database: none is lost),    no request without an answer
#   answers slower than 10 s                            target 0
# A refused declaration is sent again with the same form key until it is
# acknowledged (the idempotency key): kept once either way.
export KANTA_HA_DIR="${KANTA_HA_DIR:-$(mktemp -d /tmp/kanta-ha.XXXXXX)}"
source "$(dirname "${BASH_SOURCE[0]}")/ha-cluster.sh"
WRITERS="${KANTA_FAILOVER_WRITERS:-24}"
SECONDS_A_ROUND="${KANTA_FAILOVER_SECONDS:-45}"

started=$SECONDS
setup_rust
say "building the server and the stress driver"
(cd "$ROOT" && cargo build --release --locked -p kanta-server --features app/ssr --bin kanta-server --example stress)
SERVER_BIN="$CARGO_TARGET_DIR/release/kanta-server"
STRESS_BIN="$CARGO_TARGET_DIR/release/examples/stress"
SITE_ROOT="$KANTA_HA_DIR/site" # pages render without the built site's files

trap ha_stop EXIT
ha_start
"$SERVER_BIN" migrate --database-url "$(ha_owner_url)" --app-role "$HA_APP_ROLE" >/dev/null
"$SERVER_BIN" generate --citizens $((WRITERS * 2)) --entries 5 --with-password --database-url "$(ha_owner_url)" >/dev/null
a="$(start_instance 1)"
b="$(start_instance 2)"
status=0
for round in 1 2; do
  leader="$(leader_node)"
  other=$((3 - leader))
  say "round $round: node $leader leads, node $other is its synchronous replica; $WRITERS citizens on $a and $b"
  "$STRESS_BIN" failover --bases "$a,$b" --database-url "$(ha_owner_url)" --sessions "$WRITERS" \
    --skip $(((round - 1) * WRITERS)) --seconds "$SECONDS_A_ROUND" --max-gap 30 >"$KANTA_HA_DIR/round$round.txt" 2>&1 &
  driver=$!
  sleep "$((5 + RANDOM % 6))"
  say "round $round: node $leader dies (Patroni and PostgreSQL, SIGKILL)"
  kill_node "$leader"
  wait "$driver" || status=1
  cat "$KANTA_HA_DIR/round$round.txt"
  # What the instances logged as a fault rather than an outage, if anything.
  grep -h "database error\|panicked\|server function failed\|no session layer" "$KANTA_HA_DIR"/instance*.log | sort | uniq -c | head -5 || true
  if [ "$(leader_node || true)" != "$other" ]; then
    echo "node $other did not take over" >&2
    status=1
    break
  fi
  say "round $round: node $leader starts again and rejoins"
  start_patroni "$leader"
  if wait_node "$leader" 120 sync; then
    echo "node $leader is a synchronous replica of node $other again"
  else
    status=1
    break
  fi
done
say "failover test: $([ $status = 0 ] && echo ok || echo FAILED) in $((SECONDS - started)) s"
exit $status
