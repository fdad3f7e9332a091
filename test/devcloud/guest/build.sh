#!/bin/bash
# guest/build.sh OUT_DIR - the dev cloud's test guest, built only from Debian packages:
# Debian's cloud kernel + a busybox initramfs (+ dropbear for ssh) on a bootable qcow2
# (MBR + extlinux + one ext2 partition). It stands in for cirros but is not cirros:
# DHCP on eth0, hostname and ssh key from the metadata service, a root shell on the
# serial console and on VGA (VNC), ping/wget/nc from busybox, ACPI power-off.
# Writes OUT_DIR/devcloud-guest.qcow2; a no-op when it exists and this script is older.
set -euo pipefail
OUT="$1"
HERE="$(cd "$(dirname "$0")" && pwd)"
IMAGE="$OUT/devcloud-guest.qcow2"
[ -s "$IMAGE" ] && [ "$IMAGE" -nt "$0" ] && [ "$IMAGE" -nt "$HERE/rootfs" ] && exit 0

WORK="$(mktemp -d /tmp/devcloud-guest.XXXXXX)"
cleanup() { mountpoint -q "$WORK/mnt" && umount "$WORK/mnt"; rm -rf "$WORK"; }
trap cleanup EXIT
mkdir -p "$OUT" "$WORK"/{debs,x,root,mnt,boot/extlinux}

# The cloud flavour's LZ4 kernel boots about twice as fast under TCG as the XZ one.
KPKG="$(apt-cache depends linux-image-cloud-amd64 | awk '/Depends: linux-image-/{print $2; exit}')"
KVER="${KPKG#linux-image-}"
(cd "$WORK/debs" && apt-get download -q "$KPKG" busybox-static dropbear-bin >/dev/null 2>&1) ||
  { echo "guest build: apt-get download $KPKG busybox-static dropbear-bin failed" >&2; exit 1; }
for deb in "$WORK"/debs/*.deb; do dpkg-deb -x "$deb" "$WORK/x"; done

R="$WORK/root"
mkdir -p "$R"/{bin,sbin,usr/sbin,etc/dropbear,etc/acpi/PWRF,proc,sys,dev,tmp,run,var/log,root/.ssh,lib/modules/"$KVER"}
ln -s /run "$R/var/run"
cp "$WORK/x/bin/busybox" "$R/bin/busybox"
for applet in $("$R/bin/busybox" --list); do [ "$applet" = busybox ] || ln -sf /bin/busybox "$R/bin/$applet"; done
ln -sf /bin/busybox "$R/init"

# dropbear is dynamically linked: take the libraries the host's copy of the same version uses
cp "$WORK/x/usr/sbin/dropbear" "$R/usr/sbin/dropbear"
cp "$WORK/x/usr/bin/dropbearkey" "$R/bin/dropbearkey"
for lib in $(ldd "$WORK/x/usr/sbin/dropbear" "$WORK/x/usr/bin/dropbearkey" | grep -oE '/[^ ]+\.so[^ ]*' | sort -u); do
  mkdir -p "$R$(dirname "$lib")"; cp -L "$lib" "$R$lib"
done

# only the modules a virtio guest needs, with their dependencies
KM="$WORK/x/lib/modules/$KVER"
depmod -b "$WORK/x" "$KVER"
for m in virtio_pci virtio_net virtio_blk virtio_console button evdev; do
  for f in $(awk -v m="/$m.ko:" 'index($0, m) { sub(":", ""); for (i = 1; i <= NF; i++) print $i }' "$KM/modules.dep"); do
    mkdir -p "$R/lib/modules/$KVER/$(dirname "$f")"; cp "$KM/$f" "$R/lib/modules/$KVER/$f"
  done
done
cp "$KM"/modules.order "$KM"/modules.builtin* "$R/lib/modules/$KVER/"
depmod -b "$R" "$KVER"

cp -r "$HERE"/rootfs/. "$R/"
chmod 700 "$R/root" "$R/root/.ssh"
(cd "$R" && find . | cpio -o -H newc --quiet | gzip -9) > "$WORK/boot/initrd.img"
cp "$WORK/x/boot/vmlinuz-$KVER" "$WORK/boot/vmlinuz"
cat > "$WORK/boot/extlinux/extlinux.conf" <<EOF
DEFAULT guest
TIMEOUT 1
SERIAL 0 115200
LABEL guest
  KERNEL /vmlinuz
  INITRD /initrd.img
  APPEND console=tty0 console=ttyS0,115200 quiet
EOF

# one ext2 partition from 1 MiB, extlinux in its boot sector, syslinux's MBR in front
SIZE_MB=$(( $(du -sm "$WORK/boot" | cut -f1) + 4 ))
PART="$WORK/part.img" RAW="$WORK/disk.raw"
truncate -s "${SIZE_MB}M" "$PART"
mke2fs -q -t ext2 -F -L guestboot -d "$WORK/boot" "$PART"
mount -o loop "$PART" "$WORK/mnt"
extlinux --install "$WORK/mnt/extlinux" >/dev/null 2>&1
umount "$WORK/mnt"
truncate -s "$((SIZE_MB + 1))M" "$RAW"
printf 'label: dos\nstart=2048, type=83, bootable\n' | sfdisk -q "$RAW"
dd if="$PART" of="$RAW" bs=1M seek=1 conv=notrunc status=none
dd if=/usr/lib/EXTLINUX/mbr.bin of="$RAW" bs=440 count=1 conv=notrunc status=none
qemu-img convert -c -O qcow2 "$RAW" "$IMAGE.new"
mv "$IMAGE.new" "$IMAGE"
echo "$KVER" > "$OUT/kernel-version"
echo "guest build: $IMAGE ($(du -h "$IMAGE" | cut -f1), kernel $KVER)" >&2
