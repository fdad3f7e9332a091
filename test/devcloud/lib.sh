# lib.sh - settings and process helpers shared by the dev cloud scripts.
# shellcheck shell=bash

DEVCLOUD_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${DEVCLOUD_STATE:-/var/lib/openstack-explorer-devcloud}"
# conf/, not etc/: etc/ is a file now, so that an older checkout's up.sh (dev cloud
# without a data plane) stops at its first mkdir instead of rewriting this cloud's configs
ETC="$STATE/conf"
LOGDIR="$STATE/log"
RUN="$STATE/run"

# Debian's python3 carries the OpenStack packages; a pyenv/venv python that may
# come first in PATH does not.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
PY=/usr/bin/python3
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV
# Everything is on 127.0.0.1: keep any proxy settings away from the services and the CLI.
export no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY

IP=127.0.0.1
REGION=RegionOne
ADMIN_PASS=admin          # dev-only credentials, written to the state dir's clouds.yaml
DEMO_PASS=demo
SERVICE_PASS=servicepass
DB_PASS=dbpass
RABBIT_USER=openstack
RABBIT_PASS=rabbitpass
NODE_HOST=devcloud-node1  # CONF.host of the nova services, the neutron agents and the libvirt hypervisor
# A second nova-compute with nova's fake driver and agentless port binding, in an
# availability zone of its own: for tests that need many instances but no guests.
FAKE_HOST=devcloud-fake1
FAKE_AZ=devcloud-fake

MYSQL_PORT=3306
MEMCACHED_PORT=11211
RABBIT_PORT=5672
EPMD_PORT=4369
RABBIT_DIST_PORT=25672
KEYSTONE_PORT=5000
GLANCE_PORT=9292
PLACEMENT_PORT=8778
NOVA_PORT=8774
NEUTRON_PORT=9696
NOVNC_PORT=6080
SERIALPROXY_PORT=6083
NOVA_METADATA_PORT=8775
CINDER_PORT=8776
SWIFT_PORT=8080                      # the proxy; the account, container and object servers below
SWIFT_ACCOUNT_PORT=6202
SWIFT_CONTAINER_PORT=6201
SWIFT_OBJECT_PORT=6200
SERIAL_GUEST_PORT=10000              # the fake host's serial stand-in (pylib/devcloud_guest.py)
SERIAL_PORT_RANGE=10300:10399        # libvirt guests' TCP serial ports, clear of the stand-in's
METADATA_SECRET=metadatasecret

# The data plane: the flat network `ext` (physnet1) is the host bridge br-ext, and
# 172.24.4.1 on it plays "the outside". Never a range the machine itself uses (see dataplane.sh).
EXT_BRIDGE=br-ext
EXT_CIDR=172.24.4.0/24
EXT_HOST_IP=172.24.4.1

KEYSTONE_URL="http://$IP:$KEYSTONE_PORT/v3"
MYSQL_SOCK="$STATE/mysql.run/mysqld.sock"
TRANSPORT_URL="rabbit://$RABBIT_USER:$RABBIT_PASS@$IP:$RABBIT_PORT/"
CONSOLE_DIR="$STATE/console"   # per-instance console logs read by the compute driver
VOLUMES_DIR="$STATE/volumes"   # Cinder's volumes and snapshots (raw files; pylib/devcloud_volume.py)
SWIFT_DIR="$STATE/swift"       # swift.conf, the rings and devices/d1, Swift's one device
EP="$DEVCLOUD_DIR/bin/ep"

# Start order; down stops the OpenStack services together, then the infrastructure in reverse.
INFRA=(mariadb memcached epmd rabbitmq virtlogd libvirtd)
OPENSTACK=(keystone glance-api placement-api nova-api nova-api-metadata nova-conductor nova-scheduler
           nova-compute nova-compute-fake nova-serialproxy neutron-server neutron-linuxbridge-agent
           neutron-dhcp-agent neutron-l3-agent neutron-metadata-agent serial-guest
           cinder-api cinder-scheduler cinder-volume swift-proxy swift-account swift-container swift-object
           swift-container-updater)

log() { printf '%s [devcloud] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { date +%s%3N; }

pidfile() { echo "$RUN/$1.pid"; }
proc_start() { awk '{print $22}' "/proc/$1/stat" 2>/dev/null || true; }

# is_running NAME: the recorded pid is alive and is still the process we started
# (its start time matches), so a recycled pid is never taken for the service.
is_running() {
  local pf pid st
  pf="$(pidfile "$1")"
  [ -s "$pf" ] || return 1
  read -r pid st < "$pf" || true
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  [ "$(proc_start "$pid")" = "$st" ]
}

# start_bg NAME CMD...: run CMD in a session of its own (pgid == pid), output to
# log/NAME.log, and record "pid starttime" in run/NAME.pid.
start_bg() {
  local name="$1"; shift
  if is_running "$name"; then return 0; fi
  mkdir -p "$LOGDIR" "$RUN"
  echo "==== $(date -Is) start: $*" >> "$LOGDIR/$name.log"
  # 9>&-: not up.sh's lock, which a long-lived child would otherwise hold forever
  setsid "$@" >> "$LOGDIR/$name.log" 2>&1 < /dev/null 9>&- &
  local pid=$! st=""
  for _ in 1 2 3 4 5 6 7 8 9 10; do st="$(proc_start "$pid")"; [ -n "$st" ] && break; sleep 0.05; done
  echo "$pid $st" > "$(pidfile "$name")"
  log "started $name (pid $pid)"
}

# stop_svc NAME [TIMEOUT]: SIGTERM the recorded pid, wait, then SIGKILL its process
# group (start_bg made pgid == pid), which also takes uwsgi/oslo.service workers.
stop_svc() {
  local name="$1" timeout="${2:-30}" pid st i
  local pf; pf="$(pidfile "$name")"
  if ! is_running "$name"; then rm -f "$pf"; return 0; fi
  read -r pid st < "$pf"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) did not stop in ${timeout}s; SIGKILL to its group"
  fi
  if [ -n "$(ps -o pid= -g "$pid" 2>/dev/null)" ]; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
  rm -f "$pf"
  log "stopped $name"
}

# An epmd that an older checkout's rabbitmqctl started (as a daemon, untracked) holds
# the port: record it as the cloud's epmd, marked as adopted so that down leaves it be.
adopt_epmd() {
  local pid
  pid="$(ss -ltnpH "sport = :$EPMD_PORT" | grep -oE 'pid=[0-9]+' | head -1 | cut -d= -f2)"
  [ -n "$pid" ] || return 1
  echo "$pid $(proc_start "$pid")" > "$(pidfile epmd)"
  touch "$RUN/epmd.adopted"
  log "epmd: using the one already on port $EPMD_PORT (pid $pid), which the dev cloud did not start"
}

wait_port() { # PORT TIMEOUT_S
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    (exec 3<>"/dev/tcp/$IP/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

http_answers() { # URL: any HTTP status below 500
  local code
  code="$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null || true)"
  [ -n "$code" ] && [ "$code" != 000 ] && [ "$code" -lt 500 ]
}

mysql_root() { mariadb --no-defaults -uroot --socket="$MYSQL_SOCK" "$@"; }

# RabbitMQ's node, data, cookie (HOME) and every listener (AMQP, Erlang
# distribution, epmd) on 127.0.0.1 and under the state dir.
RABBIT_ENV=(
  HOME="$STATE/rabbitmq"
  RABBITMQ_NODENAME=devcloud@localhost
  RABBITMQ_CONF_ENV_FILE=/dev/null
  RABBITMQ_CONFIG_FILE="$ETC/rabbitmq/rabbitmq.conf"
  RABBITMQ_ENABLED_PLUGINS_FILE="$ETC/rabbitmq/enabled_plugins"
  RABBITMQ_MNESIA_BASE="$STATE/rabbitmq/mnesia"
  RABBITMQ_LOG_BASE="$LOGDIR/rabbitmq"
  RABBITMQ_LOGS=-
  RABBITMQ_NODE_IP_ADDRESS="$IP"
  RABBITMQ_NODE_PORT="$RABBIT_PORT"
  RABBITMQ_DIST_PORT="$RABBIT_DIST_PORT"
  "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
  # without -start_epmd false, rabbitmqctl starts an epmd of its own (-daemon, no pid file)
  "RABBITMQ_CTL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1} -start_epmd false"
  ERL_EPMD_ADDRESS="$IP"
  ERL_EPMD_PORT="$EPMD_PORT"
)
rabbitmqctl_() { env "${RABBIT_ENV[@]}" /usr/lib/rabbitmq/bin/rabbitmqctl "$@"; }

# The volume driver's loop devices (pylib/devcloud_volume.py): "NAME FILE" for each one backed by a file
# under $VOLUMES_DIR. Only these are the dev cloud's.
volume_loops() { losetup -nl -O NAME,BACK-FILE 2>/dev/null | awk -v dir="$VOLUMES_DIR/" 'index($2, dir) == 1 {print $1, $2}'; }

detach_volume_loops() {
  local dev file
  while read -r dev file; do
    losetup -d "$dev" && log "detached $dev ($file)"
  done < <(volume_loops)
}

# An attached volume's device path is the link $VOLUMES_DIR/dev/volume-<id> (nova keeps it in the
# attachment): after a restart, point it at a loop device of the volume's file again, before
# nova-compute starts the guests that use it.
relink_volumes() {
  local link file dev
  for link in "$VOLUMES_DIR"/dev/volume-*; do
    [ -L "$link" ] || continue
    file="$VOLUMES_DIR/$(basename "$link")"
    [ -f "$file" ] || { rm -f "$link"; continue; }
    dev="$(losetup -j "$file" | head -1 | cut -d: -f1)"
    [ -n "$dev" ] || dev="$(losetup --find --show -- "$file")"
    [ "$(readlink "$link")" = "$dev" ] || { ln -sfn "$dev" "$link"; log "volume $(basename "$link") is $dev"; }
  done
}
