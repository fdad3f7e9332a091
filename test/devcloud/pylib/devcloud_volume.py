"""Cinder volume driver for the dev cloud: volumes are sparse raw files, attached through loop devices.

Why not LVM: this kernel has no device-mapper (CONFIG_MD is not set), so `lvcreate` fails with
"striped: Required device-mapper target(s) not detected in your kernel", and it has no iSCSI, NVMe-TCP
or NBD initiator either, so no network transport can hand a volume to a guest. Loop devices work.

* A volume is $DEVCLOUD_VOLUMES_DIR/volume-<id> (sparse); a snapshot is snapshot-<id> beside it, a full
  sparse copy. Create, from image (qemu-img convert through cinder's image_utils), to image, from
  snapshot, clone and extend work on the files.
* initialize_connection attaches the file to a loop device and returns driver_volume_type `local`
  with device_path $DEVCLOUD_VOLUMES_DIR/dev/volume-<id>, a symlink to that /dev/loopN: nova's libvirt
  `local` driver gives the guest that block device. The path stays valid across a dev cloud restart
  (loop numbers do not): `down` detaches the loop devices, and `up` attaches the files of the volumes
  that still have a link and points each link at its new loop device (relink_volumes in lib.sh)
  before nova-compute starts the guests.
* terminate_connection and delete detach the loop device. One attachment at a time (no multiattach).

Config: volume_driver = devcloud_volume.DevcloudVolumeDriver, PYTHONPATH holding this directory.
Every command runs with an argument list; cinder-volume runs as root here, so no rootwrap.
"""
import os
import subprocess

from oslo_log import log as logging

from cinder.image import image_utils
from cinder.volume import driver
from cinder.volume import volume_utils

LOG = logging.getLogger(__name__)
GiB = 1024 ** 3
VOLUMES_DIR = os.environ.get('DEVCLOUD_VOLUMES_DIR', '/var/lib/openstack-explorer-devcloud/volumes')
LINKS_DIR = os.path.join(VOLUMES_DIR, 'dev')
BACKEND = 'devcloud'


def run(*argv):
    return subprocess.run(argv, check=True, capture_output=True, text=True).stdout.strip()


def volume_file(volume):
    return os.path.join(VOLUMES_DIR, 'volume-%s' % volume.id)


def snapshot_file(snapshot):
    return os.path.join(VOLUMES_DIR, 'snapshot-%s' % snapshot.id)


def link_path(volume):
    return os.path.join(LINKS_DIR, 'volume-%s' % volume.id)


def sparse_copy(source, target):
    run('cp', '--reflink=auto', '--sparse=always', '--', source, target)


def grow(path, size_gib):
    """Sets the file's length to size_gib, never shrinking it (a converted image can be shorter)."""
    if os.path.getsize(path) < size_gib * GiB:
        os.truncate(path, size_gib * GiB)


def loop_devices_of(path):
    """The loop devices backed by path: `losetup -j` prints "/dev/loop3: [2049]:1234 (/path)"."""
    return [line.split(':', 1)[0] for line in run('losetup', '-j', path).splitlines() if line]


def attach_loop(path):
    devices = loop_devices_of(path)
    return devices[0] if devices else run('losetup', '--find', '--show', '--', path)


def detach_loops(path):
    for device in loop_devices_of(path):
        run('losetup', '-d', device)


class DevcloudVolumeDriver(driver.VolumeDriver):
    VERSION = '1.0.0'

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.backend_name = (self.configuration.safe_get('volume_backend_name') or BACKEND) \
            if self.configuration else BACKEND

    def check_for_setup_error(self):
        os.makedirs(LINKS_DIR, exist_ok=True)
        run('losetup', '--version')

    def local_path(self, volume):
        return volume_file(volume)

    # ---- volumes and snapshots as files ----

    def create_volume(self, volume):
        with open(volume_file(volume), 'wb') as f:
            f.truncate(volume.size * GiB)

    def create_volume_from_snapshot(self, volume, snapshot):
        sparse_copy(snapshot_file(snapshot), volume_file(volume))
        grow(volume_file(volume), volume.size)

    def create_cloned_volume(self, volume, src_vref):
        sparse_copy(volume_file(src_vref), volume_file(volume))
        grow(volume_file(volume), volume.size)

    def delete_volume(self, volume):
        path = volume_file(volume)
        if os.path.exists(path):
            detach_loops(path)
            os.remove(path)
        self._remove_link(volume)

    def extend_volume(self, volume, new_size):
        grow(volume_file(volume), new_size)
        for device in loop_devices_of(volume_file(volume)):
            run('losetup', '--set-capacity', device)   # an attached guest sees the new size

    def create_snapshot(self, snapshot):
        sparse_copy(volume_file(snapshot.volume), snapshot_file(snapshot))

    def delete_snapshot(self, snapshot):
        if os.path.exists(snapshot_file(snapshot)):
            os.remove(snapshot_file(snapshot))

    def revert_to_snapshot(self, context, volume, snapshot):
        sparse_copy(snapshot_file(snapshot), volume_file(volume))
        grow(volume_file(volume), volume.size)

    def copy_image_to_volume(self, context, volume, image_service, image_id):
        image_utils.fetch_to_raw(context, image_service, image_id, volume_file(volume),
                                 self.configuration.volume_dd_blocksize, size=volume.size)
        grow(volume_file(volume), volume.size)

    def copy_volume_to_image(self, context, volume, image_service, image_meta):
        volume_utils.upload_volume(context, image_service, image_meta, volume_file(volume), volume)

    # ---- attachments: a loop device behind a stable link ----

    def create_export(self, context, volume, connector):
        return None

    def remove_export(self, context, volume):
        pass

    def initialize_connection(self, volume, connector, **kwargs):
        device = attach_loop(volume_file(volume))
        self._link(volume, device)
        LOG.info('volume %s is %s (%s) for %s', volume.id, device, link_path(volume),
                 (connector or {}).get('host'))
        return {'driver_volume_type': 'local',
                'data': {'device_path': link_path(volume), 'volume_id': volume.id}}

    def terminate_connection(self, volume, connector, **kwargs):
        detach_loops(volume_file(volume))
        self._remove_link(volume)
        return False

    def _link(self, volume, device):
        os.makedirs(LINKS_DIR, exist_ok=True)
        tmp = link_path(volume) + '.new'
        if os.path.lexists(tmp):
            os.remove(tmp)
        os.symlink(device, tmp)
        os.replace(tmp, link_path(volume))

    def _remove_link(self, volume):
        if os.path.lexists(link_path(volume)):
            os.remove(link_path(volume))

    # ---- capacity: the filesystem under the volumes directory ----

    def _update_volume_stats(self):
        fs = os.statvfs(VOLUMES_DIR)
        self._stats = {
            'volume_backend_name': self.backend_name,
            'vendor_name': 'OpenStack Explorer dev cloud',
            'driver_version': self.VERSION,
            'storage_protocol': 'local',
            'total_capacity_gb': fs.f_blocks * fs.f_frsize // GiB,
            'free_capacity_gb': fs.f_bavail * fs.f_frsize // GiB,
            'reserved_percentage': 0,
            'thin_provisioning_support': True,
            'thick_provisioning_support': False,
            'max_over_subscription_ratio': 1.0,
            'multiattach': False,
            'QoS_support': False,
        }

    def get_volume_stats(self, refresh=False):
        if refresh or not self._stats:
            self._update_volume_stats()
        return self._stats

