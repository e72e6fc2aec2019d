#!/usr/bin/env bash
# The portal on a database that outlives a machine, all on this one: etcd
# (the leader election), two PostgreSQL 15 nodes under Patroni with
# synchronous replication (an acknowledged commit is on both nodes), HAProxy
# sending connections to whichever node Patroni's REST API calls the
# primary, the database migrated through HAProxy by the owner role, and two
# portal instances serving through HAProxy as a role that owns nothing.
# Everything from Debian's packages (patroni, etcd-server, haproxy), installed
# when missing.
#
#   bash scripts/ha-cluster.sh start   # starts it all, prints the addresses
#   bash scripts/ha-cluster.sh stop    # stops everything it started
#
# State lives in $KANTA_HA_DIR (default /tmp/kanta-ha). failover-test.sh
# sources this file for its functions. On real hosts: one node per machine,
# their addresses instead of 127.0.0.1, TLS on the REST API and PostgreSQL,
# passwords instead of trust, and three etcd members on three machines (one
# member, as here, is itself a single point of failure).
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

HA_DIR="${KANTA_HA_DIR:-/tmp/kanta-ha}"
HA_DB=kanta
HA_OWNER=kanta
HA_APP_ROLE=kanta_app

setup_ha() {
  setup_postgres
  apt_install patroni python3-etcd etcd-server etcd-client haproxy curl
}

# Patroni's configuration of node $1 (1 or 2).
patroni_config() {
  local n="$1" pg_port rest_port
  pg_port="$(cat "$HA_DIR/pg$n.port")"
  rest_port="$(cat "$HA_DIR/rest$n.port")"
  cat <<EOF
scope: kanta
name: node$n
log:
  level: WARNING
restapi:
  listen: 127.0.0.1:$rest_port
  connect_address: 127.0.0.1:$rest_port
etcd3:
  hosts: 127.0.0.1:$(cat "$HA_DIR/etcd.port")
bootstrap:
  dcs:
    # The leader's key lives 20 s (Patroni's least): a dead leader is
    # replaced within about that.
    ttl: 20
    loop_wait: 2
    retry_timeout: 5
    maximum_lag_on_failover: 1048576
    synchronous_mode: true
    postgresql:
      use_pg_rewind: true
      parameters:
        wal_log_hints: 'on'
        max_connections: 300
        synchronous_commit: 'on'
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
postgresql:
  listen: 127.0.0.1:$pg_port
  connect_address: 127.0.0.1:$pg_port
  data_dir: $HA_DIR/node$n
  bin_dir: $PG_BIN
  pgpass: $HA_DIR/pgpass$n
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.1/32 trust
    - host all all 127.0.0.1/32 trust
  authentication:
    superuser:
      username: $HA_OWNER
      password: kanta
    replication:
      username: replicator
      password: replicator
    rewind:
      username: $HA_OWNER
      password: kanta
  parameters:
    unix_socket_directories: '$HA_DIR'
EOF
}

haproxy_config() {
  cat <<EOF
global
  maxconn 2000
defaults
  mode tcp
  timeout connect 2s
  timeout client 30m
  timeout server 30m
  timeout check 1s
listen primary
  bind 127.0.0.1:$(cat "$HA_DIR/haproxy.port")
  option httpchk GET /primary
  http-check expect status 200
  # A node that stops being the primary loses its connections at once.
  default-server inter 500ms fall 2 rise 1 on-marked-down shutdown-sessions
  server node1 127.0.0.1:$(cat "$HA_DIR/pg1.port") check port $(cat "$HA_DIR/rest1.port")
  server node2 127.0.0.1:$(cat "$HA_DIR/pg2.port") check port $(cat "$HA_DIR/rest2.port")
EOF
}

# Starts Patroni for node $1 (as postgres: initdb refuses root).
start_patroni() {
  local n="$1"
  patroni_config "$n" >"$HA_DIR/patroni$n.yml"
  chown postgres: "$HA_DIR/patroni$n.yml" 2>/dev/null || true
  pg_as_owner patroni "$HA_DIR/patroni$n.yml" >>"$HA_DIR/patroni$n.log" 2>&1 &
}

# The REST API's answer of node $1 to $2 (primary, replica, sync…): 0 when 200.
node_is() { curl -sf -o /dev/null "http://127.0.0.1:$(cat "$HA_DIR/rest$1.port")/$2"; }

# Which node is the primary now (1 or 2), or nothing.
leader_node() {
  local n
  for n in 1 2; do node_is "$n" primary && { echo "$n"; return 0; }; done
  return 1
}

# Waits (up to $2 s) until node $1 answers $3 (e.g. "sync": a synchronous replica).
wait_node() {
  local n="$1" seconds="$2" what="$3"
  for _ in $(seq 1 $((seconds * 2))); do node_is "$n" "$what" && return 0; sleep 0.5; done
  echo "node $n is not $what after $seconds s (log: $HA_DIR/patroni$n.log)" >&2
  tail -20 "$HA_DIR/patroni$n.log" >&2
  return 1
}

# Kills node $1 as a machine dies: Patroni and its PostgreSQL, SIGKILL, no shutdown.
kill_node() {
  local n="$1" pm
  pm="$HA_DIR/node$n/postmaster.pid"
  pkill -9 -f -- "patroni $HA_DIR/patroni$n.yml" 2>/dev/null || true
  [ -f "$pm" ] && kill -9 "$(head -1 "$pm")" 2>/dev/null || true
  # Its backends go with it (a dead machine keeps no connection open).
  pkill -9 -f -- "$HA_DIR/node$n" 2>/dev/null || true
}

# The owner's and the app role's URLs, through HAProxy.
ha_owner_url() { echo "postgres://$HA_OWNER:kanta@127.0.0.1:$(cat "$HA_DIR/haproxy.port")/$HA_DB"; }
ha_app_url() { echo "postgres://$HA_APP_ROLE@127.0.0.1:$(cat "$HA_DIR/haproxy.port")/$HA_DB"; }

ha_start() {
  setup_ha
  [ -d "$HA_DIR" ] && ha_stop
  mkdir -p "$HA_DIR"
  chown postgres: "$HA_DIR" 2>/dev/null || true
  for f in etcd etcd-peer pg1 pg2 rest1 rest2 haproxy; do free_port >"$HA_DIR/$f.port"; done
  say "etcd on 127.0.0.1:$(cat "$HA_DIR/etcd.port")"
  local peer="http://127.0.0.1:$(cat "$HA_DIR/etcd-peer.port")" client="http://127.0.0.1:$(cat "$HA_DIR/etcd.port")"
  etcd --name ha --data-dir "$HA_DIR/etcd" --listen-client-urls "$client" --advertise-client-urls "$client" \
    --listen-peer-urls "$peer" --initial-advertise-peer-urls "$peer" --initial-cluster "ha=$peer" \
    --log-level error >"$HA_DIR/etcd.log" 2>&1 &
  echo $! >"$HA_DIR/etcd.pid"
  for _ in $(seq 1 40); do curl -sf "$client/health" >/dev/null 2>&1 && break; sleep 0.25; done
  say "Patroni: two PostgreSQL nodes, synchronous replication"
  start_patroni 1
  wait_node 1 60 primary
  start_patroni 2
  wait_node 2 90 sync
  say "HAProxy on 127.0.0.1:$(cat "$HA_DIR/haproxy.port") (to the primary)"
  haproxy_config >"$HA_DIR/haproxy.cfg"
  haproxy -f "$HA_DIR/haproxy.cfg" -D -p "$HA_DIR/haproxy.pid"
  # HAProxy starts with both nodes up until its checks say otherwise: wait
  # until ten connections in a row reach the primary.
  local admin="postgres://$HA_OWNER:kanta@127.0.0.1:$(cat "$HA_DIR/haproxy.port")/postgres" in_a_row=0
  for _ in $(seq 1 120); do
    if [ "$("$PG_BIN/psql" -X -At "$admin" -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ]; then
      in_a_row=$((in_a_row + 1))
      [ $in_a_row -ge 10 ] && break
    else
      in_a_row=0
      sleep 0.25
    fi
  done
  "$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 "$admin" -c "CREATE DATABASE $HA_DB" -c "CREATE ROLE $HA_APP_ROLE LOGIN" >/dev/null
}

ha_stop() {
  [ -d "$HA_DIR" ] || return 0
  setup_postgres
  local f
  for f in "$HA_DIR"/instance*.pid "$HA_DIR/haproxy.pid"; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  # Patroni stops its PostgreSQL when it stops.
  pkill -f -- "patroni $HA_DIR/patroni" 2>/dev/null || true
  for _ in $(seq 1 40); do pgrep -f -- "patroni $HA_DIR/patroni" >/dev/null || break; sleep 0.25; done
  pkill -9 -f -- "patroni $HA_DIR/patroni" 2>/dev/null || true
  for n in 1 2; do
    [ -d "$HA_DIR/node$n" ] && pg_as_owner "$PG_BIN/pg_ctl" -D "$HA_DIR/node$n" -m immediate -w stop >/dev/null 2>&1 || true
  done
  [ -f "$HA_DIR/etcd.pid" ] && kill "$(cat "$HA_DIR/etcd.pid")" 2>/dev/null || true
  sleep 0.5
  rm -rf "$HA_DIR"
}

# Portal instance $1 through HAProxy as the role that owns nothing; prints its address.
start_instance() {
  local n="$1" port
  port="$(free_port)"
  "$SERVER_BIN" serve --demo --no-migrate --addr "127.0.0.1:$port" --database-url "$(ha_app_url)" \
    --site-root "${SITE_ROOT:-$ROOT/target/site}" --log-level "${KANTA_HA_LOG:-error}" ${HA_SERVE_ARGS:-} \
    >>"$HA_DIR/instance$n.log" 2>&1 &
  echo $! >"$HA_DIR/instance$n.pid"
  for _ in $(seq 1 150); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && { echo "http://127.0.0.1:$port"; return 0; }
    sleep 0.2
  done
  echo "instance $n did not start (log: $HA_DIR/instance$n.log)" >&2
  tail -20 "$HA_DIR/instance$n.log" >&2
  return 1
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-}" in
    start)
      setup_build_tools
      build_site
      ha_start
      say "migrating through HAProxy as $HA_OWNER (granting $HA_APP_ROLE what the server needs), seeding the demo"
      "$SERVER_BIN" migrate --database-url "$(ha_owner_url)" --app-role "$HA_APP_ROLE"
      "$SERVER_BIN" seed --database-url "$(ha_owner_url)"
      HA_SERVE_ARGS="--demo"
      a="$(start_instance 1)"
      b="$(start_instance 2)"
      say "the portal: $a and $b (both through HAProxy to the primary, node $(leader_node))"
      echo "stop everything with: bash scripts/ha-cluster.sh stop"
      ;;
    stop) ha_stop ;;
    *) echo "usage: bash scripts/ha-cluster.sh start|stop" >&2; exit 2 ;;
  esac
fi
