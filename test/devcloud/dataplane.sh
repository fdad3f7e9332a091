# dataplane.sh - the host side of the dev cloud's data plane (sourced after lib.sh):
# br-ext with "the outside" address, libvirt's daemons, and a cleanup that leaves no
# namespace, bridge, tap or firewall rule of ours behind.
# shellcheck shell=bash

in_ext_cidr() { # ADDRESS: is it inside $EXT_CIDR?
  "$PY" -c 'import ipaddress, sys; sys.exit(ipaddress.ip_address(sys.argv[1]) not in ipaddress.ip_network(sys.argv[2]))' "$1" "$EXT_CIDR"
}

# Addresses this machine really uses: the package registries' (apt and npm), the
# resolver's and those of its own interfaces. A bridge holding a range that covers
# one of them would capture that traffic for the whole machine.
machine_addresses() {
  local hosts
  hosts="$( { grep -rhoE 'https?://[^/ ]+' /etc/apt/sources.list /etc/apt/sources.list.d 2>/dev/null
              npm config get registry 2>/dev/null; } | sed -E 's#https?://##; s#[/:].*##' | sort -u)"
  # shellcheck disable=SC2086 # one argument per host name
  [ -z "$hosts" ] || getent ahostsv4 $hosts 2>/dev/null | awk '{print $1}'
  awk '/^nameserver/ {print $2}' /etc/resolv.conf
  ip -4 -o addr show scope global | awk -v br="$EXT_BRIDGE" '$2 != br {sub("/.*", "", $4); print $4}'
}

check_ext_range() {
  local a
  for a in $(machine_addresses | sort -u); do
    [[ "$a" == *:* ]] && continue
    if in_ext_cidr "$a"; then
      die "the outside range $EXT_CIDR (EXT_CIDR in lib.sh) holds $a, which this machine uses (package registry, resolver or interface); putting it on $EXT_BRIDGE would cut that traffic off. Pick another range."
    fi
  done
  # only the router namespaces forward; the host must not pass guests' traffic on
  [ "$(cat /proc/sys/net/ipv4/ip_forward)" = 0 ] ||
    die "net.ipv4.ip_forward is 1 on this host: guests could reach past it. Set it to 0 (sysctl -w net.ipv4.ip_forward=0) first."
}

ensure_ext_bridge() {
  check_ext_range
  if ! ip link show "$EXT_BRIDGE" >/dev/null 2>&1; then
    ip link add "$EXT_BRIDGE" type bridge stp_state 0 forward_delay 0
    log "created $EXT_BRIDGE"
  fi
  ip -4 addr show dev "$EXT_BRIDGE" | grep -q " $EXT_HOST_IP/" ||
    ip addr add "$EXT_HOST_IP/${EXT_CIDR#*/}" dev "$EXT_BRIDGE"
  ip link set "$EXT_BRIDGE" up
}

start_libvirt() {
  # libvirt's "default" NAT network would add virbr0, host NAT rules and a dnsmasq
  rm -f /etc/libvirt/qemu/networks/autostart/default.xml
  mkdir -p /run/libvirt
  start_bg virtlogd /usr/sbin/virtlogd
  start_bg libvirtd /usr/sbin/libvirtd
  local _
  for _ in $(seq 1 300); do virsh -c qemu:///system version >/dev/null 2>&1 && return 0; sleep 0.1; done
  die "libvirtd did not answer in 30 s; see $LOGDIR/libvirtd.log"
}

# Guests are qemu processes that outlive libvirtd: destroy them first.
stop_libvirt() {
  local dom
  if is_running libvirtd; then
    for dom in $(virsh -c qemu:///system list --all --name 2>/dev/null); do
      virsh -c qemu:///system destroy "$dom" >/dev/null 2>&1 || true
      virsh -c qemu:///system undefine --nvram "$dom" >/dev/null 2>&1 ||
        virsh -c qemu:///system undefine "$dom" >/dev/null 2>&1 || true
      log "removed guest $dom"
    done
  fi
  stop_svc libvirtd 20
  stop_svc virtlogd 10
}

# The agents' children (dnsmasq, haproxy) daemonize out of the agents' process
# groups; their pid files (pid, <id>.pid, <id>.pid.haproxy) are under neutron's state dir.
stop_agent_children() {
  local f pid
  for f in $(find "$STATE/neutron" -name pid -o -name '*.pid' -o -name '*.pid.*' 2>/dev/null); do
    pid="$(cat "$f" 2>/dev/null)"
    [[ "$pid" =~ ^[0-9]+$ ]] || continue
    if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "$STATE/neutron"; then
      kill -TERM "$pid" 2>/dev/null && log "stopped $(basename "$(readlink "/proc/$pid/exe" 2>/dev/null || echo process)") $pid"
    fi
    rm -f "$f"
  done
}

# Rules the linuxbridge agent's firewall left in the host's tables: jumps into its
# neutron-* chains, then the chains.
remove_neutron_chains() { # TOOL (iptables | ip6tables)
  local tool="$1" table chain n
  for table in filter nat mangle raw; do
    "$tool" -t "$table" -S >/dev/null 2>&1 || continue
    for chain in $("$tool" -t "$table" -S | awk '/^-P / {print $2}'); do
      for n in $("$tool" -t "$table" -L "$chain" -n --line-numbers | awk 'NR > 2 && $2 ~ /^neutron-/ {print $1}' | sort -rn); do
        "$tool" -t "$table" -D "$chain" "$n"
      done
    done
    for chain in $("$tool" -t "$table" -S | awk '/^-N neutron-/ {print $2}'); do "$tool" -t "$table" -F "$chain"; done
    for chain in $("$tool" -t "$table" -S | awk '/^-N neutron-/ {print $2}'); do "$tool" -t "$table" -X "$chain"; done
  done
}

remove_neutron_ebtables() {
  local table chain n
  for table in filter nat; do
    ebtables -t "$table" -L >/dev/null 2>&1 || continue
    for chain in PREROUTING INPUT FORWARD OUTPUT POSTROUTING; do
      # --Ln numbers rules "1." (legacy) or "1" (nft, Debian's default)
      for n in $(ebtables -t "$table" -L "$chain" --Ln 2>/dev/null | awk '/-j neutron/ {sub(/\.$/, "", $1); print $1}' | sort -rn); do
        ebtables -t "$table" -D "$chain" "$n"
      done
    done
    for chain in $(ebtables -t "$table" -L | awk '/^Bridge chain: neutron/ {sub(",", "", $3); print $3}'); do
      ebtables -t "$table" -F "$chain" && ebtables -t "$table" -X "$chain"   # nft deletes only empty chains
    done
  done
}

dataplane_down() {
  local ns dev set
  stop_agent_children
  for ns in $(ip netns list | awk '$1 ~ /^(qrouter|qdhcp)-/ {print $1}'); do
    ip netns delete "$ns" && log "removed namespace $ns"
  done
  for dev in $(ip -o link show | awk -F": " '{sub("@.*", "", $2); print $2}' | grep -E '^(brq|vxlan-)' || true); do
    ip link delete "$dev" 2>/dev/null && log "removed link $dev"
  done
  ip link show "$EXT_BRIDGE" >/dev/null 2>&1 && ip link delete "$EXT_BRIDGE" && log "removed $EXT_BRIDGE"
  remove_neutron_chains iptables
  remove_neutron_chains ip6tables
  remove_neutron_ebtables
  for set in $(ipset list -n 2>/dev/null | grep -E '^NIPv[46]' || true); do ipset destroy "$set"; done
}
