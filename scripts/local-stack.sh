#!/usr/bin/env bash
# Local stack for SCALE: Postgres, Redis and Azurite (blob, queue, table) on 127.0.0.1, fixed non-default ports, data under
# $SCALE_STACK_DIR (default: <repo>/.local, git-ignored). Idempotent: `up` installs what is missing, starts what
# is stopped and leaves running servers alone. Writes the connection settings to $SCALE_STACK_DIR/stack.env as
# KEY=VALUE lines (the local host and the tests read that file).
#
#   scripts/local-stack.sh up|down|status
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
stack_dir="${SCALE_STACK_DIR:-$repo/.local}"
pg_port="${SCALE_PG_PORT:-55432}"
redis_port="${SCALE_REDIS_PORT:-56379}"
blob_port="${SCALE_BLOB_PORT:-10010}"
# Durable Task's Azure Storage provider (training orchestrations) needs queues and tables beside blobs.
queue_port="${SCALE_QUEUE_PORT:-10011}"
table_port="${SCALE_TABLE_PORT:-10012}"
azurite_version="3.35.0"
pg_dir="$stack_dir/postgres"
pg_data="$pg_dir/data"
pg_sock="$pg_dir/run"
redis_dir="$stack_dir/redis"
azurite_dir="$stack_dir/azurite"
tools_dir="$stack_dir/tools"
env_file="$stack_dir/stack.env"
# Azurite's published development account key: public by design, identical on every developer machine.
azurite_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

log() { printf '[local-stack] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ]; then printf '%s\n' "$d"; return 0; fi
  done
  return 1
}

# Postgres refuses to run as root: run its tools as the postgres user when we are root.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq >/dev/null; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

install_missing() {
  local want=()
  pg_bin >/dev/null || want+=(postgresql)
  command -v redis-server >/dev/null || want+=(redis-server)
  command -v node >/dev/null || want+=(nodejs npm)
  if [ "${#want[@]}" -gt 0 ]; then log "installing ${want[*]}"; apt_install "${want[@]}"; fi
  if [ ! -x "$tools_dir/node_modules/.bin/azurite-blob" ]; then
    log "installing azurite@$azurite_version"
    mkdir -p "$tools_dir"
    npm install --silent --no-audit --no-fund --prefix "$tools_dir" "azurite@$azurite_version" >/dev/null 2>&1
  fi
}

# A port already open must be served by OUR server (this stack dir), else the settings we write would be wrong.
ours_or_die() {
  local name="$1" port="$2" pidfile="$3" pid
  pid="$(head -n 1 "$pidfile" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then return 0; fi
  log "127.0.0.1:$port is in use by a $name that is not this stack's ($stack_dir); stop it or choose another port (SCALE_*_PORT)"
  exit 1
}

secret() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# Postgres runs as the postgres user when we are root: if it cannot reach the project folder (a clone under /root,
# mode 700), its data goes to a folder of its own under /var/tmp, named after this stack dir.
place_postgres() {
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$stack_dir"; then
    pg_dir="/var/tmp/scale-postgres-$(printf '%s' "$stack_dir" | sha256sum | cut -c1-12)"
    pg_data="$pg_dir/data"; pg_sock="$pg_dir/run"
  fi
}

start_postgres() {
  local bin; bin="$(pg_bin)"
  mkdir -p "$pg_dir" "$pg_sock"
  if [ ! -f "$pg_dir/password" ]; then secret > "$pg_dir/password"; fi
  if [ "$(id -u)" -eq 0 ]; then
    # Recursively only before the cluster exists: a running server creates and deletes its own files, and walking
    # them then races. The folders themselves every time (the socket folder may be new).
    if [ ! -f "$pg_data/PG_VERSION" ]; then chown -R postgres:postgres "$pg_dir"; fi
    chown postgres:postgres "$pg_dir" "$pg_sock" "$pg_dir/password"; chmod 700 "$pg_dir"
  fi
  if [ ! -f "$pg_data/PG_VERSION" ]; then
    log "initdb $pg_data"
    as_pg "$bin/initdb" -D "$pg_data" -U scale --pwfile="$pg_dir/password" --auth-local=trust \
      --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if port_open "$pg_port"; then ours_or_die postgres "$pg_port" "$pg_data/postmaster.pid"; return 0; fi
  log "starting postgres on 127.0.0.1:$pg_port"
  as_pg "$bin/pg_ctl" -D "$pg_data" -l "$pg_dir/postgres.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_sock -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c max_wal_size=4GB" >/dev/null
}

start_redis() {
  mkdir -p "$redis_dir"
  if port_open "$redis_port"; then ours_or_die redis "$redis_port" "$redis_dir/redis.pid"; return 0; fi
  log "starting redis on 127.0.0.1:$redis_port"
  redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
    --dir "$redis_dir" --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log"
}

# One Azurite process per service, each with its own pid file: a stack started before queues and tables were
# added keeps its running blob server, and `up` adds the other two beside it.
start_azurite_service() {
  local service="$1" port="$2" pidfile="$azurite_dir/azurite-$1.pid"
  # The blob server's pid file keeps its original name, so stacks started by older versions stay recognized.
  if [ "$service" = blob ]; then pidfile="$azurite_dir/azurite.pid"; fi
  if port_open "$port"; then ours_or_die "azurite $service" "$port" "$pidfile"; return 0; fi
  log "starting azurite ($service) on 127.0.0.1:$port"
  nohup "$tools_dir/node_modules/.bin/azurite-$service" "--${service}Host" 127.0.0.1 "--${service}Port" "$port" \
    --location "$azurite_dir" --disableTelemetry --skipApiVersionCheck --silent \
    >"$azurite_dir/azurite-$service.log" 2>&1 &
  echo $! > "$pidfile"
}

start_azurite() {
  mkdir -p "$azurite_dir"
  start_azurite_service blob "$blob_port"
  start_azurite_service queue "$queue_port"
  start_azurite_service table "$table_port"
}

wait_for() {
  local name="$1" port="$2"
  for _ in $(seq 1 100); do if port_open "$port"; then return 0; fi; sleep 0.2; done
  log "$name did not open 127.0.0.1:$port"; return 1
}

write_env() {
  local pw; pw="$(cat "$pg_dir/password")"
  if [ ! -f "$stack_dir/signing-key" ]; then secret > "$stack_dir/signing-key"; fi
  umask 077
  cat > "$env_file" <<ENV
ConnectionStrings__Postgres=Host=127.0.0.1;Port=$pg_port;Database=scale;Username=scale;Password=$pw
ConnectionStrings__PostgresAdmin=Host=127.0.0.1;Port=$pg_port;Database=postgres;Username=scale;Password=$pw
ConnectionStrings__Redis=127.0.0.1:$redis_port
ConnectionStrings__StatementStorage=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$azurite_key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;
AzureWebJobsStorage=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$azurite_key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;
Auth__SigningKey=$(cat "$stack_dir/signing-key")
ENV
}

ensure_database() {
  local bin; bin="$(pg_bin)"
  if ! as_pg "$bin/psql" -h "$pg_sock" -p "$pg_port" -U scale -d postgres -tAc "select 1 from pg_database where datname='scale'" | grep -q 1; then
    as_pg "$bin/psql" -h "$pg_sock" -p "$pg_port" -U scale -d postgres -qc "create database scale" >/dev/null
  fi
}

up() {
  mkdir -p "$stack_dir"
  install_missing
  place_postgres
  start_postgres; start_redis; start_azurite
  wait_for postgres "$pg_port"; wait_for redis "$redis_port"; wait_for azurite "$blob_port"
  wait_for "azurite queue" "$queue_port"; wait_for "azurite table" "$table_port"
  ensure_database
  write_env
  log "up: postgres :$pg_port, redis :$redis_port, azurite blob :$blob_port queue :$queue_port table :$table_port; settings in $env_file"
}

down() {
  local bin
  place_postgres
  if bin="$(pg_bin)" && [ -f "$pg_data/postmaster.pid" ]; then
    as_pg "$bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null || true
  fi
  if [ -f "$redis_dir/redis.pid" ]; then kill "$(cat "$redis_dir/redis.pid")" 2>/dev/null || true; rm -f "$redis_dir/redis.pid"; fi
  for pidfile in "$azurite_dir/azurite.pid" "$azurite_dir/azurite-queue.pid" "$azurite_dir/azurite-table.pid"; do
    if [ -f "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile"; fi
  done
  log "down"
}

status() {
  local rc=0 name port
  for pair in "postgres:$pg_port" "redis:$redis_port" "azurite:$blob_port" "azurite-queue:$queue_port" "azurite-table:$table_port"; do
    name="${pair%%:*}"; port="${pair##*:}"
    if port_open "$port"; then printf '%-13s up   127.0.0.1:%s\n' "$name" "$port"; else printf '%-13s down 127.0.0.1:%s\n' "$name" "$port"; rc=1; fi
  done
  return "$rc"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
