"""Agentless ML2 mechanism driver for the dev cloud.

Without an L2 agent (OVS, linuxbridge, OVN) no stock mechanism driver binds a
port, and nova fails every boot with PortBindingFailed. This driver binds any
port, on whatever host nova names in binding:host_id, to the first segment of a
supported type, with vif_type 'ovs' as an OVS cloud reports, and marks it ACTIVE
as an agent would once the port is wired. Nothing is wired: the dev cloud has
a control plane only.

neutron-server loads it through the stevedore entry point
'neutron.ml2.mechanism_drivers: devcloud' declared in the dist-info directory
next to this file (PYTHONPATH must include this directory).
"""
from neutron_lib.api.definitions import portbindings
from neutron_lib import constants
from neutron_lib.plugins.ml2 import api

BINDABLE_TYPES = ('flat', 'vlan', 'vxlan', 'geneve', 'gre', 'local')


class DevcloudMechanismDriver(api.MechanismDriver):

    def initialize(self):
        pass

    @property
    def connectivity(self):
        return portbindings.CONNECTIVITY_L2

    def bind_port(self, context):
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
