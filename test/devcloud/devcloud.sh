#!/bin/bash
# devcloud.sh up [--seed] | down | status | wipe | env | stop SERVICE | errors
# The project's dev cloud: a real single-node OpenStack (Debian's Zed packages) on 127.0.0.1.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

case "${1:-status}" in
  up) exec "$DEVCLOUD_DIR/up.sh" "${@:2}" ;;
  down) exec "$DEVCLOUD_DIR/down.sh" ;;
  stop)   # one service, e.g. to test how the extension copes with an API that is down; `up` restarts it
    [[ " ${OPENSTACK[*]} " == *" ${2:-} "* ]] || die "stop which service? one of: ${OPENSTACK[*]}"
    stop_svc "$2" 30 ;;
  status)
    rc=0
    for s in "${INFRA[@]}" "${OPENSTACK[@]}"; do
      if is_running "$s"; then printf '%-26s running (pid %s)\n' "$s" "$(cut -d' ' -f1 "$(pidfile "$s")")"
      else printf '%-26s stopped\n' "$s"; rc=3; fi
    done
    if is_running libvirtd; then
      printf '%-26s %s\n' guests "$(virsh -c qemu:///system list --name | grep -c . || true) running (libvirt)"
    fi
    exit $rc ;;
  wipe)
    "$DEVCLOUD_DIR/down.sh"
    case "$STATE" in /*/openstack-explorer-devcloud*|/tmp/*) ;; *) die "refusing to wipe $STATE" ;; esac
    rm -rf --one-file-system "$STATE"
    log "wiped $STATE" ;;
  errors)   # each service's last ERROR lines: what a failed run shows of the cloud behind it
    for f in "$LOGDIR"/*.log; do
      lines="$(grep -a ' ERROR ' "$f" | grep -v '^\s*$' | tail -n "${2:-3}" | cut -c1-400)" || continue
      [ -n "$lines" ] && printf '== %s\n%s\n' "$(basename "$f")" "$lines"
    done
    true ;;
  env)
    [ -s "$STATE/clouds.yaml" ] || die "no clouds.yaml yet: run 'npm run devcloud -- up' first"
    echo "export OS_CLIENT_CONFIG_FILE=$STATE/clouds.yaml"
    echo "export OS_CLOUD=devcloud" ;;
  *) echo "usage: npm run devcloud -- up [--seed] | down | status | wipe | env | stop SERVICE | errors [N]" >&2; exit 2 ;;
esac
