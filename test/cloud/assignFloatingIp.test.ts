// The one-click "Assign Floating IP" against the dev cloud, in a fresh project of demo's (nothing else in it):
// each refusal offers the fix for the resource that exists, and an admin's assign reuses only its project's own
// free floating IP, not one of another project that its token also lists.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assignFloatingIp } from '../../src/features/networks/model/networkActions';
import { Refused } from '../../src/core/refusals';
import type { Target } from '../../src/core/target';
import type { OpenStackClient } from '../../src/openstack/client';
import type { Network } from '../../src/openstack/networkModels';
import { ensureDevcloud } from '../support/devcloud';
import { connect, memberProject, runTag, undoAll } from './helpers';

const tag = `${runTag}-fix`;
const demo = connect('devcloud');
const admin = connect('devcloud-admin');
const cleanup: (() => Promise<unknown>)[] = [];


/** The refusal assignFloatingIp throws. */
async function refusal(promise: Promise<unknown>): Promise<Refused> {
  const err = await promise.then(() => assert.fail('expected a refusal'), (e: unknown) => e);
  assert.ok(err instanceof Refused, `not a refusal: ${String(err)}`);
  return err;
}

before(ensureDevcloud);
after(async () => {
  await undoAll(cleanup);
  await Promise.all([demo.close(), admin.close()]);
});

describe('one-click Assign Floating IP', { concurrency: false }, () => {
  let client: OpenStackClient;
  let target: Target;
  let ext: Network;
  let serverId: string;
  let subnetName: string;

  before(async () => {
    client = await memberProject(admin, demo, tag, cleanup);
    target = { cloud: 'devcloud', projectId: client.session.projectId!, client };
    ext = (await client.network.networks({ external: true }).toArray()).find((n) => n.name === 'ext')!;
    assert.ok(ext, 'the dev cloud has its external network ext');
    const network = await client.network.createNetwork({ name: `${tag}-net` });
    cleanup.push(() => client.network.deleteNetwork(network.id));
    const subnet = await client.network.createSubnet({ networkId: network.id, name: `${tag}-sub`, cidr: '10.213.7.0/24' });
    subnetName = `${subnet.name} (${subnet.cidr})`;
    // an instance's port, as assign finds it: by its device id
    serverId = `${tag}-vm`;
    const res = await client.session.request('network', '/ports', {
      method: 'POST', json: { port: { network_id: network.id, name: `${tag}-port`, device_id: serverId, device_owner: 'compute:nova' } },
    });
    const { port } = await res.json<{ port: { id: string } }>();
    cleanup.push(() => client.network.deletePort(port.id));
  });

  it('offers Create Router… only when the project has no router', async () => {
    const refused = await refusal(assignFloatingIp(serverId, 'vm', target));
    assert.match(refused.message, new RegExp(`no router connects subnet ${subnetName.replace(/[().]/g, '\\$&')}: create a router`));
    assert.deepEqual(refused.fix, { title: 'Create Router…', command: 'openstack.createRouter' });
  });

  it('offers Add Router Interface on the existing router, naming the detached subnet', async () => {
    const router = await client.network.createRouter({ name: `${tag}-r` });
    cleanup.push(() => client.network.deleteRouter(router.id));
    const refused = await refusal(assignFloatingIp(serverId, 'vm', target));
    assert.match(refused.message, new RegExp(`no router connects subnet ${subnetName.replace(/[().]/g, '\\$&')}: add an interface on it to router ${tag}-r, and set the router's gateway`));
    assert.equal(refused.fix?.title, `Add Router Interface on ${tag}-r…`);
    assert.equal(refused.fix?.command, 'openstack.addRouterInterface');
    const [node] = refused.fix!.args as { kind: string; router: { id: string }; subnetId: string; scope: { projectId: string } }[];
    assert.equal(node.kind, 'router');
    assert.equal(node.router.id, router.id);
    assert.equal(node.subnetId, (await client.network.subnets({ name: `${tag}-sub` }).toArray())[0].id);
    assert.equal(node.scope.projectId, target.projectId, 'the fix acts in the project of the refused command');
  });

  it('offers Set Router Gateway on the router that has the subnet but no gateway', async () => {
    const [router] = await client.network.routers({ name: `${tag}-r` }).toArray();
    const [subnet] = await client.network.subnets({ name: `${tag}-sub` }).toArray();
    await client.network.addRouterInterface(router.id, subnet.id);
    cleanup.push(() => client.network.removeRouterInterface(router.id, subnet.id));
    const refused = await refusal(assignFloatingIp(serverId, 'vm', target));
    assert.match(refused.message, new RegExp(`router ${tag}-r serves subnet ${subnetName.replace(/[().]/g, '\\$&')} but has no external gateway: set one`));
    assert.equal(refused.fix?.title, `Set Router Gateway on ${tag}-r…`);
    assert.equal(refused.fix?.command, 'openstack.setRouterGateway');
    assert.equal((refused.fix!.args as { router: { id: string } }[])[0].router.id, router.id);
  });

  it("reuses only the project's own free floating IP when an admin's token lists another project's", async () => {
    const [router] = await client.network.routers({ name: `${tag}-r` }).toArray();
    await client.network.setRouterGateway(router.id, { networkId: ext.id });
    cleanup.push(() => client.network.setRouterGateway(router.id, null));
    // a free floating IP of the admin's project, which the admin's token lists along with everyone's
    const foreign = await admin.client.network.allocateFloatingIp({ floatingNetworkId: ext.id, description: tag });
    cleanup.push(() => admin.client.network.releaseFloatingIp(foreign.id));
    const own = await client.network.allocateFloatingIp({ floatingNetworkId: ext.id, description: tag });
    cleanup.push(() => client.network.releaseFloatingIp(own.id));
    // the admin acts in the fresh project with its own (unscoped-listing) token
    const adminInProject: Target = { cloud: 'devcloud-admin', projectId: target.projectId, client: admin.client };
    const { floatingIp, reused } = await assignFloatingIp(serverId, 'vm', adminInProject);
    cleanup.push(() => client.network.disassociateFloatingIp(floatingIp.id));
    assert.equal(reused, true);
    assert.equal(floatingIp.id, own.id, `reused ${floatingIp.floatingIpAddress}, not the project's ${own.floatingIpAddress}`);
  });
});
