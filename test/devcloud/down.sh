#!/bin/bash
# down.sh - stop every dev cloud process by its recorded PID (never by name): the
# OpenStack services together, then the guests and libvirt (and the loop devices of
# their volumes), RabbitMQ, epmd, memcached and MariaDB; then remove the data plane's
# namespaces, bridges and firewall rules.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
source "$DEVCLOUD_DIR/dataplane.sh"
[ -d "$RUN" ] || exit 0
# no `up` may start services while they are being stopped (up takes the same lock)
exec 9> "$RUN/up.lock"
flock 9
pids=()
for name in "${OPENSTACK[@]}"; do
  stop_svc "$name" 30 & pids+=($!)
done
wait "${pids[@]}"
stop_libvirt
detach_volume_loops
is_running rabbitmq && { rabbitmqctl_ stop >/dev/null 2>&1 || true; }
stop_svc rabbitmq 30
if [ -e "$RUN/epmd.adopted" ]; then
  log "left epmd (pid $(cut -d' ' -f1 "$(pidfile epmd)")) running: the dev cloud did not start it"
  rm -f "$(pidfile epmd)" "$RUN/epmd.adopted"
else
  stop_svc epmd 10
fi
stop_svc memcached 10
stop_svc mariadb 60
dataplane_down
