// Neutron against the dev cloud, as demo: a tenant network behind a router on `ext`, floating IPs, security
// group rules, quotas and paging; as admin: provider attributes, which demo may not set.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Network, Port, Router, Subnet } from '../../src/openstack/networkModels';
import { ensureDevcloud } from '../support/devcloud';
import { connect, rejection, runTag, undoAll } from './helpers';

const tag = `${runTag}-net`;
const demo = connect('devcloud');
const admin = connect('devcloud-admin');
const net = demo.client.network;
/** Undo steps, run last-in first-out in `after`. */
const cleanup: (() => Promise<unknown>)[] = [];

before(ensureDevcloud);
after(async () => {
  await undoAll(cleanup);
  await Promise.all([demo.close(), admin.close()]);
});

describe('neutron', { concurrency: true }, () => {
  describe('a tenant network routed to ext, with floating IPs', { concurrency: false }, () => {
    let ext: Network;
    let network: Network;
    let subnet: Subnet;
    let router: Router;
    let port: Port;

    before(async () => {
      [ext] = await net.networks({ name: 'ext', external: true }).toArray();
      assert.ok(ext, 'the seed has an external network named ext');
    });

    it('creates a network and a subnet with gateway, pools and DNS servers', async () => {
      network = await net.createNetwork({ name: `${tag}-int` });
      cleanup.push(() => net.deleteNetwork(network.id));
      assert.equal(network.name, `${tag}-int`);
      assert.equal(network.external, false);
      assert.equal(network.providerNetworkType, undefined, 'provider fields are admin-only');
      subnet = await net.createSubnet({
        networkId: network.id, name: `${tag}-int-subnet`, cidr: '10.77.0.0/24', dnsNameservers: ['192.0.2.53'],
        allocationPools: [{ start: '10.77.0.100', end: '10.77.0.200' }], enableDhcp: true,
      });
      cleanup.push(() => net.deleteSubnet(subnet.id));
      assert.deepEqual([subnet.cidr, subnet.gatewayIp, subnet.ipVersion, subnet.enableDhcp], ['10.77.0.0/24', '10.77.0.1', 4, true]);
      assert.deepEqual(subnet.allocationPools, [{ start: '10.77.0.100', end: '10.77.0.200' }]);
      assert.deepEqual(subnet.dnsNameservers, ['192.0.2.53']);
      assert.deepEqual((await net.network(network.id)).subnetIds, [subnet.id]);
      assert.deepEqual((await net.subnets({ networkId: network.id }).toArray()).map((s) => s.id), [subnet.id]);
    });

    it('creates a router on ext, clears and sets its gateway, and attaches the subnet', async () => {
      router = await net.createRouter({ name: `${tag}-router`, gateway: { networkId: ext.id } });
      cleanup.push(() => net.deleteRouter(router.id));
      assert.equal(router.gateway?.networkId, ext.id);
      assert.match(router.gateway?.externalFixedIps[0]?.ipAddress ?? '', /^172\.24\.4\./);
      assert.equal((await net.setRouterGateway(router.id, null)).gateway, undefined);
      assert.equal((await net.setRouterGateway(router.id, { networkId: ext.id })).gateway?.networkId, ext.id);
      const { portId } = await net.addRouterInterface(router.id, subnet.id);
      cleanup.push(() => net.removeRouterInterface(router.id, subnet.id));
      const ports = await net.ports({ deviceId: router.id }).toArray();
      const iface = ports.find((p) => p.id === portId);
      assert.equal(iface?.deviceOwner, 'network:router_interface');
      assert.deepEqual(iface?.fixedIps, [{ subnetId: subnet.id, ipAddress: '10.77.0.1' }]);
      assert.equal((await net.routers({ name: `${tag}-router` }).toArray())[0]?.id, router.id);
    });

    it('allocates a floating IP, associates it with a port, disassociates and releases it', async () => {
      port = await net.createPort({ networkId: network.id, name: `${tag}-port` });
      cleanup.push(() => net.deletePort(port.id));
      assert.deepEqual((await net.ports({ networkId: network.id, deviceOwner: '' }).toArray()).map((p) => p.id), [port.id]);
      const fip = await net.allocateFloatingIp({ floatingNetworkId: ext.id, description: tag });
      cleanup.push(() => net.releaseFloatingIp(fip.id));
      assert.match(fip.floatingIpAddress, /^172\.24\.4\./);
      assert.equal(fip.portId, null);
      const fixed = port.fixedIps[0].ipAddress;
      const associated = await net.associateFloatingIp(fip.id, port.id, fixed);
      assert.deepEqual([associated.portId, associated.fixedIpAddress, associated.routerId], [port.id, fixed, router.id]);
      assert.deepEqual((await net.floatingIps({ portId: port.id }).toArray()).map((f) => f.id), [fip.id]);
      assert.equal((await net.disassociateFloatingIp(fip.id)).portId, null);
      await net.releaseFloatingIp(fip.id);
      assert.ok(!(await net.floatingIps().toArray()).some((f) => f.id === fip.id));
      // Allocated and associated in one request.
      const direct = await net.allocateFloatingIp({ floatingNetworkId: ext.id, portId: port.id });
      cleanup.push(() => net.releaseFloatingIp(direct.id));
      assert.equal(direct.portId, port.id);
      await net.releaseFloatingIp(direct.id);
    });

    it("reports neutron's ExternalGatewayForFloatingIPNotFound for a port no router joins to ext", async () => {
      const isolated = await net.createNetwork({ name: `${tag}-isolated` });
      cleanup.push(() => net.deleteNetwork(isolated.id));
      const isolatedSubnet = await net.createSubnet({ networkId: isolated.id, cidr: '10.78.0.0/24' });
      cleanup.push(() => net.deleteSubnet(isolatedSubnet.id));
      const lonely = await net.createPort({ networkId: isolated.id });
      cleanup.push(() => net.deletePort(lonely.id));
      const error = await rejection(net.allocateFloatingIp({ floatingNetworkId: ext.id, portId: lonely.id }));
      assert.equal(error.status, 404);
      assert.equal(error.faultType, 'ExternalGatewayForFloatingIPNotFound');
      assert.match(error.message, /^Neutron: External network [0-9a-f-]+ is not reachable from subnet/);
    });

    it('follows next links when neutron pages (limit=2)', async () => {
      // Scoped to networks no other test file deletes: a marker deleted between two pages is Neutron's 404.
      const names = ['ext', `${tag}-int`, `${tag}-isolated`];
      const ids = (await net.networks().toArray()).filter((n) => names.includes(n.name)).map((n) => n.id);
      const before = demo.log.length;
      const all = await net.networks({ ids, limit: 2 }).toArray();
      assert.deepEqual(all.map((n) => n.name).sort(), [...names].sort());
      const pages = demo.log.slice(before).filter((e) => e.url.includes('/networks?') && e.url.includes('limit=2'));
      assert.equal(pages.length, 2, '2 pages for 3 networks');
      const first = await net.networks({ ids, limit: 2 }).firstPage();
      assert.deepEqual([first.items.length, first.hasMore], [2, true]);
      const second = await net.networks({ ids, limit: 2 }).nextPage(first);
      assert.equal(second.items.length, 1);
      assert.ok(!second.items.some((n) => first.items.some((m) => m.id === n.id)));
    });

    it('says the list changed when the item that ended a page is deleted before the next', async () => {
      const made = [await net.createNetwork({ name: `${tag}-gone` }), await net.createNetwork({ name: `${tag}-gone` })];
      for (const n of made) cleanup.push(() => net.deleteNetwork(n.id));
      const listed = net.networks({ ids: made.map((n) => n.id), limit: 1 });
      const first = await listed.firstPage();
      await net.deleteNetwork(first.items[0].id);
      const error = await rejection(listed.nextPage(first));
      assert.equal(error.status, 404);
      assert.match(error.message, /^Neutron: The list changed while it was read: [0-9a-f-]+, the last item of the page before, is gone\. Reload the list\. \(Network [0-9a-f-]+ could not be found\.\)/);
    });

    it("reads the project's network quotas with usage", async () => {
      const quotas = await net.quotas();
      assert.ok(quotas.network.used >= 2);
      assert.ok(quotas.network.limit > 0);
      assert.ok(quotas.router.used >= 1);
      assert.equal(typeof quotas.floatingip.reserved, 'number');
    });

    it('detaches the subnet from the router', async () => {
      await net.removeRouterInterface(router.id, subnet.id);
      assert.deepEqual(await net.ports({ deviceId: router.id }).toArray(), []);
    });
  });

  describe('security groups', { concurrency: false }, () => {
    it('creates a group, adds and deletes rules, and deletes the group', async () => {
      const group = await net.createSecurityGroup(`${tag}-sg`, 'ssh and ping');
      cleanup.push(() => net.deleteSecurityGroup(group.id));
      assert.deepEqual(group.rules.map((r) => `${r.direction} ${r.ethertype}`).sort(), ['egress IPv4', 'egress IPv6']);
      const ssh = await net.createSecurityGroupRule({
        securityGroupId: group.id, direction: 'ingress', protocol: 'tcp', portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: '0.0.0.0/0',
      });
      assert.deepEqual([ssh.protocol, ssh.portRangeMin, ssh.portRangeMax, ssh.remoteIpPrefix, ssh.ethertype], ['tcp', 22, 22, '0.0.0.0/0', 'IPv4']);
      const ping = await net.createSecurityGroupRule({ securityGroupId: group.id, direction: 'ingress', protocol: 'icmp', ethertype: 'IPv4' });
      const [listed] = await net.securityGroups({ name: `${tag}-sg` }).toArray();
      assert.deepEqual(listed.rules.filter((r) => r.direction === 'ingress').map((r) => r.id).sort(), [ssh.id, ping.id].sort());
      await net.deleteSecurityGroupRule(ssh.id);
      const [after] = await net.securityGroups({ name: `${tag}-sg` }).toArray();
      assert.ok(!after.rules.some((r) => r.id === ssh.id));
      const duplicate = await rejection(net.createSecurityGroupRule({ securityGroupId: group.id, direction: 'ingress', protocol: 'icmp' }));
      assert.equal(duplicate.status, 409);
      assert.equal(duplicate.faultType, 'SecurityGroupRuleExists');
      await net.deleteSecurityGroup(group.id);
      assert.deepEqual(await net.securityGroups({ name: `${tag}-sg` }).toArray(), []);
    });
  });

  describe('provider attributes', { concurrency: false }, () => {
    it('lets admin create a vxlan network with a segmentation id, and refuses demo with neutron’s policy message', async () => {
      const segment = 5000 + (process.pid % 4000);
      const provider = await admin.client.network.createNetwork({ name: `${tag}-provider`, providerNetworkType: 'vxlan', providerSegmentationId: segment });
      cleanup.push(() => admin.client.network.deleteNetwork(provider.id));
      assert.deepEqual([provider.providerNetworkType, provider.providerSegmentationId, provider.providerPhysicalNetwork], ['vxlan', segment, null]);
      const [extAsAdmin] = await admin.client.network.networks({ name: 'ext' }).toArray();
      assert.deepEqual([extAsAdmin.providerNetworkType, extAsAdmin.providerPhysicalNetwork, extAsAdmin.external], ['flat', 'physnet1', true]);
      const refused = await rejection(net.createNetwork({ name: `${tag}-not-allowed`, providerNetworkType: 'vxlan' }));
      assert.equal(refused.status, 403);
      assert.match(refused.serviceMessage ?? '', /disallowed by policy/);
    });
  });
});
