#!/bin/bash
# up.sh [--seed] - bring the dev cloud to a running state, installing packages if needed.
# Idempotent: running services are left alone and one-time steps (datadir, db
# sync, cells, identity) are skipped once their marker exists in $STATE/.done-*.
# Independent work runs in parallel chains (each service's schema sync and start);
# a chain waits for what it needs with `needs` (keystone, rabbit, placement...).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$DEVCLOUD_DIR/config.sh"
source "$DEVCLOUD_DIR/dataplane.sh"

SEED=0
[ "${1:-}" = --seed ] && SEED=1
T0=$(now_ms)
phase() { log "$1 after $(( ($(now_ms) - T0) / 1000 )) s"; echo "$1=$(( $(now_ms) - T0 ))ms" >> "$RUN/up-phases"; }
done_mark() { [ -e "$STATE/.done-$1" ]; }
mark() { touch "$STATE/.done-$1"; }

all_running() {
  local s
  for s in "${INFRA[@]}" "${OPENSTACK[@]}"; do is_running "$s" || return 1; done
  done_mark compute
}

"$DEVCLOUD_DIR/install.sh"
mkdir -p "$RUN"
# one `up` at a time: parallel test files all call it
exec 9> "$RUN/up.lock"
flock 9
[ -d "$STATE/etc" ] && rm -rf --one-file-system "$STATE/etc"
[ -e "$STATE/etc" ] || echo "configs are in $ETC (see lib.sh)" > "$STATE/etc"
if done_mark compute && ! done_mark dataplane; then
  die "$STATE was made by the dev cloud without a data plane (its only compute host was fake): run 'npm run devcloud -- wipe', then 'up --seed'"
fi
if all_running && http_answers "$KEYSTONE_URL"; then
  log "already running"
else
  CHAINS="$RUN/chains"   # the chains' ready-/failed- markers
  rm -rf "$CHAINS" "$RUN/up-phases"; mkdir -p "$CHAINS"
  gen_configs
  ensure_ext_bridge
  relink_volumes
  phase configured

  # ---- MariaDB (everything else needs it) ----
  mkdir -p "$STATE/mysql" "$STATE/mysql.run"
  chown mysql:mysql "$STATE/mysql" "$STATE/mysql.run"
  if [ ! -d "$STATE/mysql/mysql" ]; then
    mariadb-install-db --defaults-file="$ETC/mysql/my.cnf" --user=mysql --skip-test-db \
      --auth-root-authentication-method=socket > "$LOGDIR/mariadb-install.log" 2>&1
  fi
  start_bg mariadb /usr/sbin/mariadbd --defaults-file="$ETC/mysql/my.cnf"
  for _ in $(seq 1 300); do mysql_root -e 'select 1' >/dev/null 2>&1 && break; sleep 0.1; done
  mysql_root -e 'select 1' >/dev/null 2>&1 || die "MariaDB did not start; see $LOGDIR/mariadb.log"
  # dbs-storage: the cinder DB, added to states made before the dev cloud had Cinder
  if ! done_mark dbs || ! done_mark dbs-storage; then
    {
      for db in keystone glance placement nova_api nova nova_cell0 neutron cinder; do
        echo "CREATE DATABASE IF NOT EXISTS $db;"
      done
      for u in keystone glance placement nova neutron cinder; do
        echo "CREATE USER IF NOT EXISTS '$u'@'$IP' IDENTIFIED BY '$DB_PASS';"
      done
      for pair in keystone:keystone glance:glance placement:placement nova:nova_api nova:nova \
                  nova:nova_cell0 neutron:neutron cinder:cinder; do
        echo "GRANT ALL ON ${pair#*:}.* TO '${pair%%:*}'@'$IP';"
      done
    } | mysql_root
    mark dbs
    mark dbs-storage
  fi
  phase mariadb
  # the services' shared token cache (keystonemiddleware's memcached_servers)
  start_bg memcached /usr/bin/memcached -l "$IP" -p "$MEMCACHED_PORT" -U 0 -m 64 -u memcache

  # ---- chains ----
  needs() { # wait until every named chain step is ready; give up if any chain failed
    local f i
    for f in "$@"; do
      for ((i = 0; i < 3000; i++)); do
        [ -e "$CHAINS/ready-$f" ] && break
        compgen -G "$CHAINS/failed-*" >/dev/null && exit 1
        sleep 0.1
      done
      [ -e "$CHAINS/ready-$f" ] || { log "timed out waiting for $f"; exit 1; }
    done
  }
  ready() { touch "$CHAINS/ready-$1"; phase "$1"; }
  wait_api() { # NAME URL: until it answers, or its process died
    for _ in $(seq 1 1800); do
      http_answers "$2" && return 0
      is_running "$1" || { log "$1 exited; see $LOGDIR/$1.log"; return 1; }
      sleep 0.1
    done
    log "$1 did not answer in 180 s; see $LOGDIR/$1.log"; return 1
  }
  KCONF=(--config-file "$ETC/keystone/keystone.conf")
  GCONF=(--config-file "$ETC/glance/glance-api.conf")
  PCONF=(--config-file "$ETC/placement/placement.conf")
  NCONF=(--config-file "$ETC/nova/nova.conf")
  QCONF=(--config-file "$ETC/neutron/neutron.conf")
  CCONF=(--config-file "$ETC/cinder/cinder.conf")
  NOVA_MANAGE=("$EP" nova-manage nova.cmd.manage:main "${NCONF[@]}")
  # uwsgi's --http-socket has no keep-alive: close every response so pooling
  # clients never reuse a socket the server is about to drop.
  UWSGI=(/usr/bin/uwsgi --plugin python3 --master --enable-threads --lazy-apps --die-on-term
         --no-orphans --buffer-size 65535 --need-app --add-header "Connection: close"
         --disable-logging --log-4xx --log-5xx)
  BOOT_ENV=(IP="$IP" REGION="$REGION" KEYSTONE_URL="$KEYSTONE_URL" ADMIN_PASS="$ADMIN_PASS"
            DEMO_PASS="$DEMO_PASS" SERVICE_PASS="$SERVICE_PASS" GLANCE_PORT="$GLANCE_PORT"
            PLACEMENT_PORT="$PLACEMENT_PORT" NOVA_PORT="$NOVA_PORT" NEUTRON_PORT="$NEUTRON_PORT"
            CINDER_PORT="$CINDER_PORT" SWIFT_PORT="$SWIFT_PORT")

  chain_rabbit() {
    mkdir -p "$LOGDIR/rabbitmq"
    if ! is_running epmd && (exec 3<> "/dev/tcp/$IP/$EPMD_PORT") 2>/dev/null; then adopt_epmd; fi
    start_bg epmd /usr/bin/epmd -address "$IP" -port "$EPMD_PORT"
    wait_port "$EPMD_PORT" 20 || { log "epmd did not listen"; return 1; }
    start_bg rabbitmq env "${RABBIT_ENV[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server
    wait_port "$RABBIT_PORT" 120 || { log "rabbitmq did not listen; see $LOGDIR/rabbitmq.log"; return 1; }
    if ! done_mark rabbit-user; then
      rabbitmqctl_ await_startup >/dev/null
      rabbitmqctl_ add_user "$RABBIT_USER" "$RABBIT_PASS" >/dev/null 2>&1 ||
        rabbitmqctl_ change_password "$RABBIT_USER" "$RABBIT_PASS" >/dev/null
      rabbitmqctl_ set_permissions -p / "$RABBIT_USER" '.*' '.*' '.*' >/dev/null
      rabbitmqctl_ delete_user guest >/dev/null 2>&1 || true
      mark rabbit-user
    fi
    ready rabbit
  }
  chain_keystone() {
    if ! done_mark keystone-db; then
      keystone-manage "${KCONF[@]}" db_sync
      keystone-manage "${KCONF[@]}" fernet_setup --keystone-user root --keystone-group root
      keystone-manage "${KCONF[@]}" credential_setup --keystone-user root --keystone-group root
      keystone-manage "${KCONF[@]}" bootstrap --bootstrap-password "$ADMIN_PASS" \
        --bootstrap-admin-url "$KEYSTONE_URL" --bootstrap-internal-url "$KEYSTONE_URL" \
        --bootstrap-public-url "$KEYSTONE_URL" --bootstrap-region-id "$REGION"
      mark keystone-db
    fi
    start_bg keystone "${UWSGI[@]}" --procname-prefix-spaced keystone \
      --http-socket "$IP:$KEYSTONE_PORT" --processes 1 --threads 2 \
      --env OS_KEYSTONE_CONFIG_FILES="$ETC/keystone/keystone.conf" --wsgi-file /usr/bin/keystone-wsgi-public
    wait_api keystone "$KEYSTONE_URL"
    # identity-storage: Cinder's and Swift's users and endpoints, added to states made before them
    if ! done_mark identity || ! done_mark identity-storage; then
      env "${BOOT_ENV[@]}" "$PY" "$DEVCLOUD_DIR/bootstrap.py" identity
      mark identity
      mark identity-storage
    fi
    ready keystone
  }
  chain_glance() {
    if ! done_mark glance-db; then
      "$EP" glance-manage glance.cmd.manage:main "${GCONF[@]}" db sync
      mark glance-db
    fi
    start_bg glance-api "$EP" glance-api glance.cmd.api:main "${GCONF[@]}"
    wait_api glance-api "http://$IP:$GLANCE_PORT/"
    ready glance
  }
  chain_placement() {
    if ! done_mark placement-db; then
      placement-manage "${PCONF[@]}" db sync
      mark placement-db
    fi
    start_bg placement-api "${UWSGI[@]}" --procname-prefix-spaced placement \
      --http-socket "$IP:$PLACEMENT_PORT" --processes 1 --threads 1 \
      --env OS_PLACEMENT_CONFIG_DIR="$ETC/placement" --wsgi-file /usr/bin/placement-api
    wait_api placement-api "http://$IP:$PLACEMENT_PORT/"
    ready placement
  }
  chain_nova() {
    if ! done_mark nova-db; then
      "${NOVA_MANAGE[@]}" api_db sync
      "${NOVA_MANAGE[@]}" cell_v2 map_cell0 --database_connection "$(_db nova nova_cell0)"
      "${NOVA_MANAGE[@]}" cell_v2 list_cells 2>/dev/null | grep -q ' cell1 ' ||
        "${NOVA_MANAGE[@]}" cell_v2 create_cell --name cell1
      "${NOVA_MANAGE[@]}" db sync
      mark nova-db
    fi
    # nova-api talks to RabbitMQ only when a request needs it: start it at once
    start_bg nova-api "${UWSGI[@]}" --procname-prefix-spaced nova-api \
      --http-socket "$IP:$NOVA_PORT" --processes 2 --threads 1 \
      --env OS_NOVA_CONFIG_DIR="$ETC/nova" --wsgi-file "$DEVCLOUD_DIR/nova_api_wsgi.py"
    needs rabbit
    start_bg nova-conductor "$EP" nova-conductor nova.cmd.conductor:main "${NCONF[@]}"
    start_bg nova-scheduler "$EP" nova-scheduler nova.cmd.scheduler:main "${NCONF[@]}"
    start_bg nova-serialproxy "$EP" nova-serialproxy nova.cmd.serialproxy:main "${NCONF[@]}"
    start_bg nova-api-metadata "$EP" nova-api-metadata nova.cmd.api_metadata:main "${NCONF[@]}"
    start_bg serial-guest "$PY" "$DEVCLOUD_DIR/pylib/devcloud_guest.py" --host "$IP" --port "$SERIAL_GUEST_PORT"
    # nova-compute reports its resources to placement with the nova service user at start
    needs keystone placement
    start_bg nova-compute-fake env PYTHONPATH="$DEVCLOUD_DIR/pylib" DEVCLOUD_CONSOLE_DIR="$CONSOLE_DIR" \
      DEVCLOUD_SERIAL_HOST="$IP" DEVCLOUD_SERIAL_PORT="$SERIAL_GUEST_PORT" \
      "$EP" nova-compute devcloud_virt:compute_main --config-file "$ETC/nova/nova-fake.conf"
    needs libvirt
    start_bg nova-compute "$EP" nova-compute nova.cmd.compute:main --config-file "$ETC/nova/nova-cpu.conf"
    wait_api nova-api "http://$IP:$NOVA_PORT/"
    ready nova-api
    if ! done_mark compute; then
      for host in "$NODE_HOST" "$FAKE_HOST"; do
        for _ in $(seq 1 1200); do
          [ -n "$(mysql_root -N -e "select host from nova.compute_nodes where deleted=0 and host='$host'")" ] && break
          is_running nova-compute && is_running nova-compute-fake ||
            { log "a nova-compute exited; see $LOGDIR/nova-compute*.log"; return 1; }
          sleep 0.1
        done
      done
      "${NOVA_MANAGE[@]}" cell_v2 discover_hosts
      for host in "$NODE_HOST" "$FAKE_HOST"; do
        [ -n "$(mysql_root -N -e "select host from nova_api.host_mappings where host='$host'")" ] ||
          { log "compute host $host not mapped to a cell; see $LOGDIR/nova-compute*.log"; return 1; }
      done
      mark compute
      mark dataplane
    fi
    ready compute
  }
  chain_libvirt() {
    start_libvirt
    ready libvirt
  }
  chain_neutron() {
    if ! done_mark neutron-db; then
      "$EP" neutron-db-manage neutron.db.migration.cli:main "${QCONF[@]}" upgrade heads
      mark neutron-db
    fi
    needs rabbit
    start_bg neutron-server env PYTHONPATH="$DEVCLOUD_DIR/pylib" DEVCLOUD_AGENTLESS_HOSTS="$FAKE_HOST" \
      "$EP" neutron-server neutron.cmd.eventlet.server:main "${QCONF[@]}"
    wait_api neutron-server "http://$IP:$NEUTRON_PORT/"
    local agent
    # the linuxbridge agent through pylib/devcloud_lbagent.py: it mends an ebtables-nft bug that hangs it
    for agent in linuxbridge:devcloud_lbagent dhcp:neutron.cmd.eventlet.agents.dhcp \
                 l3:neutron.cmd.eventlet.agents.l3 metadata:neutron.cmd.eventlet.agents.metadata; do
      start_bg "neutron-${agent%%:*}-agent" env PYTHONPATH="$DEVCLOUD_DIR/pylib" \
        "$EP" "neutron-${agent%%:*}-agent" "${agent#*:}:main" \
        "${QCONF[@]}" --config-file "$ETC/neutron/${agent%%:*}_agent.ini"
    done
    # ports bind on the real host only once its agents have reported in
    for _ in $(seq 1 1200); do
      [ "$(mysql_root -N -e "select count(*) from neutron.agents where host='$NODE_HOST' and heartbeat_timestamp > utc_timestamp() - interval 60 second")" -ge 4 ] && break
      sleep 0.1
    done
    [ "$(mysql_root -N -e "select count(*) from neutron.agents where host='$NODE_HOST' and heartbeat_timestamp > utc_timestamp() - interval 60 second")" -ge 4 ] ||
      { log "the neutron agents did not all report in 120 s; see $LOGDIR/neutron-*-agent.log"; return 1; }
    ready neutron
  }

  chain_cinder() {
    if ! done_mark cinder-db; then
      "$EP" cinder-manage cinder.cmd.manage:main "${CCONF[@]}" db sync
      mark cinder-db
    fi
    # under uwsgi (like nova-api): its master is small, where cinder-api's own parent process holds all of cinder
    start_bg cinder-api "${UWSGI[@]}" --procname-prefix-spaced cinder-api \
      --http-socket "$IP:$CINDER_PORT" --processes 1 --threads 1 \
      --wsgi-file "$DEVCLOUD_DIR/cinder_api_wsgi.py" --pyargv "${CCONF[*]}"
    needs rabbit
    start_bg cinder-scheduler "$EP" cinder-scheduler cinder.cmd.scheduler:main "${CCONF[@]}"
    start_bg cinder-volume env PYTHONPATH="$DEVCLOUD_DIR/pylib" DEVCLOUD_VOLUMES_DIR="$VOLUMES_DIR" \
      "$EP" cinder-volume cinder.cmd.volume:main "${CCONF[@]}"
    wait_api cinder-api "http://$IP:$CINDER_PORT/"
    ready cinder
  }
  chain_swift() {
    local ring port server
    for ring in account:$SWIFT_ACCOUNT_PORT container:$SWIFT_CONTAINER_PORT object:$SWIFT_OBJECT_PORT; do
      port="${ring#*:}"; ring="${ring%%:*}"
      [ -s "$SWIFT_DIR/$ring.ring.gz" ] && continue
      rm -f "$SWIFT_DIR/$ring.builder"
      # 2^8 partitions, 1 replica, min_part_hours 1; the one device is devices/d1
      swift-ring-builder "$SWIFT_DIR/$ring.builder" create 8 1 1
      swift-ring-builder "$SWIFT_DIR/$ring.builder" add --region 1 --zone 1 --ip "$IP" --port "$port" \
        --device d1 --weight 100
      swift-ring-builder "$SWIFT_DIR/$ring.builder" rebalance || [ $? = 1 ]   # 1: done, with warnings
    done
    for server in account container object proxy; do
      # -v: log to stderr, i.e. log/swift-NAME.log (the servers' syslog has no /dev/log here)
      start_bg "swift-$server" "/usr/bin/swift-$server-server" "$ETC/swift/$server-server.conf" -v
    done
    start_bg swift-container-updater "$PY" "$DEVCLOUD_DIR/pylib/devcloud_container_updater.py" \
      "$ETC/swift/container-server.conf" -v
    wait_api swift-proxy "http://$IP:$SWIFT_PORT/info"
    ready swift
  }

  chains=(rabbit keystone glance placement libvirt nova neutron cinder swift)
  pids=()
  for c in "${chains[@]}"; do
    # not `chain || ...`: bash ignores set -e inside a function called that way
    ( trap '[ $? = 0 ] || touch "$CHAINS/failed-$c"' EXIT; chain_$c >> "$LOGDIR/up-$c.log" 2>&1 ) & pids+=($!)
  done
  rc=0
  for i in "${!chains[@]}"; do
    wait "${pids[$i]}" || { [ -e "$CHAINS/failed-${chains[$i]}" ] && log "${chains[$i]} failed; see $LOGDIR/up-${chains[$i]}.log"; rc=1; }
  done
  [ $rc = 0 ] || die "the dev cloud did not come up"
fi

BOOT_ENV=(IP="$IP" REGION="$REGION" KEYSTONE_URL="$KEYSTONE_URL" ADMIN_PASS="$ADMIN_PASS")
if ! done_mark flavors; then
  env "${BOOT_ENV[@]}" "$PY" "$DEVCLOUD_DIR/bootstrap.py" flavors
  env "${BOOT_ENV[@]}" "$PY" "$DEVCLOUD_DIR/bootstrap.py" zone "$FAKE_AZ" "$FAKE_HOST"
  mark flavors
fi
if [ $SEED = 1 ] && ! done_mark seed; then
  # the test guest, built from Debian packages only (guest/build.sh): nothing else is downloaded
  "$DEVCLOUD_DIR/guest/build.sh" "$STATE/guest"
  env "${BOOT_ENV[@]}" EXT_CIDR="$EXT_CIDR" EXT_HOST_IP="$EXT_HOST_IP" \
    "$PY" "$DEVCLOUD_DIR/bootstrap.py" seed "$STATE/guest/devcloud-guest.qcow2"
  mark seed
fi
env "${BOOT_ENV[@]}" "$PY" "$DEVCLOUD_DIR/bootstrap.py" purge
# rewritten only when it changes: editors watching it (the extension) reload on every write
"$DEVCLOUD_DIR/clouds_yaml.sh" > "$STATE/clouds.yaml.new"
if cmp -s "$STATE/clouds.yaml.new" "$STATE/clouds.yaml"; then rm -f "$STATE/clouds.yaml.new"; else mv "$STATE/clouds.yaml.new" "$STATE/clouds.yaml"; fi
log "up in $(( ($(now_ms) - T0) )) ms; state in $STATE"
