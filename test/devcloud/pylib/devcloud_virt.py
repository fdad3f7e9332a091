"""Compute driver for the dev cloud: nova's FakeDriver with useful consoles.

* get_console_output() returns the last 100 KiB of $DEVCLOUD_CONSOLE_DIR/<uuid>.log
  when that file exists (tests append to it), else a cirros-like boot log for
  the instance. Bytes, as the libvirt driver returns them: nova-compute decodes
  them as ASCII with errors='replace' (one U+FFFD per non-ASCII byte), whereas
  a str would be encoded as latin-1 first and fail (Nova 500) on CJK text.
* get_serial_console() points at $DEVCLOUD_SERIAL_HOST:$DEVCLOUD_SERIAL_PORT, a
  TCP stand-in for the guest's serial port behind the real nova-serialproxy.
  internal_access_path stays None: with a path the proxy would first send
  "CONNECT <path> HTTP/1.1" to the target.

Loading: nova imports 'nova.virt.' + compute_driver, so a module outside
nova.virt cannot be named directly. compute_main() is the nova-compute entry
point: it lets nova.cmd.compute monkey-patch eventlet first, registers this
module as nova.virt.devcloud_virt, defines the driver class and runs nova's
own main(). Config: compute_driver = devcloud_virt.DevcloudFakeDriver
"""
import os
import sys

CONSOLE_DIR = os.environ.get('DEVCLOUD_CONSOLE_DIR', '/tmp')
SERIAL_HOST = os.environ.get('DEVCLOUD_SERIAL_HOST', '127.0.0.1')
SERIAL_PORT = int(os.environ.get('DEVCLOUD_SERIAL_PORT', '10000'))
MAX_CONSOLE_BYTES = 100 * 1024  # nova.virt.libvirt.driver.MAX_CONSOLE_BYTES


def compute_main():
    import nova.cmd.compute as compute_cmd  # eventlet monkey patching happens here
    import nova.virt
    module = sys.modules[__name__]
    sys.modules['nova.virt.devcloud_virt'] = module
    nova.virt.devcloud_virt = module
    _define_driver(module)
    _skip_unused_allocation_sweep()
    return compute_cmd.main()


def _skip_unused_allocation_sweep():
    # Zed's resource tracker (resource_tracker.py:1227, _update_to_placement) reads the allocations of
    # every consumer on the host, one placement GET each, at every claim, delete and periodic update:
    # O(N) per claim, so 1,000 instances take hours to create. Its only users are PCI-in-placement
    # (a no-op while [pci]report_in_placement is false) and a driver that reshapes, which FakeDriver
    # never does; for them the answer is empty. Loaded by the fake host's nova-compute only.
    from nova.conf import CONF
    from nova.scheduler.client import report
    original = getattr(report.SchedulerReportClient, 'get_allocations_for_provider_tree', None)
    if original is None:
        return

    def allocations_unless_pci(self, context, nodename):
        if CONF.pci.report_in_placement:
            return original(self, context, nodename)
        return {}

    report.SchedulerReportClient.get_allocations_for_provider_tree = allocations_unless_pci


def _define_driver(module):
    from nova.console import type as console_type
    from nova.virt import fake

    from nova.compute import power_state

    class DevcloudFakeDriver(fake.FakeDriver):
        def resume_state_on_host_boot(self, context, instance, network_info,
                                      block_device_info=None):
            # FakeDriver forgets its instances when it restarts; a guest that ran before an `up`
            # runs again (as libvirt would boot it), or the power sync marks it NOSTATE.
            flavor = instance.flavor
            self.resources.claim(vcpus=flavor.vcpus, mem=flavor.memory_mb, disk=flavor.root_gb)
            self.instances[instance.uuid] = fake.FakeInstance(
                instance.name, power_state.RUNNING, instance.uuid)

        def get_serial_console(self, context, instance):
            return console_type.ConsoleSerial(
                internal_access_path=None, host=SERIAL_HOST, port=SERIAL_PORT)

        def get_console_output(self, context, instance):
            path = os.path.join(CONSOLE_DIR, '%s.log' % instance.uuid)
            try:
                return last_bytes(path, MAX_CONSOLE_BYTES)
            except FileNotFoundError:
                return boot_log(instance.hostname or 'cirros', instance.uuid).encode('utf-8')

    module.DevcloudFakeDriver = DevcloudFakeDriver


def last_bytes(path, limit):
    with open(path, 'rb') as f:
        f.seek(max(0, os.fstat(f.fileno()).st_size - limit))
        return f.read()


def boot_log(host, uuid):
    return '\n'.join([
        '[    0.000000] Linux version 5.15.0-71-generic (gcc 11.3.0) #78-Ubuntu SMP',
        '[    0.000000] Command line: LABEL=cirros-rootfs ro console=tty1 console=ttyS0',
        '[    0.000000] Hypervisor detected: KVM',
        '[    0.351234] Serial: 8250/16550 driver, 32 ports, IRQ sharing enabled',
        '[    1.204512] EXT4-fs (vda1): mounted filesystem with ordered data mode.',
        'Starting syslogd: OK',
        'Starting network: udhcpc: started, v1.36.1',
        'udhcpc: lease obtained, lease time 86400',
        'OK',
        'checking http://169.254.169.254/2009-04-04/instance-id',
        'successful after 1/20 tries: up 2.10. iid=%s' % uuid,
        'Starting dropbear sshd: OK',
        '=== datasource: ec2 net ===',
        'instance-id: %s' % uuid,
        'local-hostname: %s' % host,
        '=== cirros: current=0.6.2 uptime=3.01 ===',
        "login as 'cirros' user. default password: 'gocubsgo'. use 'sudo' for root.",
        '%s login: ' % host,
    ])
