/// <reference types="mocha" />
// An admin's tree on the dev cloud: resources made in a temporary project (by the admin, who has a role there)
// stay out of the admin's own project node until its "All projects" toggle is on; and the interfaces of HA and
// DVR routers (device owners of their own) are counted and listed like a legacy router's.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OpenStackExplorerApi } from '../../../src/extension';
import { explorerApi } from './api';
import type { ExplorerNode } from '../../../src/ui/tree/node';
import type { OpenStackClient } from '../../../src/openstack/client';
import { openstack } from '../../support/devcloud';
import { label, treeQueries } from './treeQueries';

const tag = `scope${Date.now() % 100000}`;

describe('Admin project scope on the dev cloud', function () {
  this.timeout(180_000);
  let api: OpenStackExplorerApi;
  let temp: OpenStackClient;
  let fipAddress = '';
  const undo: (() => Promise<unknown>)[] = [];
  const { children, child } = treeQueries(() => api);
  const adminCloud = () => child(undefined, 'devcloud-admin');
  const labelsOf = async (project: ExplorerNode, category: string) => (await children(await child(project, category))).map(label);

  /** A router of KIND (`ha` or `distributed`) in the temporary project, with an interface on a subnet of its own. */
  async function routerWithInterface(kind: 'ha' | 'distributed', cidr: string): Promise<void> {
    const net = await temp.network.createNetwork({ name: `${tag}-${kind}-net` });
    undo.push(() => temp.network.deleteNetwork(net.id));
    const subnet = await temp.network.createSubnet({ networkId: net.id, cidr, name: `${tag}-${kind}-sub` });
    const res = await temp.session.request('network', '/routers', { method: 'POST', json: { router: { name: `${tag}-${kind}`, [kind]: true } } });
    const { router } = await res.json<{ router: { id: string } }>();
    undo.push(() => temp.network.deleteRouter(router.id));
    await temp.network.addRouterInterface(router.id, subnet.id);
    undo.push(() => temp.network.removeRouterInterface(router.id, subnet.id));
  }

  before(async () => {
    api = await explorerApi();
    const admin = await api.registry.client('devcloud-admin');
    const project = await openstack<{ id: string }>('devcloud-admin', ['project', 'create', '-f', 'json', `${tag}-proj`]);
    undo.push(() => openstack('devcloud-admin', ['project', 'delete', project.id]));
    await openstack('devcloud-admin', ['role', 'add', '--user', 'admin', '--user-domain', 'Default', '--project', project.id, 'admin']);
    temp = await admin.rescope(project.id);
    const ext = (await temp.network.networks({ external: true }).toArray()).find((n) => n.name === 'ext')!;
    await routerWithInterface('ha', '10.214.1.0/24');
    await routerWithInterface('distributed', '10.214.2.0/24');
    const fip = await temp.network.allocateFloatingIp({ floatingNetworkId: ext.id, description: tag });
    fipAddress = fip.floatingIpAddress;
    undo.push(() => temp.network.releaseFloatingIp(fip.id));
    const group = await temp.network.createSecurityGroup(`${tag}-sg`);
    undo.push(() => temp.network.deleteSecurityGroup(group.id));
    const image = await temp.image.createImage({ name: `${tag}-img`, diskFormat: 'raw', visibility: 'private' });
    undo.push(() => temp.image.deleteImage(image.id));
    const dir = await mkdtemp(path.join(os.tmpdir(), `${tag}-`));
    await writeFile(path.join(dir, 'disk.raw'), Buffer.alloc(4096));
    await temp.image.uploadImage(image.id, path.join(dir, 'disk.raw'));
    await rm(dir, { recursive: true, force: true });
    api.explorer.refreshAll();
  });

  after(async () => {
    for (const step of undo.splice(0).reverse()) await step().catch((err: unknown) => console.error('cleanup:', err));
    api?.explorer.refreshAll();
  });

  it("lists another project's networks, routers, floating IPs, groups and images under an admin's project only with All projects on", async () => {
    const own = await child(await adminCloud(), 'admin');
    const theirs = [`${tag}-ha-net`, `${tag}-ha`, fipAddress, `${tag}-sg`, `${tag}-img`];
    const categories = ['Networks', 'Routers', 'Floating IPs', 'Security Groups', 'Images'];
    const listed = async (project: ExplorerNode) => (await Promise.all(categories.map((c) => labelsOf(project, c)))).flat();

    const narrowed = await listed(own);
    assert.deepEqual(theirs.filter((name) => narrowed.includes(name)), [], 'none of the other project\'s resources');
    // what the project sees besides its own: the external network and the public images
    const publicImages = (await (await api.registry.client('devcloud-admin')).image.images({ visibility: 'public' }).toArray()).map((i) => i.name);
    assert.ok(narrowed.includes('ext') && publicImages.length > 0 && publicImages.every((name) => narrowed.includes(name)), narrowed.join(', '));

    assert.match(String(own.treeItem().contextValue), /\badmin-one-project\b/, 'the toggle is offered');
    await vscode.commands.executeCommand('openstack.showAllProjects', own);
    const all = await child(await adminCloud(), 'admin');
    assert.match(String(all.treeItem().description), /all projects/);
    assert.match(String(all.treeItem().contextValue), /\badmin-all-projects\b/);
    const everything = await listed(all);
    assert.deepEqual(theirs.filter((name) => !everything.includes(name)), [], 'every one of them');

    await vscode.commands.executeCommand('openstack.showOneProject', all);
    const back = await listed(await child(await adminCloud(), 'admin'));
    assert.deepEqual(theirs.filter((name) => back.includes(name)), []);
  });

  it('counts and lists the interfaces of HA and DVR routers', async () => {
    const routers = await child(await child(await adminCloud(), `${tag}-proj`), 'Routers');
    for (const kind of ['ha', 'distributed']) {
      const router = await child(routers, `${tag}-${kind}`);
      const item = router.treeItem();
      assert.equal(item.description, 'no gateway · 1 interface', `${kind} router`);
      assert.match(String(item.contextValue), /\bhas-interfaces\b/, 'so that Remove Interface is offered');
      assert.deepEqual((await children(router)).map(label), [`Interface: ${tag}-${kind}-net`]);
    }
  });
});
