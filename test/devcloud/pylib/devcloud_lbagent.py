"""neutron-linuxbridge-agent with one repair for Debian bookworm's ebtables-nft (1.8.9).

To re-wire a port that already has its MAC anti-spoofing rule (any update of a live port, or
the agent's start while guests run), neutron deletes that rule by its spec
(`ebtables -D neutronMAC-tapX -i tapX --among-src MAC -j RETURN`). ebtables-nft refuses that
delete (RULE_DELETE: Invalid argument), and neutron retries ebtables without a limit, so
the agent loops on that one port forever and never plugs another: every later boot on the
host ends in nova's "Timeout waiting for network-vif-plugged". The kernel here has no
legacy ebtables to fall back to. Instead the port's MAC chain is flushed and given back its
closing DROP, as neutron itself does for the port's ARP chain; the agent then inserts the
current MAC rule above it.
"""
from neutron.cmd.eventlet.plugins import linuxbridge_neutron_agent   # first: eventlet's monkey patching
from neutron.plugins.ml2.drivers.linuxbridge.agent import arp_protect


def _flush_vif_mac_rules(vif, current_rules):
    if any(f'-i {vif} ' in rule and '--among-src' in rule for rule in current_rules):
        chain = arp_protect._mac_chain_name(vif)
        arp_protect.ebtables(['-F', chain])
        arp_protect.ebtables(['-A', chain, '-j', 'DROP'])


arp_protect._delete_vif_mac_rules = _flush_vif_mac_rules
main = linuxbridge_neutron_agent.main
