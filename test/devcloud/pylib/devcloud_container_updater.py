"""swift-container-updater in one process: the dev cloud's stand-in for Swift's daemon.

The updater brings each container's object count and bytes to its account (what an account HEAD shows).
Swift's daemon forks a child per partition on every sweep; here, with a few dozen containers on two
cores, that kept about half a core busy. This runs Swift's own single-process sweep (run_once) every
`interval` seconds instead: the same updates, a fraction of the CPU.

Usage: devcloud_container_updater.py CONF [-v]   (reads CONF's [container-updater] section)
"""
import time

from swift.common.daemon import run_daemon
from swift.common.utils import parse_options
from swift.container.updater import ContainerUpdater


class SingleProcessContainerUpdater(ContainerUpdater):
    def run_forever(self, *args, **kwargs):
        while True:
            begin = time.time()
            try:
                self.run_once()
            except Exception:
                # one failed pass (a locked db, a device gone) must not end the updater: counts would stop updating
                self.logger.exception('container-updater pass failed; trying again next interval')
            time.sleep(max(0.0, self.interval - (time.time() - begin)))


if __name__ == '__main__':
    conf_file, options = parse_options(once=True)
    run_daemon(SingleProcessContainerUpdater, conf_file, section_name='container-updater', **options)
