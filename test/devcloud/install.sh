#!/bin/bash
# install.sh - the Debian (bookworm, OpenStack Zed) packages the dev cloud runs from.
# The python3-* libraries plus the DB, broker, uwsgi, the CLI and the data plane; the daemon
# packages (keystone, nova-api, ...) bring dbconfig-common questions, init scripts,
# system users and, for nova-compute, libvirt/qemu. Idempotent: a no-op when present.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
APT=(apt-get -o DPkg::Lock::Timeout=900 -o Acquire::Retries=3)
PKGS=(
  mariadb-server python3-pymysql rabbitmq-server uwsgi-core uwsgi-plugin-python3
  # the token cache shared by every service, as in any deployment: a token is validated once, not
  # once per API process (keystonemiddleware: python3-memcache comes with the services), and
  # Keystone's own cache (dogpile.cache.pymemcache)
  memcached python3-pymemcache
  python3-keystone python3-glance python3-placement python3-nova python3-neutron
  python3-openstackclient curl qemu-utils
  # the data plane: libvirt + qemu (TCG) for nova, what the neutron linuxbridge, l3,
  # dhcp and metadata agents run, and the tools the guest image is built with
  qemu-system-x86 libvirt-daemon-system libvirt-clients python3-libvirt
  bridge-utils ebtables iptables ipset conntrack haproxy dnsmasq-base dnsmasq-utils iputils-arping
  iputils-ping openssh-client busybox-static dropbear-bin extlinux syslinux-common fdisk cpio kmod
  e2fsprogs
  # storage: Cinder (api, scheduler, volume; our file-backed driver needs only losetup) and
  # Swift (the daemon packages ship swift-*-server and swift-ring-builder; their init scripts
  # never start here, see the policy-rc.d guard below)
  python3-cinder swift swift-proxy swift-account swift-container swift-object
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "devcloud install: ${missing[*]}" >&2

# Keep maintainer scripts from starting mariadb/rabbitmq on default addresses:
# add a deny-all policy-rc.d only if there is none, and remove only ours.
POLICY=/usr/sbin/policy-rc.d
ours=0
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\n# devcloud-install temporary\nexit 101\n' > "$POLICY"; chmod 755 "$POLICY"; ours=1
fi
trap '[ "$ours" = 1 ] && grep -q devcloud-install "$POLICY" 2>/dev/null && rm -f "$POLICY"' EXIT
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
  "${APT[@]}" update
fi
"${APT[@]}" install -y --no-install-recommends "${missing[@]}"
