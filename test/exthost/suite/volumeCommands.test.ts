/// <reference types="mocha" />
// The volume commands against the dev cloud, their input through the real quick input and their effect in the
// explorer: on a cloud without Cinder the category says so in one row; Create Volume (name, blank, size) shows
// the new row at once and polls it to available; attached to an instance on the fake host, the row says to which
// instance at which device; a snapshot is the volume's child; Delete is refused with the fix named (detach from
// the instance, delete the snapshot); Extend, Detach, Delete.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OpenStackExplorerApi } from '../../../src/extension';
import type { Changed } from '../../../src/ui/commandKit';
import type { CategoryNode } from '../../../src/ui/tree/categoryNode';
import type { Scope, Target } from '../../../src/core/target';
import type { ExplorerNode } from '../../../src/ui/tree/node';
import { collectVolumeCreate, executeVolumeCreate, executeVolumeDelete, executeVolumeExtend } from '../../../src/features/volumes/volumeCommands';
import { executeVolumeAttach, executeVolumeDetach } from '../../../src/features/volumes/attachCommands';
import { executeSnapshotCreate, executeSnapshotDelete } from '../../../src/features/volumes/snapshotCommands';
import { volumeCreateCli } from '../../../src/features/volumes/model/volumesFormat';
import type { Volume } from '../../../src/openstack/blockStorageModels';
import { OpenStackClient } from '../../../src/openstack/client';
import { clientOptionsFor } from '../../../src/openstack/clientOptions';
import { OpenStackError } from '../../../src/openstack/errors';
import { FAKE_AZ, until } from '../../support/devcloud';
import { explorerApi } from './api';
import { accept, spyPrompts } from './prompts';
import { label, treeQueries } from './treeQueries';

const tag = `vc${Date.now() % 100000}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Volume commands on the dev cloud', function () {
  this.timeout(240_000);
  let api: OpenStackExplorerApi;
  let target: Target;
  let volume: Volume | undefined;
  let serverId = '';
  const undo: (() => Promise<unknown>)[] = [];
  const never = new AbortController().signal;
  const { children, child } = treeQueries(() => api);
  const changed: Changed = (kind) => api.explorer.refreshCategory('devcloud', target.projectId, kind);
  let held: CategoryNode | undefined;
  let rebuilt: vscode.Disposable | undefined;
  const volumes = async (): Promise<CategoryNode> => {
    if (!held) {
      held = await child(await child(await child(undefined, 'devcloud'), 'demo'), 'Volumes') as CategoryNode;
      await children(held);
    }
    return held;
  };
  /** The row of the volume NAME: its label, description and context value. */
  const row = async (name: string) => {
    const item = (await child(await volumes(), name)).treeItem();
    return { description: String(item.description), context: String(item.contextValue) };
  };
  /** Until the tree (reloaded by the poller, never by the test) shows what TEST accepts. */
  const treeShows = async (what: string, test: (r: { description: string; context: string }) => boolean) => {
    for (let i = 0; i < 120; i++) {
      const r = await row(`${tag}-data`).catch(() => undefined);
      if (r && test(r)) return r;
      await sleep(1000);
    }
    assert.fail(`the tree never showed ${what}: ${JSON.stringify(await row(`${tag}-data`).catch((e: unknown) => String(e)))}`);
  };

  before(async () => {
    api = await explorerApi();
    rebuilt = api.explorer.onDidChangeTreeData((node) => { if (!node) held = undefined; });
    const cloud = api.registry.cloud('devcloud');
    assert.ok(cloud, 'the dev cloud is in clouds.yaml');
    const client = OpenStackClient.create(clientOptionsFor(cloud, {}));
    await client.session.token();
    target = { cloud: 'devcloud', projectId: client.session.projectId!, client };
    // an instance on the fake host to attach to (no guest runs there, so it is ACTIVE in seconds)
    const [images, flavors] = await Promise.all([client.image.images({ status: 'active' }).toArray(), client.compute.flavors().toArray()]);
    const flavor = [...flavors].sort((a, b) => a.ram - b.ram)[0];
    ({ id: serverId } = await client.compute.createServer({ name: `${tag}-vm`, imageRef: images[0].id, flavorRef: flavor.id, networks: 'none', availabilityZone: FAKE_AZ }));
    undo.push(() => client.compute.deleteServer(serverId));
    await until(`${tag}-vm ACTIVE`, async () => (await client.compute.server(serverId)).status === 'ACTIVE', 120_000, 1000);
    await volumes();   // loaded, so that the commands refresh it
  });

  after(async () => {
    rebuilt?.dispose();
    for (const step of undo.splice(0).reverse()) await step().catch((err: unknown) => console.error('cleanup:', err));
    await target?.client.close();
  });

  it('on a cloud without Cinder the category stays, with one row that says so', async () => {
    const project = await child(await child(undefined, 'devcloud'), 'demo') as ExplorerNode & { scope: Scope };
    const session = (await project.scope.client()).session;
    const hasService = session.hasService;
    // the catalog as a cloud without block storage has it, for this project's listing only
    session.hasService = async (type, signal) => type !== 'block-storage' && hasService.call(session, type, signal);
    try {
      await api.explorer.refresh(project);
      const category = await child(project, 'Volumes');
      assert.deepEqual((await children(category)).map(label), ['This cloud has no block storage (Cinder): instances keep their data on their local disks.']);
    } finally {
      session.hasService = hasService;
      await api.explorer.refresh(project);
      held = undefined;
    }
    assert.notEqual((await children(await volumes())).map(label)[0], 'This cloud has no block storage (Cinder): instances keep their data on their local disks.');
  });

  it('Create Volume: name, blank, 1 GiB through the quick input; the row shows at once and is polled to available', async () => {
    const spy = spyPrompts();
    try {
      const collecting = collectVolumeCreate(target);
      const name = await spy.when(1) as vscode.InputBox;
      name.value = `${tag}-data`;
      await sleep(300);
      await accept();                                    // 1 name
      const source = await spy.when(2) as vscode.QuickPick<vscode.QuickPickItem>;
      assert.deepEqual(source.items.map((i) => i.label), ['Blank', 'From an image…', 'From a snapshot…']);
      await accept();                                    // 2 source: blank
      const size = await spy.when(3) as vscode.InputBox;
      assert.equal(size.value, '1');
      assert.match(size.prompt ?? '', /^Size in GiB \(at least 1; the quota leaves \d+\)$/);
      await accept();                                    // 3 size: 1 (the dev cloud has one type and one zone: no more steps)
      const spec = await collecting;
      assert.deepEqual(spec, { name: `${tag}-data`, size: 1, source: { kind: 'blank' } });
      assert.equal(volumeCreateCli({ cloud: 'devcloud' }, spec), `openstack --os-cloud devcloud volume create --size 1 ${tag}-data`);
      volume = await executeVolumeCreate(spec, target, never, changed);
    } finally {
      spy.restore();
    }
    const v = volume;
    undo.push(() => removeVolume(target, v.id));
    assert.match((await row(`${tag}-data`)).context, /\bopenstack\.volume\b/, 'shown at once');
    assert.ok(api.explorer.poller.isWatching(await volumes()) || /status-available/.test((await row(`${tag}-data`)).context), 'polled while creating');
    await treeShows('it available', (r) => /^available · 1 GiB$/.test(r.description));
  });

  it('loads Volumes without asking for any volume\'s snapshots; expanding one asks once', async function () {
    if (!volume) this.skip();
    const category = await volumes();
    const storage = (await category.scope.client()).blockStorage;
    const asked: string[] = [];
    const original = storage.snapshots;
    storage.snapshots = (query = {}) => {
      asked.push(query.volumeId ?? '');
      return original.call(storage, query);
    };
    try {
      await api.explorer.refreshCategory('devcloud', target.projectId, 'volumes');
      const rows = await children(category);
      assert.ok(rows.some((r) => label(r) === `${tag}-data`));
      assert.deepEqual(asked, [], 'a row\'s snapshots are read when it is expanded, not when the category loads');
      await children(await child(category, `${tag}-data`));
      assert.deepEqual(asked, [volume.id]);
    } finally {
      storage.snapshots = original;
    }
  });

  it('attached: the row names the instance and the device; a snapshot is its child; Delete is refused with both fixes named', async function () {
    if (!volume) this.skip();
    const v = volume;
    const { device } = await executeVolumeAttach(serverId, v.id, target, never, changed);
    const attached = await treeShows('it attached', (r) => r.description.startsWith('in-use') && r.description.includes(`attached to ${tag}-vm at /dev/`));
    assert.match(attached.context, /\battached\b/);
    if (device) assert.ok(attached.description.includes(device), `${attached.description} names ${device}`);
    await executeSnapshotCreate({ ...v, status: 'in-use' }, `${tag}-snap`, target, never, changed);
    const snapshots = await children(await child(await volumes(), `${tag}-data`));
    assert.deepEqual(snapshots.map(label), [`${tag}-snap`]);
    assert.match(String(snapshots[0].treeItem().description), /^available · 1 GiB$/);
    const refused = await executeVolumeDelete(v, target, never, changed).then(() => assert.fail('expected a refusal'), (err: unknown) => err as Error);
    assert.equal(refused.name, 'Refused');
    assert.match(refused.message, new RegExp(`^Cinder keeps volume ${tag}-data: Detach it from ${tag}-vm first\\. Delete its snapshot first\\. \\(Cinder said: Invalid volume: `));
    const snapshotId = (snapshots[0] as unknown as { snapshot: { id: string } }).snapshot.id;
    await executeSnapshotDelete(snapshotId, target, never, changed);
    assert.deepEqual((await children(await child(await volumes(), `${tag}-data`))).map(label), ['No snapshots']);
  });

  it('Extend, Detach and Delete: the row follows each', async function () {
    if (!volume) this.skip();
    const v = volume;
    await executeVolumeExtend({ ...v, status: 'in-use' }, 2, target, never, changed);
    await treeShows('it extended to 2 GiB', (r) => r.description.startsWith('in-use · 2 GiB'));
    await executeVolumeDetach(serverId, v.id, target, never, changed);
    await treeShows('it detached', (r) => r.description === 'available · 2 GiB');
    await executeVolumeDelete(v, target, never, changed);
    for (let i = 0; i < 120 && (await children(await volumes())).some((n) => label(n) === `${tag}-data`); i++) await sleep(1000);
    assert.ok(!(await children(await volumes())).some((n) => label(n) === `${tag}-data`), 'gone from the tree');
    await until('gone from Cinder', async () => target.client.blockStorage.volume(v.id).then(() => false, (e: unknown) => e instanceof OpenStackError && e.status === 404), 60_000, 1000);
    volume = undefined;
  });
});

/** Cleanup whatever a failed test left of volume ID: its snapshots, its attachment, then the volume itself (bounded waits). */
async function removeVolume(target: Target, id: string): Promise<void> {
  const { blockStorage, compute } = target.client;
  if (!(await blockStorage.volume(id).then(() => true, (e: unknown) => !(e instanceof OpenStackError && e.status === 404)))) return;   // the test deleted it
  for (const s of await blockStorage.snapshots({ volumeId: id }).toArray()) await blockStorage.deleteSnapshot(s.id).catch(() => undefined);
  await until('its snapshots gone', async () => (await blockStorage.snapshots({ volumeId: id }).toArray()).length === 0, 60_000, 1000);
  for (const a of (await blockStorage.volume(id)).attachments) await compute.detachVolume(a.serverId, id).catch(() => undefined);
  await until('it detached', async () => (await blockStorage.volume(id)).status === 'available', 60_000, 1000);
  await blockStorage.deleteVolume(id);
}
