"""Agentless ML2 mechanism driver for the dev cloud's fake compute host.

The fake host (nova's FakeDriver, no guests) has no L2 agent, so no stock
mechanism driver binds its ports and nova would fail every boot there with
PortBindingFailed. This driver binds ports of the hosts named in
$DEVCLOUD_AGENTLESS_HOSTS (comma-separated) to the first segment of a supported
type, with vif_type 'ovs' as an OVS cloud reports, and marks them ACTIVE as an
agent would once the port is wired. Nothing is wired. Ports of every other host
are left to the linuxbridge driver and its agent.

neutron-server loads it through the stevedore entry point
'neutron.ml2.mechanism_drivers: devcloud' declared in the dist-info directory
next to this file (PYTHONPATH must include this directory).
"""
import os

from neutron_lib.api.definitions import portbindings
from neutron_lib import constants
from neutron_lib.plugins.ml2 import api

BINDABLE_TYPES = ('flat', 'vlan', 'vxlan', 'geneve', 'gre', 'local')
AGENTLESS_HOSTS = frozenset(filter(None, os.environ.get('DEVCLOUD_AGENTLESS_HOSTS', '').split(',')))


class DevcloudMechanismDriver(api.MechanismDriver):

    def initialize(self):
        pass

    @property
    def connectivity(self):
        return portbindings.CONNECTIVITY_L2

    def bind_port(self, context):
        if context.host not in AGENTLESS_HOSTS:
            return
        for segment in context.segments_to_bind:
            if segment[api.NETWORK_TYPE] in BINDABLE_TYPES:
                context.set_binding(
                    segment[api.ID], portbindings.VIF_TYPE_OVS,
                    {portbindings.CAP_PORT_FILTER: True,
                     portbindings.OVS_HYBRID_PLUG: False,
                     portbindings.VIF_DETAILS_CONNECTIVITY:
                         portbindings.CONNECTIVITY_L2},
                    status=constants.PORT_STATUS_ACTIVE)
                return
