/// <reference types="mocha" />
// How a category loads, in the real extension host on routers made for the test in the demo project: sorted by
// name, openstack.pageSize taken up by the next Refresh or render, a count with "+" announced to the view, pages
// read with Load more kept by a poll, a Refresh that loads once, a refused command that reloads nothing, and
// VERIFY_RESIZE (waiting for the user) not taken for a transition.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OpenStackExplorerApi } from '../../../src/extension';
import { explorerApi } from './api';
import type { ExplorerNode } from '../../../src/ui/tree/node';
import { serverInTransition } from '../../../src/features/instances/serverNode';
import type { OpenStackClient } from '../../../src/openstack/client';
import type { Server } from '../../../src/openstack/computeModels';
import { label, treeQueries } from './treeQueries';

const tag = `fix-tree-load-${Date.now() % 100000}`;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const LOAD_MORE = 'Load more…';

describe('Explorer category loading on the dev cloud', function () {
  this.timeout(120_000);
  let api: OpenStackExplorerApi;
  let client: OpenStackClient;
  const routerIds: string[] = [];
  const { children, child } = treeQueries(() => api);
  const config = () => vscode.workspace.getConfiguration('openstack');
  const project = async () => child(await child(undefined, 'devcloud'), 'demo');
  const rows = async (category: ExplorerNode) => (await children(category)).filter((r) => label(r) !== LOAD_MORE);
  const ours = (nodes: ExplorerNode[]) => nodes.map(label).filter((l) => l.startsWith(`${tag}-`));

  before(async () => {
    api = await explorerApi();
    client = await api.registry.client('devcloud');
    // created out of name order: Neutron lists by id
    for (const suffix of ['d', 'a', 'e', 'b', 'c']) routerIds.push((await client.network.createRouter({ name: `${tag}-${suffix}` })).id);
  });

  after(async () => {
    await config().update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    for (const id of routerIds) await client.network.deleteRouter(id).catch(() => undefined);
    api?.explorer.refreshAll();
  });

  it('lists a category sorted by name', async () => {
    await config().update('pageSize', 100, vscode.ConfigurationTarget.Global);
    const routers = await child(await project(), 'Routers');
    await api.explorer.refresh(routers);
    assert.deepEqual(ours(await rows(routers)), ['a', 'b', 'c', 'd', 'e'].map((s) => `${tag}-${s}`));
  });

  it('takes a changed openstack.pageSize on the next Refresh of a category, and on its next render', async () => {
    const routers = await child(await project(), 'Routers');
    await config().update('pageSize', 2, vscode.ConfigurationTarget.Global);
    await api.explorer.refresh(routers);
    assert.equal((await rows(routers)).length, 2);
    await config().update('pageSize', 3, vscode.ConfigurationTarget.Global);
    assert.equal((await rows(routers)).length, 3, 'the next render (an expand) reads pages of the new size');
  });

  it('shows the count with "+" when more pages exist, without re-rendering the category its first load filled', async () => {
    await config().update('pageSize', 2, vscode.ConfigurationTarget.Global);
    const demo = await project();
    await api.explorer.refresh(demo);   // fresh, unloaded categories
    const routers = await child(demo, 'Routers');
    const announced: (ExplorerNode | undefined)[] = [];
    const sub = api.explorer.onDidChangeTreeData((node) => announced.push(node));
    try {
      await children(routers);
      await sleep(100);
    } finally {
      sub.dispose();
    }
    assert.equal(routers.treeItem().description, '2+');
    // a re-render would drop the handles of the rows just shown: a network expanded then opens empty
    assert.ok(!announced.some((n) => n?.id === routers.id), 'the first load re-renders nothing');
  });

  it('keeps the pages read with Load more when the poller reloads the category', async () => {
    await config().update('pageSize', 2, vscode.ConfigurationTarget.Global);
    const routers = await child(await project(), 'Routers');
    await api.explorer.refresh(routers);
    const more = (await children(routers)).at(-1)!;
    assert.equal(label(more), LOAD_MORE);
    await vscode.commands.executeCommand('openstack.loadMore', more);
    const shown = (await rows(routers)).map(label);
    assert.equal(shown.length, 4);
    api.explorer.poller.watch(routers as never, true);
    await sleep(500);
    for (let i = 0; i < 100 && api.explorer.poller.isWatching(routers as never); i++) await sleep(100);
    assert.equal(api.explorer.poller.isWatching(routers as never), false, 'the poll ran');
    assert.deepEqual((await rows(routers)).map(label), shown);
    assert.equal(routers.treeItem().description, '4+');
  });

  it('loads a category once on Refresh when nothing in it is in transition', async () => {
    const routers = await child(await project(), 'Routers');
    await api.explorer.refresh(routers);
    assert.equal(api.explorer.poller.isWatching(routers as never), false, 'no second load is scheduled');
  });

  it('reloads no category after a command refused before it sent anything', async () => {
    const instances = await child(await project(), 'Instances');
    // an instance without a network port: Assign Floating IP refuses before any change
    const ghost = { kind: 'server', parent: instances, server: { id: '00000000-0000-4000-8000-000000000000', name: `${tag}-ghost`, addresses: [] } as unknown as Server };
    const reloaded: string[] = [];
    const refreshCategory = api.explorer.refreshCategory;
    api.explorer.refreshCategory = async (cloud, projectId, kind) => {
      reloaded.push(kind);
      return refreshCategory.call(api.explorer, cloud, projectId, kind);
    };
    try {
      await vscode.commands.executeCommand('openstack.assignFloatingIp', ghost);
    } finally {
      api.explorer.refreshCategory = refreshCategory;
    }
    assert.deepEqual(reloaded, []);
  });

  it('does not take VERIFY_RESIZE (waiting for the user to confirm) for a transition', () => {
    const server = (status: string, taskState: string | null = null) => ({ status, taskState }) as unknown as Server;
    assert.equal(serverInTransition(server('VERIFY_RESIZE')), false);
    assert.equal(serverInTransition(server('RESIZE')), true);
    assert.equal(serverInTransition(server('ACTIVE', 'rebooting')), true);
  });
});
