#!/bin/bash
# down.sh - stop every dev cloud process by its recorded PID (never by name):
# the OpenStack services together, then RabbitMQ, epmd and MariaDB.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
[ -d "$RUN" ] || exit 0
pids=()
for name in "${OPENSTACK[@]}" nova-serialproxy serial-guest; do
  stop_svc "$name" 30 & pids+=($!)
done
wait "${pids[@]}"
is_running rabbitmq && { rabbitmqctl_ stop >/dev/null 2>&1 || true; }
stop_svc rabbitmq 30
stop_svc epmd 10
stop_svc mariadb 60
