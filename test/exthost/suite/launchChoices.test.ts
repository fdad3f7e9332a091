/// <reference types="mocha" />
// What Launch Instance offers a member, through the real quick input, in a fresh project of demo's: a flavor
// with a zero-size disk (nova refuses to boot an image on it for non-admins with 403) boots from a new volume
// where the cloud has Cinder (the dev cloud does), its local disk listed as unusable with the reason; a network
// without a subnet (nova refuses the launch) is listed as unusable with the reason, and refused in the pick.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { collectLaunch } from '../../../src/features/instances/launchInstance';
import { launchCli } from '../../../src/features/instances/model/launchInstanceInputs';
import { isCancellation } from '../../../src/ui/runCommand';
import type { Target } from '../../../src/core/target';
import { explorerApi } from './api';
import { openstack } from '../../support/devcloud';
import { accept, spyPrompts } from './prompts';

const tag = `launch${Date.now() % 100000}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Pick = vscode.QuickPick<vscode.QuickPickItem>;
const itemOf = (pick: Pick, name: string) => {
  const item = pick.items.find((i) => i.label.endsWith(name));
  assert.ok(item, `no ${name} in ${pick.title}: ${pick.items.map((i) => i.label).join(', ')}`);
  return item;
};
/** The codicon an item shows before its label (the product sets icons as iconPath, never as $(…) text). */
const iconOf = (item: vscode.QuickPickItem) => (item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined);

describe('Launch choices a member cannot use', function () {
  this.timeout(120_000);
  let target: Target;
  const undo: (() => Promise<unknown>)[] = [];

  before(async () => {
    const api = await explorerApi();
    const project = await openstack<{ id: string }>('devcloud-admin', ['project', 'create', '-f', 'json', `${tag}-proj`]);
    undo.push(() => openstack('devcloud-admin', ['project', 'delete', project.id]));
    await openstack('devcloud-admin', ['role', 'add', '--user', 'demo', '--user-domain', 'Default', '--project', project.id, 'member']);
    await openstack('devcloud-admin', ['flavor', 'create', '--vcpus', '1', '--ram', '512', '--disk', '0', `${tag}-zero`]);
    undo.push(() => openstack('devcloud-admin', ['flavor', 'delete', `${tag}-zero`]));
    const client = await api.registry.projectClient('devcloud', project.id);
    target = { cloud: 'devcloud', projectId: project.id, client };
    const bare = await client.network.createNetwork({ name: `${tag}-nosub` });
    undo.push(() => client.network.deleteNetwork(bare.id));
    const net = await client.network.createNetwork({ name: `${tag}-net` });
    undo.push(() => client.network.deleteNetwork(net.id));
    await client.network.createSubnet({ networkId: net.id, cidr: '10.215.0.0/24', name: `${tag}-sub` });
  });

  after(async () => {
    for (const step of undo.splice(0).reverse()) await step().catch((err: unknown) => console.error('cleanup:', err));
  });

  it('boots a zero-disk flavor from a new volume (its local disk unusable), and marks a network without a subnet unusable, with the reason', async () => {
    const { when, restore } = spyPrompts();
    const collecting = collectLaunch(target, (s) => launchCli(s, { cloud: 'devcloud' }));
    try {
      await when(1);
      await accept();                                      // name
      await when(2);
      await accept();                                      // image: the default
      const flavors = await when(3) as Pick;
      const zero = itemOf(flavors, `${tag}-zero`);
      // with Cinder it can be used: the root disk becomes a volume
      assert.equal(iconOf(zero), undefined);
      assert.equal(flavors.activeItems[0]?.label, 'm1.tiny');
      flavors.activeItems = [zero];
      await sleep(300);
      await accept();                                      // flavor: the zero-disk one
      const rootDisk = await when(4) as Pick;
      assert.match(rootDisk.activeItems[0]?.label ?? '', /^Boot from a new volume \(\d+ GiB\), deleted with the instance$/);
      const local = itemOf(rootDisk, 'local disk');
      assert.equal(iconOf(local), 'circle-slash');
      assert.equal(local.detail, 'Cannot be used: a zero-size root disk: only admins may boot an image on it (nova refuses others); choose a flavor with a disk');
      await accept();                                      // root disk: a new volume
      await when(5);
      await accept();                                      // its size: what the image needs
      const networks = await when(6) as Pick;
      const bare = itemOf(networks, `${tag}-nosub`);
      assert.equal(iconOf(bare), 'circle-slash');
      assert.match(bare.detail ?? '', /^Cannot be used: no subnet: nova cannot give the instance an address on it/);
      assert.equal(iconOf(itemOf(networks, `${tag}-net`)), undefined);
      // checking it is refused in place
      for (let i = 0; i < networks.items.length && networks.activeItems[0] !== bare; i++) {
        await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
        await sleep(300);
      }
      assert.equal(networks.activeItems[0], bare);
      await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
      await sleep(300);
      await accept();
      await sleep(400);
      assert.match(String(networks.placeholder), new RegExp(`^${tag}-nosub cannot be used: no subnet`));
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await collecting.then(() => assert.fail('expected a cancellation'), (err: unknown) => assert.ok(isCancellation(err), String(err)));
    } finally {
      restore();
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await collecting.catch(() => undefined);
    }
  });
});
